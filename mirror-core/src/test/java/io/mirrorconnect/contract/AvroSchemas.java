package io.mirrorconnect.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Test utility: converts Connect schemas and values to Apache Avro the way Confluent's {@code AvroData} does
 * (so a schema accepted here is one AvroConverter + Schema Registry accept), then proves the result with
 * Avro's own parser and binary encoder.
 *
 * <p>Rules (after AvroData's documented behaviour): structs become records named by the schema's full name;
 * optional schemas become the union {@code ["null", T]} and optional fields get the default null; {@code INT8}
 * and {@code INT16} become {@code int} with {@code connect.type}; Connect {@code Decimal} becomes {@code bytes}
 * with logicalType {@code decimal} (precision from {@code connect.decimal.precision}, default 64), {@code Date}
 * {@code int}/{@code date}, {@code Time} {@code int}/{@code time-millis}, {@code Timestamp}
 * {@code long}/{@code timestamp-millis}; arrays become arrays; maps with string keys become Avro maps, other
 * maps arrays of {@code MapEntry} records; every other named schema becomes its base type with
 * {@code connect.name}; schema parameters travel as {@code connect.parameters}. Connect default values other
 * than null are not converted (the project's schemas have none).
 */
public final class AvroSchemas {
    private static final String CONNECT_NAME = "connect.name";
    private static final String CONNECT_TYPE = "connect.type";
    private static final String CONNECT_PARAMETERS = "connect.parameters";
    private static final String CONNECT_VERSION = "connect.version";
    private static final String CONNECT_DOC = "connect.doc";
    private static final String DECIMAL_PRECISION = "connect.decimal.precision";
    private static final int DEFAULT_DECIMAL_PRECISION = 64;
    private static final String MAP_ENTRY = "io.confluent.connect.avro.MapEntry";
    private static final String DEFAULT_RECORD = "io.confluent.connect.avro.ConnectDefault";

    private AvroSchemas() {
    }

    /** The Avro schema of a Connect schema, as text re-parsed by {@code new Schema.Parser()} (which validates it). */
    public static org.apache.avro.Schema toAvro(Schema schema) {
        org.apache.avro.Schema built = convert(schema, new Names());
        return new org.apache.avro.Schema.Parser().parse(built.toString());
    }

    /** Encodes a Connect value (a Struct, usually) with Avro's binary encoding. */
    public static byte[] encode(Schema schema, Object value) {
        org.apache.avro.Schema avro = toAvro(schema);
        Object datum = toAvroValue(schema, value, avro);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<Object>(avro).write(datum, enc);
            enc.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Decodes bytes written by {@link #encode} into Avro's generic representation. */
    public static Object decode(Schema schema, byte[] bytes) {
        org.apache.avro.Schema avro = toAvro(schema);
        try {
            return new GenericDatumReader<Object>(avro).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Avro generic value of a Connect value (records, Integer for INT8/16, ByteBuffer, days, millis...). */
    public static Object toAvroValue(Schema schema, Object value) {
        return toAvroValue(schema, value, toAvro(schema));
    }

    /** A decoded Avro decimal (bytes) back to a BigDecimal with {@code scale}. */
    public static BigDecimal decimal(Object avroBytes, int scale) {
        ByteBuffer b = ((ByteBuffer) avroBytes).duplicate();
        byte[] raw = new byte[b.remaining()];
        b.get(raw);
        return new BigDecimal(new java.math.BigInteger(raw), scale);
    }

    // ---- schemas ----

    /** Record names already defined in the schema being built (Avro allows one definition per name). */
    private static final class Names {
        private final Map<String, org.apache.avro.Schema> records = new HashMap<>();
    }

    private static org.apache.avro.Schema convert(Schema schema, Names names) {
        org.apache.avro.Schema base = convertNonOptional(schema, names);
        if (!schema.isOptional()) {
            return base;
        }
        return org.apache.avro.Schema.createUnion(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL), base);
    }

    private static org.apache.avro.Schema convertNonOptional(Schema schema, Names names) {
        String name = schema.name();
        org.apache.avro.Schema out;
        if (Decimal.LOGICAL_NAME.equals(name)) {
            int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
            String p = schema.parameters().get(DECIMAL_PRECISION);
            int precision = p == null ? DEFAULT_DECIMAL_PRECISION : Integer.parseInt(p);
            out = LogicalTypes.decimal(precision, scale)
                    .addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES));
        } else if (Date.LOGICAL_NAME.equals(name)) {
            out = LogicalTypes.date().addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT));
        } else if (Time.LOGICAL_NAME.equals(name)) {
            out = LogicalTypes.timeMillis().addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT));
        } else if (Timestamp.LOGICAL_NAME.equals(name)) {
            out = LogicalTypes.timestampMillis()
                    .addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG));
        } else {
            switch (schema.type()) {
                case INT8, INT16 -> {
                    out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT);
                    out.addProp(CONNECT_TYPE, schema.type() == Schema.Type.INT8 ? "int8" : "int16");
                }
                case INT32 -> out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT);
                case INT64 -> out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG);
                case FLOAT32 -> out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.FLOAT);
                case FLOAT64 -> out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.DOUBLE);
                case BOOLEAN -> out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BOOLEAN);
                case STRING -> out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING);
                case BYTES -> out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES);
                case ARRAY -> out = org.apache.avro.Schema.createArray(convert(schema.valueSchema(), names));
                case MAP -> out = map(schema, names);
                case STRUCT -> {
                    return record(schema, names);
                }
                default -> throw new IllegalArgumentException("unsupported Connect type " + schema.type());
            }
        }
        if (name != null) {
            out.addProp(CONNECT_NAME, name);
        }
        addConnectProps(schema, out);
        return out;
    }

    private static void addConnectProps(Schema schema, org.apache.avro.Schema out) {
        if (schema.version() != null) {
            out.addProp(CONNECT_VERSION, schema.version());
        }
        if (schema.doc() != null) {
            out.addProp(CONNECT_DOC, schema.doc());
        }
        if (schema.parameters() != null && !schema.parameters().isEmpty()) {
            out.addProp(CONNECT_PARAMETERS, new LinkedHashMap<>(schema.parameters()));
        }
    }

    private static org.apache.avro.Schema map(Schema schema, Names names) {
        if (schema.keySchema().type() == Schema.Type.STRING && !schema.keySchema().isOptional()) {
            return org.apache.avro.Schema.createMap(convert(schema.valueSchema(), names));
        }
        org.apache.avro.Schema entry = names.records.get(MAP_ENTRY);
        if (entry == null) {
            entry = org.apache.avro.Schema.createRecord("MapEntry", null, "io.confluent.connect.avro", false);
            names.records.put(MAP_ENTRY, entry);
            entry.setFields(List.of(
                    field("key", schema.keySchema(), names),
                    field("value", schema.valueSchema(), names)));
        }
        return org.apache.avro.Schema.createArray(entry);
    }

    private static org.apache.avro.Schema record(Schema schema, Names names) {
        String full = schema.name() == null ? DEFAULT_RECORD : schema.name();
        org.apache.avro.Schema existing = names.records.get(full);
        if (existing != null) {
            return existing;
        }
        int dot = full.lastIndexOf('.');
        String ns = dot < 0 ? null : full.substring(0, dot);
        String simple = dot < 0 ? full : full.substring(dot + 1);
        org.apache.avro.Schema rec = org.apache.avro.Schema.createRecord(simple, schema.doc(), ns, false);
        names.records.put(full, rec);
        List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
        for (Field f : schema.fields()) {
            fields.add(field(f.name(), f.schema(), names));
        }
        rec.setFields(fields);
        if (schema.version() != null) {
            rec.addProp(CONNECT_VERSION, schema.version());
        }
        if (schema.parameters() != null && !schema.parameters().isEmpty()) {
            rec.addProp(CONNECT_PARAMETERS, new LinkedHashMap<>(schema.parameters()));
        }
        return rec;
    }

    private static org.apache.avro.Schema.Field field(String name, Schema schema, Names names) {
        org.apache.avro.Schema s = convert(schema, names);
        Object dflt = schema.isOptional() ? JsonProperties.NULL_VALUE : null;
        return new org.apache.avro.Schema.Field(name, s, null, dflt);
    }

    // ---- values ----

    private static Object toAvroValue(Schema schema, Object value, org.apache.avro.Schema avro) {
        if (value == null) {
            if (!schema.isOptional()) {
                throw new IllegalArgumentException("null value for required schema " + schema);
            }
            return null;
        }
        org.apache.avro.Schema target = avro.getType() == org.apache.avro.Schema.Type.UNION
                ? avro.getTypes().get(1) : avro;
        String name = schema.name();
        if (Decimal.LOGICAL_NAME.equals(name)) {
            BigDecimal d = (BigDecimal) value;
            return ByteBuffer.wrap(d.unscaledValue().toByteArray());
        }
        if (Date.LOGICAL_NAME.equals(name)) {
            return (int) TimeUnit.MILLISECONDS.toDays(((java.util.Date) value).getTime());
        }
        if (Time.LOGICAL_NAME.equals(name)) {
            return (int) ((java.util.Date) value).getTime();
        }
        if (Timestamp.LOGICAL_NAME.equals(name)) {
            return ((java.util.Date) value).getTime();
        }
        switch (schema.type()) {
            case INT8:
                return ((Byte) value).intValue();
            case INT16:
                return ((Short) value).intValue();
            case BYTES:
                return value instanceof byte[] b ? ByteBuffer.wrap(b) : value;
            case ARRAY: {
                List<Object> out = new ArrayList<>();
                for (Object item : (Collection<?>) value) {
                    out.add(toAvroValue(schema.valueSchema(), item, target.getElementType()));
                }
                return out;
            }
            case MAP: {
                Map<?, ?> m = (Map<?, ?>) value;
                if (target.getType() == org.apache.avro.Schema.Type.MAP) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    m.forEach((k, v) -> out.put((String) k, toAvroValue(schema.valueSchema(), v, target.getValueType())));
                    return out;
                }
                org.apache.avro.Schema entry = target.getElementType();
                List<Object> out = new ArrayList<>();
                m.forEach((k, v) -> {
                    GenericData.Record r = new GenericData.Record(entry);
                    r.put("key", toAvroValue(schema.keySchema(), k, entry.getField("key").schema()));
                    r.put("value", toAvroValue(schema.valueSchema(), v, entry.getField("value").schema()));
                    out.add(r);
                });
                return out;
            }
            case STRUCT: {
                Struct s = (Struct) value;
                GenericRecord r = new GenericData.Record(target);
                for (Field f : schema.fields()) {
                    r.put(f.name(), toAvroValue(f.schema(), s.get(f), target.getField(f.name()).schema()));
                }
                return r;
            }
            default:
                return value;
        }
    }
}
