package io.mirrorconnect.json;

import static io.mirrorconnect.json.ExactJsonConverterEquivalenceTest.ALL;
import static io.mirrorconnect.json.ExactJsonConverterEquivalenceTest.describe;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reader itself: it takes the records JsonConverter writes and reads them as ExactJsonConverter's tree path does
 * (the first record of a converter always takes that path), and gives up, rather than differ, on the rest.
 * ExactJsonConverterEquivalenceTest compares the converters as a whole.
 */
class JsonPayloadReaderTest {
    private static final String TOPIC = "t";
    /** ALL without its map of int keys (written as an array of pairs, which the reader leaves to JsonConverter). */
    private static final Schema READABLE = without(ALL, "imap");
    private static final String S = "{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":true,\"field\":\"id\"},"
            + "{\"type\":\"string\",\"optional\":true,\"field\":\"s\"},{\"type\":\"int32\",\"optional\":false,\"default\":9,"
            + "\"field\":\"d\"},{\"type\":\"double\",\"optional\":true,\"field\":\"f\"},{\"type\":\"bytes\",\"optional\":true,"
            + "\"field\":\"b\"},{\"type\":\"map\",\"keys\":{\"type\":\"string\"},\"values\":{\"type\":\"int32\",\"optional\":true},"
            + "\"optional\":true,\"field\":\"m\"}],\"optional\":true,\"name\":\"x.Value\"}";

    private static Schema without(Schema s, String drop) {
        SchemaBuilder b = SchemaBuilder.struct().name(s.name()).version(s.version()).doc(s.doc()).optional();
        s.parameters().forEach(b::parameter);
        s.fields().stream().filter(f -> !f.name().equals(drop)).forEach(f -> b.field(f.name(), f.schema()));
        return b.build();
    }

    private static Struct copy(Struct from, Schema to) {
        Struct out = new Struct(to);
        for (Field f : to.fields()) {
            out.put(f, from.get(f.name()));
        }
        return out;
    }

    /** What the tree path (a fresh converter's first record) makes of the bytes. */
    private static String treePath(Map<String, String> config, byte[] bytes) {
        ExactJsonConverter c = new ExactJsonConverter();
        c.configure(config, false);
        try {
            return describe(c.toConnectData(TOPIC, bytes));
        } catch (RuntimeException e) {
            return describe(e);
        }
    }

    /** The schema a converter reads from {@code schemaJson}. */
    private static Schema schemaOf(Map<String, String> config, String schemaJson) {
        ExactJsonConverter c = new ExactJsonConverter();
        c.configure(config, false);
        return c.toConnectData(TOPIC, ("{\"schema\":" + schemaJson + ",\"payload\":null}")
                .getBytes(StandardCharsets.UTF_8)).schema();
    }

    /** The reader's result for the bytes, under the schema the converter reads from them; null when it gives up. */
    private static String direct(Map<String, String> config, byte[] bytes) {
        JsonEnvelope envelope = JsonEnvelope.locate(bytes);
        Schema schema = schemaOf(config, new String(bytes, envelope.schemaFrom, envelope.schemaLength(), StandardCharsets.UTF_8));
        Object v = JsonPayloadReader.readPayload(bytes, envelope.payloadFrom, schema,
                !"false".equals(config.get("replace.null.with.default")));
        if (v instanceof Struct struct) {
            // the values were not put one by one (StructSlots): each must still be valid (nested structs too)
            struct.validate();
        }
        return v == null ? null : describe(new SchemaAndValue(schema, v));
    }

    static List<Map<String, String>> configs() {
        return ExactJsonConverterEquivalenceTest.configs();
    }

    @ParameterizedTest
    @MethodSource("configs")
    void readsJsonConvertersOwnBytesAsTheTreePathDoes(Map<String, String> config) {
        JsonConverter plain = new JsonConverter();
        plain.configure(config, false);
        Struct full = copy(ExactJsonConverterEquivalenceTest.full(), READABLE);
        Struct specials = copy(ExactJsonConverterEquivalenceTest.full(), READABLE).put("f64", Double.NaN).put("f32", -0.0f)
                .put("arrF", java.util.Arrays.asList(Double.POSITIVE_INFINITY, -0.0, Double.NEGATIVE_INFINITY, 0.0, 1e-320));
        for (Struct value : List.of(full, specials, copy(ExactJsonConverterEquivalenceTest.sparse(), READABLE))) {
            byte[] bytes = plain.fromConnectData(TOPIC, READABLE, value);
            String json = new String(bytes, StandardCharsets.UTF_8);
            assertThat(direct(config, bytes)).as(json).isNotNull().isEqualTo(treePath(config, bytes));
        }
    }

    static List<String> readable() {
        return List.of(
                "{\"id\":1,\"s\":\"a\",\"d\":2,\"f\":1.5,\"b\":\"AP8=\",\"m\":{\"k\":1,\"\":null}}",
                " {\"d\" : 3 ,\n\"id\":-9223372036854775808 ,\"s\":null}\t",
                "{}",
                "{\"d\":null,\"f\":-0.0}",
                "{\"f\":-0}",
                "{\"f\":1e400}",
                "{\"f\":\"-Infinity\"}",
                "{\"s\":\"\\u00e9\\ud83d\\ude00 \\\"x\\\" \\\\ \\/ \\b\\f\\n\\r\\t \\ud800\"}",
                "{\"s\":\"é😀 raw UTF-8\"}",
                "{\"s\":\"é\\n😀\"}",
                "{\"\\u0069d\":5}",
                "{\"id\":9223372036854775807,\"d\":-2147483648}",
                "{\"d\":2147483648}");
    }

    @ParameterizedTest
    @MethodSource("readable")
    void readsPlainJsonAsTheTreePathDoes(String payload) {
        for (Map<String, String> config : configs()) {
            byte[] bytes = ("{\"schema\":" + S + ",\"payload\":" + payload + "}").getBytes(StandardCharsets.UTF_8);
            String direct = direct(config, bytes);
            String tree = treePath(config, bytes);
            if (tree.startsWith("error ")) {
                // without replace.null.with.default a missing required d is JsonConverter's error: the reader gives up
                assertThat(config).containsEntry("replace.null.with.default", "false");
                assertThat(direct).as(payload).isNull();
            } else {
                assertThat(direct).as(payload + " " + config).isNotNull().isEqualTo(tree);
            }
        }
    }

    /**
     * Floats are parsed by FastDoubleParser straight from the bytes: to the bit what the tree path gives (BigDecimal's
     * doubleValue/floatValue, the specials restored), for JsonConverter's shortest texts of random bit patterns and
     * for long hand-written texts near rounding boundaries.
     */
    @org.junit.jupiter.api.Test
    void floatsAreReadToTheBitAsTheTreePathReadsThem() {
        java.util.Random random = new java.util.Random(18);
        StringBuilder doubles = new StringBuilder();
        StringBuilder floats = new StringBuilder();
        for (int k = 0; k < 4000; k++) {
            String sep = k == 0 ? "" : ",";
            double d = Double.longBitsToDouble(random.nextLong());
            float f = Float.intBitsToFloat(random.nextInt());
            doubles.append(sep).append(Double.isFinite(d) ? Double.toString(d) : "0.5");
            floats.append(sep).append(Float.isFinite(f) ? Float.toString(f) : "0.5");
            // a long decimal text: 17-30 digits, any exponent (rounding of what no shortest text gives)
            StringBuilder digits = new StringBuilder(random.nextBoolean() ? "-" : "").append(1 + random.nextInt(9)).append('.');
            for (int n = 16 + random.nextInt(14); n > 0; n--) {
                digits.append(random.nextInt(10));
            }
            digits.append('e').append(random.nextInt(640) - 330);
            doubles.append(',').append(digits);
            floats.append(',').append(digits.toString().replaceAll("e-?\\d+$", "e" + (random.nextInt(90) - 45)));
        }
        String schema = "{\"type\":\"struct\",\"fields\":[{\"type\":\"array\",\"items\":{\"type\":\"double\"},"
                + "\"field\":\"d\"},{\"type\":\"array\",\"items\":{\"type\":\"float\"},\"field\":\"f\"}],"
                + "\"optional\":true,\"name\":\"floats\"}";
        byte[] bytes = ("{\"schema\":" + schema + ",\"payload\":{\"d\":[" + doubles + "],\"f\":[" + floats + "]}}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(direct(Map.of(), bytes)).isNotNull().isEqualTo(treePath(Map.of(), bytes));
    }

    static List<String> unusual() {
        return List.of(
                "{\"id\":01}", // a leading zero: JsonConverter's parser allows it
                "{\"id\":1,\"x\":2}", // a member the schema has not
                "{\"id\":1,\"id\":2}", // twice
                "{\"s\":\"a\u0001\"}", // a raw control character
                "{\"id\":\"1\"}", // a string for a number
                "{\"id\":1.0}", // a fraction for an integer
                "{\"id\":9223372036854775808}", // beyond a long
                "{\"f\":12345678901234567890}", // beyond a long, for a double (JsonConverter's BigInteger node)
                "{\"id\":true}",
                "{\"f\":\"abc\"}", // JsonConverter reads any text as 0
                "{\"f\":true}",
                "{\"s\":5}",
                "{\"b\":\"AP8\"}", // unpadded
                "{\"b\":\"A P8=\"}",
                "{\"d\":null}", // required, and no default to replace it (with replace.null.with.default=false)
                "{\"m\":[[\"k\",1]]}",
                "{\"m\":{\"k\":1,\"k\":2}}",
                "{\"id\":1,}",
                "{\"id\":1]",
                "{\"id\":-}",
                "{\"id\":1x}",
                "{\"id\":nul}",
                "{\"s\":\"\\x\"}",
                "{\"s\":\"\\u12\"}",
                "{\"s\":\"unterminated}");
    }

    @ParameterizedTest
    @MethodSource("unusual")
    void givesUpOnAnythingElse(String payload) {
        Map<String, String> config = Map.of("replace.null.with.default", "false");
        byte[] bytes = ("{\"schema\":" + S + ",\"payload\":" + payload + "}").getBytes(StandardCharsets.UTF_8);
        int from = ("{\"schema\":" + S + ",\"payload\":").getBytes(StandardCharsets.UTF_8).length;
        Schema schema = schemaOf(config, S);
        assertThat(JsonPayloadReader.readPayload(bytes, from, schema, false)).as(payload).isNull();
    }

    /**
     * After a usual record, the converter knows the schema; a record of it that the reader gives up on goes to the
     * tree path, and gets the tree path's result or error (as from a fresh converter, whose first record it is).
     */
    @ParameterizedTest
    @MethodSource("unusual")
    void aRecordOfTheKnownSchemaTheReaderGivesUpOnGetsTheTreePathsResult(String payload) {
        Map<String, String> config = Map.of("replace.null.with.default", "false");
        byte[] usual = ("{\"schema\":" + S + ",\"payload\":{\"id\":1,\"d\":9}}").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = ("{\"schema\":" + S + ",\"payload\":" + payload + "}").getBytes(StandardCharsets.UTF_8);
        ExactJsonConverter warm = new ExactJsonConverter();
        warm.configure(config, false);
        assertThat(warm.toConnectData(TOPIC, usual).value()).isNotNull();
        String got;
        try {
            got = describe(warm.toConnectData(TOPIC, bytes));
        } catch (RuntimeException e) {
            got = describe(e);
        }
        assertThat(got).as(payload).isEqualTo(treePath(config, bytes));
    }

    @org.junit.jupiter.api.Test
    void whatFollowsThePayloadMustBeTheEnvelopesEnd() {
        byte[] ok = ("{\"schema\":" + S + ",\"payload\":{\"id\":1}} \n").getBytes(StandardCharsets.UTF_8);
        int from = ("{\"schema\":" + S + ",\"payload\":").getBytes(StandardCharsets.UTF_8).length;
        ExactJsonConverter c = new ExactJsonConverter();
        c.configure(Map.of(), false);
        Schema schema = c.toConnectData(TOPIC, ok).schema();
        assertThat(JsonPayloadReader.readPayload(ok, from, schema, true)).isNotNull();
        for (String tail : List.of("", "}}", "} x", ",\"extra\":1}")) {
            byte[] bad = ("{\"schema\":" + S + ",\"payload\":{\"id\":1}" + tail).getBytes(StandardCharsets.UTF_8);
            assertThat(JsonPayloadReader.readPayload(bad, from, schema, true)).as(tail).isNull();
        }
    }
}
