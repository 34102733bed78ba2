package io.mirrorconnect.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class ExactJsonConverterTest {
    private static final Schema SCHEMA = SchemaBuilder.struct().name("t.Value").optional()
            .field("d", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("f", Schema.OPTIONAL_FLOAT32_SCHEMA)
            .field("ds", SchemaBuilder.array(Schema.OPTIONAL_FLOAT64_SCHEMA).optional().build())
            .field("m", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_FLOAT64_SCHEMA).optional().build())
            .field("s", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private static Struct row(Double d, Float f, List<Double> ds, Map<String, Double> m) {
        return new Struct(SCHEMA).put("d", d).put("f", f).put("ds", ds).put("m", m).put("s", "NaN");
    }

    private static Struct roundTrip(org.apache.kafka.connect.storage.Converter converter, Struct value) {
        converter.configure(Map.of(), false);
        byte[] bytes = converter.fromConnectData("t", SCHEMA, value);
        SchemaAndValue back = converter.toConnectData("t", bytes);
        return (Struct) back.value();
    }

    @Test
    void kafkasJsonConverterTurnsFloatSpecialsIntoZero() {
        Struct back = roundTrip(new JsonConverter(), row(Double.NaN, Float.NEGATIVE_INFINITY, null, null));
        assertThat(back.getFloat64("d")).isEqualTo(0.0); // the loss this class exists for
        assertThat(back.getFloat32("f")).isEqualTo(0.0f);
    }

    @Test
    void specialsComeBackExactlyAtAnyDepth() {
        List<Double> ds = new ArrayList<>(Arrays.asList(Double.POSITIVE_INFINITY, 0.0, -0.0, null, 1.5, Double.NaN));
        Map<String, Double> m = new java.util.HashMap<>();
        m.put("nan", Double.NaN);
        m.put("neg", Double.NEGATIVE_INFINITY);
        m.put("zero", 0.0);
        Struct back = roundTrip(new ExactJsonConverter(), row(-0.0, Float.NaN, ds, m));

        assertThat(Double.doubleToRawLongBits(back.getFloat64("d"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(back.getFloat32("f")).isNaN();
        List<Double> list = back.getArray("ds");
        assertThat(list.get(0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Double.doubleToRawLongBits(list.get(1))).isZero();
        assertThat(Double.doubleToRawLongBits(list.get(2))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(list.get(3)).isNull();
        assertThat(list.get(4)).isEqualTo(1.5);
        assertThat(list.get(5)).isNaN();
        Map<String, Double> map = back.getMap("m");
        assertThat(map.get("nan")).isNaN();
        assertThat(map.get("neg")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Double.doubleToRawLongBits(map.get("zero"))).isZero();
        assertThat(back.getString("s")).isEqualTo("NaN");
    }

    @Test
    void writesTheSameBytesAsJsonConverterAndLeavesOrdinaryValuesAlone() {
        Struct value = row(0.0, 2.5f, new ArrayList<>(List.of(0.0, 3.0)), null);
        JsonConverter plain = new JsonConverter();
        plain.configure(Map.of(), false);
        ExactJsonConverter exact = new ExactJsonConverter();
        exact.configure(Map.of(), false);
        assertThat(exact.fromConnectData("t", SCHEMA, value)).isEqualTo(plain.fromConnectData("t", SCHEMA, value));
        Struct back = roundTrip(exact, value);
        assertThat(back).isEqualTo(roundTrip(new JsonConverter(), value));
        assertThat(Double.doubleToRawLongBits(back.getFloat64("d"))).isZero();
    }

    @Test
    void schemalessRecordsAndSchemasWithoutFloatsPassThrough() {
        ExactJsonConverter exact = new ExactJsonConverter();
        exact.configure(Map.of("schemas.enable", "false"), false);
        SchemaAndValue back = exact.toConnectData("t", "{\"d\":\"NaN\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(back.schema()).isNull();
        assertThat(ExactJsonConverter.containsFloat(SchemaBuilder.struct().field("s", Schema.STRING_SCHEMA).build())).isFalse();
        assertThat(ExactJsonConverter.containsFloat(SCHEMA)).isTrue();
    }
}
