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
 * <p>{@link #of} returns null when this Kafka's JsonConverter is not built the way this class expects (another
 * version); the caller then uses {@code toConnectData} as a whole.
 */
final class JsonConverterInternals {
    private static final Logger log = LoggerFactory.getLogger(JsonConverterInternals.class);

    private final MethodHandle readTree;        // (byte[], int, int) -> JsonNode, bound to the converter's mapper
    private final MethodHandle asConnectSchema; // (JsonNode) -> Schema, bound to the converter
    private final MethodHandle convertToConnect; // (Schema, JsonNode) -> Object, bound to the converter's config

    private JsonConverterInternals(MethodHandle readTree, MethodHandle asConnectSchema, MethodHandle convertToConnect) {
        this.readTree = readTree;
        this.asConnectSchema = asConnectSchema;
        this.convertToConnect = convertToConnect;
    }

    /** The steps of a converter that {@code configure} was called on, or null when they cannot be reached. */
    static JsonConverterInternals of(JsonConverter converter) {
        try {
            ClassLoader loader = JsonConverter.class.getClassLoader();
            Class<?> jsonNode = Class.forName("com.fasterxml.jackson.databind.JsonNode", false, loader);
            Class<?> objectMapper = Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, loader);
            MethodHandles.Lookup converterLookup = MethodHandles.privateLookupIn(JsonConverter.class, MethodHandles.lookup());
            MethodHandles.Lookup deserializerLookup = MethodHandles.privateLookupIn(JsonDeserializer.class, MethodHandles.lookup());

            Object deserializer = converterLookup.findGetter(JsonConverter.class, "deserializer", JsonDeserializer.class)
                    .invoke(converter);
            Object mapper = deserializerLookup.findGetter(JsonDeserializer.class, "objectMapper", objectMapper)
                    .invoke(deserializer);
            Object config = converterLookup.findGetter(JsonConverter.class, "config", JsonConverterConfig.class)
                    .invoke(converter);
            if (config == null) {
                return null; // not configured
            }
            MethodHandle readTree = MethodHandles.publicLookup()
                    .findVirtual(objectMapper, "readTree", MethodType.methodType(jsonNode, byte[].class, int.class, int.class))
                    .bindTo(mapper)
                    .asType(MethodType.methodType(Object.class, byte[].class, int.class, int.class));
            MethodHandle asConnectSchema = MethodHandles.publicLookup()
                    .findVirtual(JsonConverter.class, "asConnectSchema", MethodType.methodType(Schema.class, jsonNode))
                    .bindTo(converter)
                    .asType(MethodType.methodType(Schema.class, Object.class));
            MethodHandle convert = converterLookup.findStatic(JsonConverter.class, "convertToConnect",
                    MethodType.methodType(Object.class, Schema.class, jsonNode, JsonConverterConfig.class));
            convert = MethodHandles.insertArguments(convert, 2, config)
                    .asType(MethodType.methodType(Object.class, Schema.class, Object.class));
            return new JsonConverterInternals(readTree, asConnectSchema, convert);
        } catch (Throwable e) {
            log.info("ExactJsonConverter converts whole records with JsonConverter (its steps are not reachable in this"
                    + " Kafka version: {})", e.toString());
            return null;
        }
    }

    /** The JSON value in {@code bytes[from, from + length)} as the converter's tree. */
    Object readTree(byte[] bytes, int from, int length) {
        try {
            return (Object) readTree.invokeExact(bytes, from, length);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new DataException("cannot parse JSON: " + e.getMessage(), e);
        }
    }

    Schema asConnectSchema(Object schemaTree) {
        try {
            return (Schema) asConnectSchema.invokeExact(schemaTree);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new DataException(e.getMessage(), e);
        }
    }

    Object convertToConnect(Schema schema, Object payloadTree) {
        try {
            return (Object) convertToConnect.invokeExact(schema, payloadTree);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new DataException(e.getMessage(), e);
        }
    }
}
