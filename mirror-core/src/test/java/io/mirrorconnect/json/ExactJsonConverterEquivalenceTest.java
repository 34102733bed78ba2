package io.mirrorconnect.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ExactJsonConverter's fast path (schema looked up by its bytes, only the payload parsed) against Kafka's
 * JsonConverter and against ExactJsonConverter converting whole records: same schemas, values and errors for every
 * Connect type, logical type, nesting, null, optional and default, for JsonConverter's own bytes and for hand-written
 * JSON of unusual shapes.
 */
class ExactJsonConverterEquivalenceTest {
    private static final String TOPIC = "t";

    static List<Map<String, String>> configs() {
        return List.of(Map.of(), Map.of("decimal.format", "NUMERIC"), Map.of("replace.null.with.default", "false"),
                Map.of("schemas.cache.size", "1"));
    }

    /** A converter per path: plain JsonConverter, ExactJsonConverter fast, ExactJsonConverter whole-record. */
    private record Converters(JsonConverter plain, ExactJsonConverter fast, ExactJsonConverter whole) {
        static Converters of(Map<String, String> config, boolean isKey) {
            JsonConverter plain = new JsonConverter();
            plain.configure(config, isKey);
            ExactJsonConverter fast = new ExactJsonConverter();
            fast.configure(config, isKey);
            ExactJsonConverter whole;
            System.setProperty(ExactJsonConverter.DISABLE_FAST_PATH, "true");
            try {
                whole = new ExactJsonConverter();
                whole.configure(config, isKey);
            } finally {
                System.clearProperty(ExactJsonConverter.DISABLE_FAST_PATH);
            }
            assertThat(fast.fastPathEnabled()).isTrue();
            assertThat(whole.fastPathEnabled()).isFalse();
            return new Converters(plain, fast, whole);
        }

        /** Asserts the three agree on {@code bytes}; {@code exactFloats}: the plain converter may differ on floats. */
        void assertSame(byte[] bytes, boolean exactFloats) {
            Object fastResult = convert(fast, bytes);
            Object wholeResult = convert(whole, bytes);
            assertThat(describe(fastResult)).as(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(describe(wholeResult));
            if (!exactFloats) {
                assertThat(describe(fastResult)).as(new String(bytes, StandardCharsets.UTF_8))
                        .isEqualTo(describe(convert(plain, bytes)));
            }
            // twice: the second conversion takes the schema from the cache
            assertThat(describe(convert(fast, bytes))).isEqualTo(describe(fastResult));
        }

        private static Object convert(org.apache.kafka.connect.storage.Converter c, byte[] bytes) {
            try {
                return c.toConnectData(TOPIC, bytes);
            } catch (RuntimeException e) {
                return e;
            }
        }
    }

    /** A comparable rendering: the schema, the value (deep, bytes by content, floats by bits), or the error. */
    static String describe(Object result) {
        if (result instanceof RuntimeException e) {
            return "error " + e.getClass().getName() + ": " + e.getMessage();
        }
        SchemaAndValue sv = (SchemaAndValue) result;
        return (sv.schema() == null ? "no schema" : describeSchema(sv.schema())) + " = " + describeValue(sv.value());
    }

    private static String describeSchema(Schema s) {
        StringBuilder b = new StringBuilder().append(s.type()).append('(').append(s.name()).append(',')
                .append(s.version()).append(',').append(s.doc()).append(',').append(s.isOptional()).append(',')
                .append(describeValue(s.defaultValue())).append(',').append(s.parameters());
        switch (s.type()) {
            case STRUCT -> s.fields().forEach(f -> b.append(',').append(f.name()).append(':').append(describeSchema(f.schema())));
            case ARRAY -> b.append(',').append(describeSchema(s.valueSchema()));
            case MAP -> b.append(',').append(describeSchema(s.keySchema())).append(',').append(describeSchema(s.valueSchema()));
            default -> { }
        }
        return b.append(')').toString();
    }

    private static String describeValue(Object v) {
        if (v instanceof byte[] bytes) {
            return "bytes" + Arrays.toString(bytes);
        }
        if (v instanceof Double d) {
            return "double" + Long.toHexString(Double.doubleToRawLongBits(d));
        }
        if (v instanceof Float f) {
            return "float" + Integer.toHexString(Float.floatToRawIntBits(f));
        }
        if (v instanceof Struct st) {
            StringBuilder b = new StringBuilder("struct{");
            st.schema().fields().forEach(f -> b.append(f.name()).append('=').append(describeValue(st.get(f))).append(';'));
            return b.append('}').toString();
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            list.forEach(o -> out.add(describeValue(o)));
            return "list" + out;
        }
        if (v instanceof Map<?, ?> map) {
            List<String> out = new ArrayList<>();
            map.forEach((k, o) -> out.add(describeValue(k) + "->" + describeValue(o)));
            out.sort(null);
            return "map" + out;
        }
        return v == null ? "null" : v.getClass().getSimpleName() + ":" + v;
    }

    // ---- Connect data written by JsonConverter ----

    private static final Schema INNER = SchemaBuilder.struct().name("inner").optional()
            .field("a", Schema.OPTIONAL_INT32_SCHEMA).field("b", Schema.OPTIONAL_STRING_SCHEMA).build();

    static final Schema ALL = SchemaBuilder.struct().name("t.Value").version(3).doc("all types").optional()
            .parameter("p", "q")
            .field("i8", Schema.INT8_SCHEMA)
            .field("i16", Schema.OPTIONAL_INT16_SCHEMA)
            .field("i32", SchemaBuilder.int32().optional().parameter("mirror.source.type", "int4").build())
            .field("i64", Schema.OPTIONAL_INT64_SCHEMA)
            .field("f32", Schema.OPTIONAL_FLOAT32_SCHEMA)
            .field("f64", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("bool", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("str", Schema.OPTIONAL_STRING_SCHEMA)
            .field("bytes", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("dec", Decimal.builder(3).optional().parameter("connect.decimal.precision", "20").build())
            .field("dec0", Decimal.builder(0).optional().build())
            .field("date", Date.builder().optional().build())
            .field("time", Time.builder().optional().build())
            .field("ts", Timestamp.builder().optional().build())
            .field("uuid", SchemaBuilder.string().name("io.mirrorconnect.Uuid").optional().build())
            .field("defaulted", SchemaBuilder.int32().optional().defaultValue(42).build())
            .field("defStr", SchemaBuilder.string().defaultValue("dflt").build())
            .field("arr", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
            .field("arrF", SchemaBuilder.array(Schema.OPTIONAL_FLOAT64_SCHEMA).optional().build())
            .field("structs", SchemaBuilder.array(INNER).optional().build())
            .field("smap", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).optional().build())
            .field("imap", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.OPTIONAL_FLOAT64_SCHEMA).optional().build())
            .field("inner", INNER)
            .build();

    static Struct full() {
        Map<String, String> smap = new LinkedHashMap<>();
        smap.put("k{\"}", "v\\n");
        smap.put("", null);
        Map<Integer, Double> imap = new HashMap<>();
        imap.put(-1, 2.5);
        imap.put(7, null);
        return new Struct(ALL).put("i8", (byte) -128).put("i16", Short.MAX_VALUE).put("i32", Integer.MIN_VALUE)
                .put("i64", Long.MAX_VALUE).put("f32", 3.4028235e38f).put("f64", 4.9e-324).put("bool", true)
                .put("str", "é \u0000 \" \\ { } [ ] ,\n\t\u2028 😀").put("bytes", new byte[] {0, -1, 34, 92, 123})
                .put("dec", new BigDecimal("-12345678901234567.890")).put("dec0", new BigDecimal("99999999999999999999999"))
                .put("date", new java.util.Date(-86_400_000L * 365 * 3000)).put("time", new java.util.Date(86_399_999L))
                .put("ts", new java.util.Date(253_402_300_799_999L)).put("uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
                .put("defaulted", 7).put("defStr", "")
                .put("arr", Arrays.asList("x", null, "")).put("arrF", Arrays.asList(1.0, -2.5e300, null, 0.1))
                .put("structs", List.of(new Struct(INNER).put("a", 1).put("b", "z"), new Struct(INNER)))
                .put("smap", smap).put("imap", imap).put("inner", new Struct(INNER).put("a", 0));
    }

    static Struct sparse() {
        return new Struct(ALL).put("i8", (byte) 0).put("defStr", "x").put("arr", List.of()).put("smap", Map.of())
                .put("str", "").put("bytes", new byte[0]).put("f64", 0.0).put("f32", 0.0f);
    }

    static List<Object[]> connectData() {
        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] {"all types", ALL, full()});
        cases.add(new Object[] {"nulls, empties, defaults", ALL, sparse()});
        cases.add(new Object[] {"null struct", ALL, null});
        cases.add(new Object[] {"int64", Schema.INT64_SCHEMA, 5L});
        cases.add(new Object[] {"optional string null", Schema.OPTIONAL_STRING_SCHEMA, null});
        cases.add(new Object[] {"bytes", Schema.BYTES_SCHEMA, new byte[] {1, 2}});
        cases.add(new Object[] {"decimal", Decimal.schema(2), new BigDecimal("1.50")});
        cases.add(new Object[] {"array", SchemaBuilder.array(Schema.INT32_SCHEMA).build(), List.of(1, 2, 3)});
        cases.add(new Object[] {"key struct", SchemaBuilder.struct().name("t.Key").field("id", Schema.INT64_SCHEMA).build(),
                new Struct(SchemaBuilder.struct().name("t.Key").field("id", Schema.INT64_SCHEMA).build()).put("id", 1L)});
        Schema nested = SchemaBuilder.struct().name("outer")
                .field("in", SchemaBuilder.struct().name("mid").field("deep", INNER).build()).build();
        cases.add(new Object[] {"nested", nested, new Struct(nested).put("in",
                new Struct(nested.field("in").schema()).put("deep", new Struct(INNER).put("b", "}")))});
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectData")
    void sameAsJsonConverterForItsOwnBytes(String name, Schema schema, Object value) {
        for (Map<String, String> config : configs()) {
            for (boolean isKey : new boolean[] {false, true}) {
                Converters c = Converters.of(config, isKey);
                byte[] bytes = c.plain().fromConnectData(TOPIC, schema, value);
                if (value instanceof Struct) {
                    assertThat(JsonEnvelope.locate(bytes)).as("takes the fast path").isNotNull();
                }
                c.assertSame(bytes, false);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectData")
    void writesJsonConvertersBytes(String name, Schema schema, Object value) {
        for (Map<String, String> config : configs()) {
            for (boolean isKey : new boolean[] {false, true}) {
                Converters c = Converters.of(config, isKey);
                assertThat(c.fast().writeFastPathEnabled()).isTrue();
                byte[] expected = c.plain().fromConnectData(TOPIC, schema, value);
                // twice: the second write copies the schema's JSON from the cache
                assertThat(c.fast().fromConnectData(TOPIC, schema, value)).as(name).isEqualTo(expected);
                assertThat(c.fast().fromConnectData(TOPIC, schema, value)).as(name).isEqualTo(expected);
                assertThat(c.whole().fromConnectData(TOPIC, schema, value)).as(name).isEqualTo(expected);
            }
        }
    }

    @Test
    void writeErrorsAreJsonConvertersOwn() {
        Converters c = Converters.of(Map.of(), false);
        Schema required = SchemaBuilder.struct().name("r").field("a", Schema.INT64_SCHEMA).build();
        assertThatThrownBy(() -> c.plain().fromConnectData(TOPIC, Schema.INT64_SCHEMA, null))
                .isInstanceOf(DataException.class);
        assertThatThrownBy(() -> c.fast().fromConnectData(TOPIC, Schema.INT64_SCHEMA, null))
                .isInstanceOf(DataException.class);
        assertThatThrownBy(() -> c.fast().fromConnectData(TOPIC, required, "not a struct"))
                .isInstanceOf(DataException.class);
        assertThat(c.fast().fromConnectData(TOPIC, null, null)).isNull();
        assertThat(c.fast().fromConnectData(TOPIC, null, 5L)).isEqualTo(c.plain().fromConnectData(TOPIC, null, 5L));
    }

    @Test
    void sameForRandomRowsOfSchemasThatChange() {
        Random random = new Random(12);
        Converters c = Converters.of(Map.of("schemas.cache.size", "3"), false);
        for (int i = 0; i < 400; i++) {
            SchemaBuilder b = SchemaBuilder.struct().name("r" + random.nextInt(6)).optional();
            int fields = 1 + random.nextInt(6);
            for (int f = 0; f < fields; f++) {
                b.field("c" + f, switch (random.nextInt(5)) {
                    case 0 -> Schema.OPTIONAL_INT64_SCHEMA;
                    case 1 -> Schema.OPTIONAL_STRING_SCHEMA;
                    case 2 -> Schema.OPTIONAL_FLOAT64_SCHEMA;
                    case 3 -> Decimal.builder(random.nextInt(4)).optional().build();
                    default -> Schema.OPTIONAL_BOOLEAN_SCHEMA;
                });
            }
            Schema s = b.build();
            Struct v = new Struct(s);
            for (org.apache.kafka.connect.data.Field f : s.fields()) {
                if (random.nextInt(5) == 0) {
                    continue;
                }
                v.put(f, switch (f.schema().type()) {
                    case INT64 -> random.nextLong();
                    case STRING -> random.nextBoolean() ? "s" + random.nextInt() : "\"\\}" + (char) random.nextInt(0x2000);
                    case FLOAT64 -> random.nextInt(4) == 0 ? 0.0 : random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
                    case BYTES -> new BigDecimal(java.math.BigInteger.valueOf(random.nextLong()), f.schema().parameters() == null ? 0
                            : Integer.parseInt(f.schema().parameters().get(Decimal.SCALE_FIELD)));
                    default -> random.nextBoolean();
                });
            }
            byte[] bytes = c.plain().fromConnectData(TOPIC, s, v);
            assertThat(c.fast().fromConnectData(TOPIC, s, v)).isEqualTo(bytes);
            c.assertSame(bytes, false);
        }
    }

    @Test
    void floatSpecialsAreExactOnBothPaths() {
        Converters c = Converters.of(Map.of(), false);
        Struct v = full().put("f64", Double.NaN).put("f32", -0.0f)
                .put("arrF", Arrays.asList(Double.POSITIVE_INFINITY, -0.0, Double.NEGATIVE_INFINITY, 0.0));
        byte[] bytes = c.plain().fromConnectData(TOPIC, ALL, v);
        c.assertSame(bytes, true);
        Struct back = (Struct) c.fast().toConnectData(TOPIC, bytes).value();
        assertThat(back.getFloat64("f64")).isNaN();
        assertThat(Float.floatToRawIntBits(back.getFloat32("f32"))).isEqualTo(Float.floatToRawIntBits(-0.0f));
        assertThat(back.getArray("arrF")).containsExactly(Double.POSITIVE_INFINITY, -0.0, Double.NEGATIVE_INFINITY, 0.0);
    }

    // ---- hand-written JSON of unusual shapes: fast path or not, the result (or error) is JsonConverter's ----

    private static final String S = "{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":true,\"field\":\"id\"},"
            + "{\"type\":\"string\",\"optional\":true,\"field\":\"s\"},{\"type\":\"int32\",\"optional\":false,\"default\":9,"
            + "\"field\":\"d\"}],\"optional\":true,\"name\":\"x.Value\"}";

    static List<String> shapes() {
        String deep = "[".repeat(300) + "]".repeat(300);
        return List.of(
                "{\"schema\":" + S + ",\"payload\":{\"id\":1,\"s\":\"a\",\"d\":2}}",
                " \n{ \"schema\" :\t" + S + " ,\r\n \"payload\" : {\"id\":1} } \n",
                "{\"payload\":{\"id\":2,\"s\":null},\"schema\":" + S + "}",
                "{\"schema\":" + S + ",\"payload\":{}}",
                "{\"schema\":" + S + ",\"payload\":null}",
                "{\"schema\":" + S + ",\"payload\":{\"id\":\"not a number\"}}",
                "{\"schema\":" + S + ",\"payload\":{\"id\":1,\"unknown\":[1,{\"x\":\"}\"}]}}",
                "{\"schema\":" + S + ",\"payload\":{\"id\":1,\"s\":\"\\\"}\\\\\"}}",
                "{\"schema\":" + S + ",\"payload\":{\"id\":01}}",
                "{\"schema\":" + S + ",\"payload\":{\"id\":1.5e3}}",
                "{\"schema\":" + S + ",\"payload\":{\"id\":12345678901234567890123}}",
                "{\"schema\":" + S + ",\"payload\":{\"id\":1,}}",
                "{\"schema\":" + S + ",\"payload\":{\"id\":1]}",
                "{\"schema\":" + S + ",\"payload\":{\"id\":[1}]}}",
                "{\"schema\":" + S + ",\"payload\":{\"id\":1}} trailing",
                "{\"schema\":" + S + ",\"payload\":{\"id\":1}}}",
                "{\"schema\":" + S + ",\"payload\":{\"id\":1}",
                "{\"schema\":" + S + ",\"payload\":{\"id\":1},\"extra\":1}",
                "{\"schema\":" + S + ",\"schema\":" + S + ",\"payload\":{\"id\":1}}",
                "{\"schema\":" + S + "}",
                "{\"sch\\u0065ma\":" + S + ",\"payload\":{\"id\":1}}",
                "{\"schema\":null,\"payload\":{\"id\":1}}",
                "{\"schema\":{\"type\":\"int64\"},\"payload\":5}",
                "{\"schema\":{\"type\":\"nonsense\"},\"payload\":{}}",
                "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"field\":\"d\"}]},\"payload\":{}}",
                "{\"schema\":{\"type\":\"struct\",\"fields\":[],\"name\":\"n\\u00e9\\\"\"},\"payload\":{}}",
                "{\"schema\":{\"type\":\"array\",\"items\":{\"type\":\"int32\"}},\"payload\":[1,2]}",
                "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"array\",\"items\":{\"type\":\"array\",\"items\":"
                        + "{\"type\":\"int32\"}},\"field\":\"a\"}]},\"payload\":{\"a\":" + deep + "}}",
                "{\"schema\":" + S + ",\"payload\":{\"s\":\"\u00e9\ud83d\ude00\"}}",
                "\ufeff{\"schema\":" + S + ",\"payload\":{\"id\":1}}",
                "{\"schema\":" + S + ",\"payload\":{\"s\":\"unterminated}}",
                "",
                "   ",
                "null",
                "[]",
                "{}",
                "nonsense");
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void sameAsJsonConverterForUnusualShapes(String json) {
        for (Map<String, String> config : configs()) {
            Converters.of(config, false).assertSame(json.getBytes(StandardCharsets.UTF_8), false);
        }
    }

    @Test
    void oneConverterForAllShapesInTurn() {
        // the schema of one record is the known schema the next record's bytes are first compared with
        Converters c = Converters.of(Map.of(), false);
        for (int round = 0; round < 2; round++) {
            for (String json : shapes()) {
                c.assertSame(json.getBytes(StandardCharsets.UTF_8), false);
            }
        }
    }

    @Test
    void knownSchemaFindsWhatAScanFinds() {
        byte[] known = S.getBytes(StandardCharsets.UTF_8);
        for (String json : shapes()) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            JsonEnvelope scanned = JsonEnvelope.locate(bytes);
            JsonEnvelope compared = JsonEnvelope.locate(bytes, known);
            assertThat(compared == null).as(json).isEqualTo(scanned == null);
            if (scanned != null) {
                assertThat(List.of(compared.schemaFrom, compared.schemaTo, compared.payloadFrom, compared.payloadTo)).as(json)
                        .isEqualTo(List.of(scanned.schemaFrom, scanned.schemaTo, scanned.payloadFrom, scanned.payloadTo));
            }
        }
        assertThat(JsonEnvelope.locate(shapes().get(0).getBytes(StandardCharsets.UTF_8), known)).isNotNull();
    }

    @Test
    void invalidUtf8AndNullBytes() {
        Converters c = Converters.of(Map.of(), false);
        byte[] prefix = ("{\"schema\":" + S + ",\"payload\":{\"s\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(prefix, prefix.length + 4);
        bytes[prefix.length] = (byte) 0xC3;
        bytes[prefix.length + 1] = '"';
        bytes[prefix.length + 2] = '}';
        bytes[prefix.length + 3] = '}';
        c.assertSame(bytes, false);
        assertThat(c.fast().toConnectData(TOPIC, null)).isEqualTo(c.plain().toConnectData(TOPIC, null));
    }

    @Test
    void schemalessConverterIsUnchanged() {
        Converters c = Converters.of(Map.of("schemas.enable", "false"), false);
        for (String json : shapes()) {
            c.assertSame(json.getBytes(StandardCharsets.UTF_8), false);
        }
        assertThat(Objects.requireNonNull(JsonEnvelope.locate(shapes().get(0).getBytes(StandardCharsets.UTF_8)))
                .schemaLength()).isEqualTo(S.length());
    }

    // ---- payloads written directly (JsonPayloadWriter) ----

    private static final Schema FLAT = SchemaBuilder.struct().name("m.public.t.Value").optional()
            .field("id", Schema.INT64_SCHEMA)
            .field("i8", Schema.OPTIONAL_INT8_SCHEMA)
            .field("i16", Schema.OPTIONAL_INT16_SCHEMA)
            .field("i32", SchemaBuilder.int32().optional().parameter("mirror.source.type", "integer").build())
            .field("f32", Schema.OPTIONAL_FLOAT32_SCHEMA)
            .field("f64", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("bool", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("str", Schema.OPTIONAL_STRING_SCHEMA)
            .field("n\u00e4me \"q\"\t", Schema.OPTIONAL_STRING_SCHEMA)
            .field("bytes", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("dec", Decimal.builder(2).optional().build())
            .field("date", Date.builder().optional().build())
            .field("time", Time.builder().optional().build())
            .field("ts", Timestamp.builder().optional().build())
            .field("uuid", SchemaBuilder.string().name("io.mirrorconnect.Uuid").optional().build())
            .build();

    private static String randomText(Random random) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(5)) {
                case 0 -> b.append((char) random.nextInt(0x80)); // every ASCII character, controls included
                case 1 -> b.append((char) (0x80 + random.nextInt(0x780))); // two UTF-8 bytes
                case 2 -> b.append((char) (0x800 + random.nextInt(0xD000))); // three bytes, below the surrogates
                case 3 -> b.appendCodePoint(0x10000 + random.nextInt(0x1000)); // a surrogate pair
                default -> b.append("\u2028/\u007f\ufffd");
            }
        }
        return b.toString();
    }

    private static Struct randomFlatRow(Random random, boolean surrogates) {
        Struct v = new Struct(FLAT).put("id", random.nextLong());
        for (org.apache.kafka.connect.data.Field f : FLAT.fields()) {
            if (f.name().equals("id") || random.nextInt(6) == 0) {
                continue;
            }
            String text = randomText(random);
            if (!surrogates) {
                text = text.codePoints().filter(cp -> cp < 0x10000).collect(StringBuilder::new,
                        StringBuilder::appendCodePoint, StringBuilder::append).toString();
            }
            double d = switch (random.nextInt(6)) {
                case 0 -> Double.NaN;
                case 1 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                case 2 -> random.nextBoolean() ? -0.0 : Double.MIN_VALUE;
                default -> random.nextGaussian() * Math.pow(10, random.nextInt(600) - 300);
            };
            v.put(f, switch (f.name()) {
                case "i8" -> (byte) random.nextInt();
                case "i16" -> (short) random.nextInt();
                case "i32" -> random.nextInt();
                case "f32" -> (float) d;
                case "f64" -> d;
                case "bool" -> random.nextBoolean();
                case "bytes" -> {
                    byte[] b = new byte[random.nextInt(7)];
                    random.nextBytes(b);
                    yield b;
                }
                case "dec" -> BigDecimal.valueOf(random.nextLong(), 2);
                case "date" -> new java.util.Date((random.nextInt(200_000) - 100_000) * 86_400_000L);
                case "time" -> new java.util.Date(random.nextInt(86_400_000));
                case "ts" -> new java.util.Date(random.nextLong() / 1000);
                case "uuid" -> new java.util.UUID(random.nextLong(), random.nextLong()).toString();
                default -> text;
            });
        }
        return v;
    }

    @Test
    void directPayloadsAreJsonConvertersBytes() {
        Random random = new Random(7);
        for (Map<String, String> config : configs()) {
            for (boolean isKey : new boolean[] {false, true}) {
                Converters c = Converters.of(config, isKey);
                for (int i = 0; i < 300; i++) {
                    Struct v = randomFlatRow(random, i % 3 == 0);
                    byte[] expected = c.plain().fromConnectData(TOPIC, FLAT, v);
                    assertThat(c.fast().fromConnectData(TOPIC, FLAT, v)).as("%s %s", config, v).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void directPayloadsOfFieldsWithDefaultsAreJsonConvertersBytes() {
        Schema s = SchemaBuilder.struct().name("d").field("id", Schema.INT64_SCHEMA)
                .field("n", SchemaBuilder.int32().optional().defaultValue(42).build())
                .field("s", SchemaBuilder.string().defaultValue("dflt").build()).build();
        List<Struct> rows = List.of(new Struct(s).put("id", 1L), new Struct(s).put("id", 2L).put("n", 7),
                new Struct(s).put("id", 3L).put("n", 8).put("s", "x"));
        for (Map<String, String> config : configs()) {
            Converters c = Converters.of(config, false);
            for (Struct v : rows) {
                // bytes, or JsonConverter's error (a required field left null without replace.null.with.default)
                assertThat(written(() -> c.fast().fromConnectData(TOPIC, s, v))).as("%s %s", config, v)
                        .isEqualTo(written(() -> c.plain().fromConnectData(TOPIC, s, v)));
            }
        }
    }

    private static String written(java.util.function.Supplier<byte[]> write) {
        try {
            return new String(write.get(), StandardCharsets.UTF_8);
        } catch (DataException e) {
            return "error: " + e.getMessage();
        }
    }

    @Test
    void theDirectWriterTakesFlatRowsAndLeavesTheRestToJsonConverter() {
        Random random = new Random(3);
        JsonPayloadWriter direct = new JsonPayloadWriter(true);
        for (int i = 0; i < 100; i++) {
            assertThat(direct.write(FLAT, randomFlatRow(random, false))).isNotNull();
        }
        Struct row = randomFlatRow(random, false);
        // decimals as numbers, a surrogate pair, arrays, defaults, required nulls, a time of day in a date, a time past
        // the day, a decimal of another scale and a struct of another schema are JsonConverter's to write (or reject)
        assertThat(new JsonPayloadWriter(false).write(FLAT, row.put("dec", new BigDecimal("1.00")))).isNull();
        assertThat(direct.write(FLAT, randomFlatRow(random, false).put("str", "\ud83d\ude00"))).isNull();
        assertThat(direct.write(ALL, full())).isNull();
        assertThat(direct.write(SchemaBuilder.int32().optional().defaultValue(42).build(), null)).isNull();
        assertThat(direct.write(Schema.INT64_SCHEMA, null)).isNull();
        assertThat(direct.write(Schema.OPTIONAL_INT64_SCHEMA, null)).isEqualTo("null".getBytes(StandardCharsets.UTF_8));
        assertThat(direct.write(FLAT, randomFlatRow(random, false).put("date", new java.util.Date(1)))).isNull();
        assertThat(direct.write(FLAT, randomFlatRow(random, false).put("time", new java.util.Date(86_400_001L)))).isNull();
        assertThat(direct.write(FLAT, randomFlatRow(random, false).put("dec", new BigDecimal("1.5")))).isNull();
        assertThat(direct.write(FLAT, new Struct(INNER))).isNull();
        assertThat(direct.write(Schema.OPTIONAL_INT64_SCHEMA, "not a long")).isNull();
    }

    @Test
    void directWriteErrorsAreJsonConvertersOwn() {
        Converters c = Converters.of(Map.of(), false);
        Random random = new Random(5);
        List<Struct> bad = List.of(randomFlatRow(random, false).put("date", new java.util.Date(1)),
                randomFlatRow(random, false).put("time", new java.util.Date(-1)),
                randomFlatRow(random, false).put("dec", new BigDecimal("1.5")));
        for (Struct v : bad) {
            Throwable plain = org.assertj.core.api.Assertions.catchThrowable(() -> c.plain().fromConnectData(TOPIC, FLAT, v));
            assertThat(plain).isInstanceOf(DataException.class);
            assertThatThrownBy(() -> c.fast().fromConnectData(TOPIC, FLAT, v)).isInstanceOf(DataException.class)
                    .hasMessage(plain.getMessage());
        }
    }
}
