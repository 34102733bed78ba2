package io.mirrorconnect.json;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.json.JsonDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three steps of one configured {@link JsonConverter}'s {@code toConnectData}, callable one at a time: parse
 * JSON bytes (a range of an array) into a tree with the converter's own Jackson mapper, turn a schema tree into a
 * Connect schema ({@code asConnectSchema}, public), and turn a payload tree into Connect data under a schema
 * ({@code convertToConnect}, private in Kafka, reached through a method handle). Calling the converter's own code
 * keeps every value, logical type, default and error exactly JsonConverter's.
 *
 * <p>Class loaders: the trees are the worker's Jackson objects (the loader of JsonConverter); they are held as
 * {@code Object} and only ever passed back to the worker's code, so this class names no Jackson type and works in
 * plugins that bundle their own Jackson (bigquery-sink bundles databind, snowflake-sink jackson-core).
 *
 * <p>The handles are static constants (so the JIT compiles them into direct calls); {@link #of} returns null when
 * this Kafka's JsonConverter is not built the way this class expects (another version), and the caller then uses
 * {@code toConnectData} as a whole.
 */
final class JsonConverterInternals {
    private static final Logger log = LoggerFactory.getLogger(JsonConverterInternals.class);

    /** (JsonConverter) -> JsonDeserializer. */
    private static final MethodHandle DESERIALIZER;
    /** (JsonDeserializer) -> ObjectMapper. */
    private static final MethodHandle MAPPER;
    /** (JsonConverter) -> JsonConverterConfig. */
    private static final MethodHandle CONFIG;
    /** (Object mapper, byte[], int, int) -> Object tree. */
    private static final MethodHandle READ_TREE;
    /** (JsonConverter, Object tree) -> Schema. */
    private static final MethodHandle AS_CONNECT_SCHEMA;
    /** (Schema, Object tree, JsonConverterConfig) -> Object. */
    private static final MethodHandle CONVERT_TO_CONNECT;
    /** Why the steps are not reachable (null when they are). */
    private static final Throwable UNREACHABLE;

    static {
        MethodHandle deserializer = null;
        MethodHandle mapper = null;
        MethodHandle config = null;
        MethodHandle readTree = null;
        MethodHandle asConnectSchema = null;
        MethodHandle convert = null;
        Throwable unreachable = null;
        try {
            ClassLoader loader = JsonConverter.class.getClassLoader();
            Class<?> jsonNode = Class.forName("com.fasterxml.jackson.databind.JsonNode", false, loader);
            Class<?> objectMapper = Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, loader);
            MethodHandles.Lookup converterLookup = MethodHandles.privateLookupIn(JsonConverter.class, MethodHandles.lookup());
            MethodHandles.Lookup deserializerLookup = MethodHandles.privateLookupIn(JsonDeserializer.class, MethodHandles.lookup());
            deserializer = converterLookup.findGetter(JsonConverter.class, "deserializer", JsonDeserializer.class);
            mapper = deserializerLookup.findGetter(JsonDeserializer.class, "objectMapper", objectMapper)
                    .asType(MethodType.methodType(Object.class, JsonDeserializer.class));
            config = converterLookup.findGetter(JsonConverter.class, "config", JsonConverterConfig.class);
            readTree = MethodHandles.publicLookup()
                    .findVirtual(objectMapper, "readTree", MethodType.methodType(jsonNode, byte[].class, int.class, int.class))
                    .asType(MethodType.methodType(Object.class, Object.class, byte[].class, int.class, int.class));
            asConnectSchema = MethodHandles.publicLookup()
                    .findVirtual(JsonConverter.class, "asConnectSchema", MethodType.methodType(Schema.class, jsonNode))
                    .asType(MethodType.methodType(Schema.class, JsonConverter.class, Object.class));
            convert = converterLookup.findStatic(JsonConverter.class, "convertToConnect",
                            MethodType.methodType(Object.class, Schema.class, jsonNode, JsonConverterConfig.class))
                    .asType(MethodType.methodType(Object.class, Schema.class, Object.class, JsonConverterConfig.class));
        } catch (Throwable e) {
            unreachable = e;
        }
        DESERIALIZER = deserializer;
        MAPPER = mapper;
        CONFIG = config;
        READ_TREE = readTree;
        AS_CONNECT_SCHEMA = asConnectSchema;
        CONVERT_TO_CONNECT = convert;
        UNREACHABLE = unreachable;
    }

    private final JsonConverter converter;
    private final Object mapper;
    private final JsonConverterConfig config;

    private JsonConverterInternals(JsonConverter converter, Object mapper, JsonConverterConfig config) {
        this.converter = converter;
        this.mapper = mapper;
        this.config = config;
    }

    /** The steps of a converter that {@code configure} was called on, or null when they cannot be reached. */
    static JsonConverterInternals of(JsonConverter converter) {
        Throwable why = UNREACHABLE;
        if (why == null) {
            try {
                JsonDeserializer deserializer = (JsonDeserializer) DESERIALIZER.invokeExact(converter);
                Object mapper = (Object) MAPPER.invokeExact(deserializer);
                JsonConverterConfig config = (JsonConverterConfig) CONFIG.invokeExact(converter);
                if (config == null || mapper == null) {
                    return null; // not configured
                }
                return new JsonConverterInternals(converter, mapper, config);
            } catch (Throwable e) {
                why = e;
            }
        }
        log.info("ExactJsonConverter converts whole records with JsonConverter (its steps are not reachable in this"
                + " Kafka version: {})", why.toString());
        return null;
    }

    /** The converter's {@code replace.null.with.default}. */
    boolean replaceNullWithDefault() {
        return config.replaceNullWithDefault();
    }

    /** The JSON value in {@code bytes[from, from + length)} as the converter's tree. */
    Object readTree(byte[] bytes, int from, int length) {
        try {
            return (Object) READ_TREE.invokeExact(mapper, bytes, from, length);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new DataException("cannot parse JSON: " + e.getMessage(), e);
        }
    }

    Schema asConnectSchema(Object schemaTree) {
        try {
            return (Schema) AS_CONNECT_SCHEMA.invokeExact(converter, schemaTree);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new DataException(e.getMessage(), e);
        }
    }

    Object convertToConnect(Schema schema, Object payloadTree) {
        try {
            return (Object) CONVERT_TO_CONNECT.invokeExact(schema, payloadTree, config);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new DataException(e.getMessage(), e);
        }
    }
}
