package io.mirrorconnect.json;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Kafka's {@link JsonConverter} with exact floating-point specials on the way back. The bytes are JsonConverter's
 * own (this class writes exactly what it writes), but JsonConverter reads {@code NaN}, {@code Infinity} and
 * {@code -Infinity} (which it writes as JSON strings) back as {@code 0.0}, and {@code -0.0} as {@code 0.0} (it parses
 * numbers as BigDecimal, which has no negative zero). A mirror must not turn a Postgres {@code 'NaN'::float8} into 0.
 *
 * <p>So after JsonConverter's conversion, a FLOAT32/FLOAT64 value (in a struct, array or map, at any depth) that came
 * back as zero is looked up in the JSON text, read by a plain Jackson parser that keeps them, and replaced with the
 * special value the text holds. Records whose schema has no float field, or none that is zero, are not parsed twice.
 * Use it as {@code key.converter}/{@code value.converter} wherever JsonConverter would be: it is in every Mirror
 * Connect plugin archive (docs/record-contract.md, "JSON").
 *
 * <p>Reading is also cheaper than JsonConverter's: with schemas enabled every record carries its whole schema (most of
 * its bytes), which JsonConverter parses into a tree and hashes for its schema cache per record. Here a record of the
 * plain envelope shape JsonConverter writes ({@link JsonEnvelope}) has its schema looked up by its bytes
 * ({@link SchemaBytesCache}) and only its payload parsed, by JsonConverter's own mapper and conversion
 * ({@link JsonConverterInternals}), so the result and every error are JsonConverter's; any other record, and any record
 * the fast path fails on, is converted by JsonConverter as a whole ({@code ExactJsonConverterEquivalenceTest}). A record
 * whose schema bytes are those of the record before it (a topic's usual record) skips the JSON tree too: its payload
 * is read straight into Connect data by {@link JsonPayloadReader}, which takes only plain JSON of the shapes
 * JsonConverter writes and leaves everything else to the tree path ({@code JsonPayloadReaderTest}).
 * JVM system property {@code mirror.json.wholeRecords=true} turns the fast path off.
 *
 * <p>It wraps a {@link JsonConverter} rather than extending it: plugins load their own Jackson, the worker's
 * JsonConverter uses the worker's, and a subclass would tie the two together (a loader-constraint violation when
 * the worker then builds its own JsonConverter). Only Connect types and bytes cross between the two here.
 */
public class ExactJsonConverter implements Converter, HeaderConverter, Versioned {
    /**
     * A plain mapper: it reads floats as doubles (so -0.0 keeps its sign) and JsonConverter writes NaN/±Infinity as
     * quoted strings. Only databind's API is used here, never jackson-core's types: a plugin may bundle jackson-core
     * without databind (snowflake-sink does), and passing its core classes to the worker's databind would tie the
     * two class loaders together (a loader-constraint violation when the worker next builds a JsonConverter).
     */
    private static final ObjectMapper EXACT = new ObjectMapper();
    /** JVM system property: {@code true} converts every record with JsonConverter as a whole (for comparisons). */
    static final String DISABLE_FAST_PATH = "mirror.json.wholeRecords";

    private final JsonConverter json = new JsonConverter();
    private final Map<Schema, Boolean> hasFloats = new ConcurrentHashMap<>();
    /**
     * The last schema read and whether it has float fields: consecutive records share one schema instance (the
     * schema cache hands out one per schema text), so most look-ups skip {@link #hasFloats}, whose key hash walks
     * the whole schema.
     */
    private volatile LastSchema<Boolean> lastRead;
    private boolean schemasEnabled = JsonConverterConfig.SCHEMAS_ENABLE_DEFAULT;
    /** JsonConverter's own steps, for records of the plain envelope shape; null: convert whole records. */
    private JsonConverterInternals steps;
    private SchemaBytesCache schemas = new SchemaBytesCache(JsonConverterConfig.SCHEMAS_CACHE_SIZE_DEFAULT);
    /** JsonConverter's own write steps; null: write whole records. */
    private JsonConverterWriteSteps writeSteps;
    /**
     * The JSON of the schemas written so far, by identity (a source reuses one Schema object per table shape);
     * emptied when it holds {@code schemas.cache.size} schemas.
     */
    private final Map<Schema, byte[]> schemaJson = new IdentityHashMap<>();
    private int schemaJsonLimit = JsonConverterConfig.SCHEMAS_CACHE_SIZE_DEFAULT;
    /** The last schema written and its JSON: a topic's records share one schema instance, so this is the usual hit. */
    private volatile LastSchema<byte[]> lastWritten;

    /** A schema instance and what was derived from it, for the identity check before the maps. */
    private record LastSchema<T>(Schema schema, T derived) {
    }

    @Override
    public String version() {
        return json.version();
    }

    @Override
    public ConfigDef config() {
        return json.config();
    }

    /** As a header converter. */
    @Override
    public void configure(Map<String, ?> configs) {
        json.configure(configs);
        JsonConverterConfig config = new JsonConverterConfig(configs);
        schemasEnabled = config.schemasEnabled();
        configured(config.schemaCacheSize());
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        json.configure(configs, isKey);
        Object v = configs.get(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG);
        schemasEnabled = v == null ? JsonConverterConfig.SCHEMAS_ENABLE_DEFAULT : Boolean.parseBoolean(v.toString());
        Object size = configs.get(JsonConverterConfig.SCHEMAS_CACHE_SIZE_CONFIG);
        configured(size == null ? JsonConverterConfig.SCHEMAS_CACHE_SIZE_DEFAULT : Integer.parseInt(size.toString().trim()));
    }

    private void configured(int schemaCacheSize) {
        schemas = new SchemaBytesCache(schemaCacheSize);
        boolean wholeRecords = Boolean.getBoolean(DISABLE_FAST_PATH);
        steps = wholeRecords ? null : JsonConverterInternals.of(json);
        writeSteps = wholeRecords ? null : JsonConverterWriteSteps.of(json);
        synchronized (schemaJson) {
            schemaJson.clear();
            schemaJsonLimit = Math.max(1, schemaCacheSize);
        }
        lastWritten = null;
    }

    /** Whether records of the plain envelope shape skip parsing their schema (for tests and benchmarks). */
    boolean fastPathEnabled() {
        return steps != null;
    }

    /** Whether records with a schema are written with the schema's JSON cached (for tests and benchmarks). */
    boolean writeFastPathEnabled() {
        return writeSteps != null;
    }

    /**
     * JsonConverter's bytes. With schemas enabled they are {@code {"schema":S,"payload":P}}: S is the same for every
     * record of a schema, so it is written once and copied, and only P is converted per record (JsonConverter's own
     * steps); any failure goes to JsonConverter, which then reports it in its own words.
     */
    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (schemasEnabled && writeSteps != null && schema != null) {
            byte[] written = writeEnvelope(schema, value);
            if (written != null) {
                return written;
            }
        }
        return json.fromConnectData(topic, schema, value);
    }

    @Override
    public byte[] fromConnectData(String topic, Headers headers, Schema schema, Object value) {
        return fromConnectData(topic, schema, value); // JsonConverter ignores the headers too
    }

    private static final byte[] SCHEMA_FIELD = "{\"schema\":".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD_FIELD = ",\"payload\":".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private byte[] schemaJsonOf(Schema schema) {
        LastSchema<byte[]> last = lastWritten;
        if (last != null && last.schema() == schema) {
            return last.derived();
        }
        byte[] s;
        synchronized (schemaJson) {
            s = schemaJson.get(schema);
        }
        if (s == null) {
            s = writeSteps.schemaJson(schema);
            synchronized (schemaJson) {
                if (schemaJson.size() >= schemaJsonLimit) {
                    schemaJson.clear();
                }
                schemaJson.put(schema, s);
            }
        }
        lastWritten = new LastSchema<>(schema, s);
        return s;
    }

    private byte[] writeEnvelope(Schema schema, Object value) {
        try {
            byte[] s = schemaJsonOf(schema);
            byte[] p = writeSteps.payloadJson(schema, value);
            byte[] out = new byte[SCHEMA_FIELD.length + s.length + PAYLOAD_FIELD.length + p.length + 1];
            int at = 0;
            System.arraycopy(SCHEMA_FIELD, 0, out, at, SCHEMA_FIELD.length);
            at += SCHEMA_FIELD.length;
            System.arraycopy(s, 0, out, at, s.length);
            at += s.length;
            System.arraycopy(PAYLOAD_FIELD, 0, out, at, PAYLOAD_FIELD.length);
            at += PAYLOAD_FIELD.length;
            System.arraycopy(p, 0, out, at, p.length);
            out[out.length - 1] = '}';
            return out;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, Headers headers, byte[] value) {
        return toConnectData(topic, value);
    }

    @Override
    public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
        return json.toConnectHeader(topic, headerKey, value);
    }

    @Override
    public byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value) {
        return json.fromConnectHeader(topic, headerKey, schema, value);
    }

    @Override
    public void close() {
        json.close();
    }

    private boolean hasFloats(Schema schema) {
        LastSchema<Boolean> last = lastRead;
        if (last != null && last.schema() == schema) {
            return last.derived();
        }
        boolean floats = hasFloats.computeIfAbsent(schema, ExactJsonConverter::containsFloat);
        lastRead = new LastSchema<>(schema, floats);
        return floats;
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL; // as JsonConverter
        }
        SchemaBytesCache.Entry last = schemasEnabled && steps != null ? schemas.last() : null;
        // a record of the previous record's schema, written as JsonConverter writes it: its payload read straight
        // into Connect data (JsonPayloadReader), unless the reader gives up on it
        int knownFrom = last == null ? -1 : JsonEnvelope.payloadAfter(value, last.bytes());
        if (knownFrom >= 0) {
            SchemaAndValue direct = readPayload(value, knownFrom, last.schema());
            if (direct != null) {
                return direct; // floats exact already
            }
        }
        JsonEnvelope envelope = schemasEnabled && steps != null
                ? JsonEnvelope.locate(value, last == null ? null : last.bytes()) : null;
        SchemaAndValue converted = null;
        if (envelope != null) {
            // another schema than the previous record's (several topics interleaved, a schema change): found by its
            // bytes, then the payload read directly when the reader takes it, else through the tree. Under the
            // previous record's schema the reader has already given up on this payload: straight to the tree.
            Schema schema = schemaOf(value, envelope);
            SchemaAndValue direct = schema == null || knownFrom >= 0 ? null
                    : readPayload(value, envelope.payloadFrom, schema);
            if (direct != null) {
                return direct;
            }
            converted = schema == null ? null : convertPayload(value, envelope, schema);
        }
        if (converted == null) {
            envelope = null;
            converted = json.toConnectData(topic, value);
        }
        Schema schema = converted.schema();
        if (!schemasEnabled || schema == null || converted.value() == null
                || !hasFloats(schema)
                || !hasZeroFloat(schema, converted.value())) {
            return converted;
        }
        JsonNode payload;
        try {
            payload = envelope != null ? EXACT.readTree(value, envelope.payloadFrom, envelope.payloadLength())
                    : EXACT.readTree(value).get("payload");
        } catch (IOException e) {
            throw new DataException("cannot re-read a JSON record of topic " + topic + " for its float values", e);
        }
        return new SchemaAndValue(schema, restore(schema, converted.value(), payload));
    }

    /** The payload at {@code from} read by {@link JsonPayloadReader} under {@code schema}; null when it gives up. */
    private SchemaAndValue readPayload(byte[] value, int from, Schema schema) {
        Object payload = JsonPayloadReader.readPayload(value, from, schema, steps.replaceNullWithDefault());
        return payload == null ? null : new SchemaAndValue(schema, payload);
    }

    /**
     * The schema of a plain envelope, looked up by its bytes instead of parsed and hashed as a tree per record (parsed
     * by JsonConverter's own steps when new); null when that fails (JsonConverter then converts the whole record and
     * reports the error in its own words).
     */
    private Schema schemaOf(byte[] value, JsonEnvelope envelope) {
        try {
            return schemas.get(value, envelope.schemaFrom, envelope.schemaTo,
                    () -> steps.asConnectSchema(steps.readTree(value, envelope.schemaFrom, envelope.schemaLength())));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * JsonConverter's conversion of a plain envelope's payload done by its own steps; null when any step fails
     * (JsonConverter then converts the whole record and reports the error in its own words).
     */
    private SchemaAndValue convertPayload(byte[] value, JsonEnvelope envelope, Schema schema) {
        try {
            Object payload = steps.readTree(value, envelope.payloadFrom, envelope.payloadLength());
            return new SchemaAndValue(schema, steps.convertToConnect(schema, payload));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether a schema holds FLOAT32/FLOAT64 anywhere (cached per schema). */
    static boolean containsFloat(Schema s) {
        return switch (s.type()) {
            case FLOAT32, FLOAT64 -> true;
            case STRUCT -> s.fields().stream().anyMatch(f -> containsFloat(f.schema()));
            case ARRAY -> containsFloat(s.valueSchema());
            case MAP -> containsFloat(s.keySchema()) || containsFloat(s.valueSchema());
            default -> false;
        };
    }

    private static boolean hasZeroFloat(Schema s, Object v) {
        if (v == null) {
            return false;
        }
        switch (s.type()) {
            case FLOAT32:
            case FLOAT64:
                return ((Number) v).doubleValue() == 0.0;
            case STRUCT: {
                Struct struct = (Struct) v;
                for (Field f : s.fields()) {
                    if (containsFloat(f.schema()) && hasZeroFloat(f.schema(), struct.get(f))) {
                        return true;
                    }
                }
                return false;
            }
            case ARRAY:
                for (Object item : (List<?>) v) {
                    if (hasZeroFloat(s.valueSchema(), item)) {
                        return true;
                    }
                }
                return false;
            case MAP:
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    if (hasZeroFloat(s.keySchema(), e.getKey()) || hasZeroFloat(s.valueSchema(), e.getValue())) {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }

    /** {@code v} with every zero float replaced by the special value its JSON text {@code node} holds. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object restore(Schema s, Object v, JsonNode node) {
        if (v == null || node == null || node.isNull()) {
            return v;
        }
        switch (s.type()) {
            case FLOAT32:
            case FLOAT64: {
                Double special = special(node);
                if (special == null || ((Number) v).doubleValue() != 0.0) {
                    return v;
                }
                return s.type() == Schema.Type.FLOAT32 ? (Object) special.floatValue() : special;
            }
            case STRUCT: {
                Struct struct = (Struct) v;
                for (Field f : s.fields()) {
                    if (containsFloat(f.schema())) {
                        Object fixed = restore(f.schema(), struct.get(f), node.get(f.name()));
                        if (fixed != struct.get(f)) {
                            struct.put(f, fixed);
                        }
                    }
                }
                return struct;
            }
            case ARRAY: {
                List list = (List) v;
                for (int i = 0; i < list.size() && i < node.size(); i++) {
                    Object fixed = restore(s.valueSchema(), list.get(i), node.get(i));
                    if (fixed != list.get(i)) {
                        list.set(i, fixed);
                    }
                }
                return list;
            }
            case MAP:
                // JsonConverter writes a map with string keys as an object, any other as an array of [key, value]
                if (node.isObject() && containsFloat(s.valueSchema())) {
                    Map map = (Map) v;
                    for (Object k : map.keySet()) {
                        map.put(k, restore(s.valueSchema(), map.get(k), node.get(String.valueOf(k))));
                    }
                }
                return v;
            default:
                return v;
        }
    }

    /** NaN, ±Infinity or -0.0 as the JSON text holds them; null for any other value. */
    private static Double special(JsonNode node) {
        if (node.isTextual()) {
            switch (node.textValue()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    return null;
            }
        }
        if (node.isNumber()) {
            double d = node.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d) || (d == 0.0 && Double.doubleToRawLongBits(d) != 0L)) {
                return d;
            }
        }
        return null;
    }
}
