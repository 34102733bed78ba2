package io.mirrorconnect.json;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.DecimalFormat;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.json.JsonSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of one configured {@link JsonConverter}'s {@code fromConnectData} with schemas, callable one at a time:
 * the schema's JSON ({@code asJsonSchema}, public) and the payload's JSON tree ({@code convertToJson}, private in
 * Kafka, reached through a method handle), each written to bytes by the converter's own serializer mapper. The
 * envelope JsonConverter writes is {@code {"schema":S,"payload":P}} with S and P exactly these bytes, so a caller can
 * write S once per schema instead of once per record (ExactJsonConverter; ExactJsonConverterEquivalenceTest compares
 * the bytes with JsonConverter's).
 *
 * <p>Separate from {@link JsonConverterInternals} (the read steps) so that either path falls back to the whole
 * converter on its own. Jackson objects stay {@code Object} here, for the class-loader reasons given there.
 */
final class JsonConverterWriteSteps {
    private static final Logger log = LoggerFactory.getLogger(JsonConverterWriteSteps.class);
    /** JVM system property: {@code true} writes every payload through JsonConverter's tree (for comparisons). */
    static final String DISABLE_DIRECT_PAYLOADS = "mirror.json.treePayloads";

    /** (JsonConverter) -> JsonSerializer. */
    private static final MethodHandle SERIALIZER;
    /** (JsonSerializer) -> Object mapper. */
    private static final MethodHandle MAPPER;
    /** (Object mapper, Object tree) -> byte[]. */
    private static final MethodHandle WRITE;
    /** (JsonConverter, Schema) -> Object tree. */
    private static final MethodHandle AS_JSON_SCHEMA;
    /** (JsonConverter, Schema, Object value) -> Object tree. */
    private static final MethodHandle CONVERT_TO_JSON;
    /** (JsonConverter) -> JsonConverterConfig, or null when not reachable (then no {@link JsonPayloadWriter}). */
    private static final MethodHandle CONFIG;
    private static final Throwable UNREACHABLE;

    static {
        MethodHandle serializer = null;
        MethodHandle mapper = null;
        MethodHandle write = null;
        MethodHandle asJsonSchema = null;
        MethodHandle convertToJson = null;
        Throwable unreachable = null;
        MethodHandle config = null;
        try {
            config = MethodHandles.privateLookupIn(JsonConverter.class, MethodHandles.lookup())
                    .findGetter(JsonConverter.class, "config", JsonConverterConfig.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("JsonConverter's config is not reachable: payloads are written by its own steps", e);
        }
        CONFIG = config;
        try {
            ClassLoader loader = JsonConverter.class.getClassLoader();
            Class<?> jsonNode = Class.forName("com.fasterxml.jackson.databind.JsonNode", false, loader);
            Class<?> objectNode = Class.forName("com.fasterxml.jackson.databind.node.ObjectNode", false, loader);
            Class<?> objectMapper = Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, loader);
            MethodHandles.Lookup converterLookup = MethodHandles.privateLookupIn(JsonConverter.class, MethodHandles.lookup());
            MethodHandles.Lookup serializerLookup = MethodHandles.privateLookupIn(JsonSerializer.class, MethodHandles.lookup());
            serializer = converterLookup.findGetter(JsonConverter.class, "serializer", JsonSerializer.class);
            mapper = serializerLookup.findGetter(JsonSerializer.class, "objectMapper", objectMapper)
                    .asType(MethodType.methodType(Object.class, JsonSerializer.class));
            write = MethodHandles.publicLookup()
                    .findVirtual(objectMapper, "writeValueAsBytes", MethodType.methodType(byte[].class, Object.class))
                    .asType(MethodType.methodType(byte[].class, Object.class, Object.class));
            asJsonSchema = MethodHandles.publicLookup()
                    .findVirtual(JsonConverter.class, "asJsonSchema", MethodType.methodType(objectNode, Schema.class))
                    .asType(MethodType.methodType(Object.class, JsonConverter.class, Schema.class));
            convertToJson = converterLookup.findVirtual(JsonConverter.class, "convertToJson",
                            MethodType.methodType(jsonNode, Schema.class, Object.class))
                    .asType(MethodType.methodType(Object.class, JsonConverter.class, Schema.class, Object.class));
        } catch (Throwable e) {
            unreachable = e;
        }
        SERIALIZER = serializer;
        MAPPER = mapper;
        WRITE = write;
        AS_JSON_SCHEMA = asJsonSchema;
        CONVERT_TO_JSON = convertToJson;
        UNREACHABLE = unreachable;
    }

    private final JsonConverter converter;
    private final Object mapper;
    /** Writes the payloads it can straight to bytes, as JsonConverter would; null: every payload via the tree. */
    private final JsonPayloadWriter direct;

    private JsonConverterWriteSteps(JsonConverter converter, Object mapper) {
        this.converter = converter;
        this.mapper = mapper;
        this.direct = directWriter(converter);
    }

    private static JsonPayloadWriter directWriter(JsonConverter converter) {
        if (CONFIG == null || Boolean.getBoolean(DISABLE_DIRECT_PAYLOADS)) {
            return null;
        }
        try {
            JsonConverterConfig config = (JsonConverterConfig) CONFIG.invokeExact(converter);
            return config == null ? null : new JsonPayloadWriter(config.decimalFormat() == DecimalFormat.BASE64);
        } catch (Throwable e) {
            log.debug("JsonConverter's config is not readable: payloads are written by its own steps", e);
            return null;
        }
    }

    /** The write steps of a configured converter, or null when they cannot be reached in this Kafka version. */
    static JsonConverterWriteSteps of(JsonConverter converter) {
        Throwable why = UNREACHABLE;
        if (why == null) {
            try {
                JsonSerializer serializer = (JsonSerializer) SERIALIZER.invokeExact(converter);
                Object mapper = (Object) MAPPER.invokeExact(serializer);
                if (mapper != null) {
                    return new JsonConverterWriteSteps(converter, mapper);
                }
                why = new IllegalStateException("the converter has no serializer mapper");
            } catch (Throwable e) {
                why = e;
            }
        }
        log.info("ExactJsonConverter writes whole records with JsonConverter (its steps are not reachable in this"
                + " Kafka version: {})", why.toString());
        return null;
    }

    /** The bytes JsonConverter writes for {@code schema} inside its envelope. */
    byte[] schemaJson(Schema schema) {
        try {
            return write((Object) AS_JSON_SCHEMA.invokeExact(converter, schema));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new DataException(e.getMessage(), e);
        }
    }

    /**
     * The bytes JsonConverter writes for {@code value} as the envelope's payload: written directly when
     * {@link JsonPayloadWriter} can, else through JsonConverter's own tree.
     */
    byte[] payloadJson(Schema schema, Object value) {
        if (direct != null) {
            byte[] b = direct.write(schema, value);
            if (b != null) {
                return b;
            }
        }
        try {
            return write((Object) CONVERT_TO_JSON.invokeExact(converter, schema, value));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new DataException(e.getMessage(), e);
        }
    }

    private byte[] write(Object tree) throws Throwable {
        return (byte[]) WRITE.invokeExact(mapper, tree);
    }
}
