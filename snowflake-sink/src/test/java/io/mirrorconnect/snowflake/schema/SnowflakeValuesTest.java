package io.mirrorconnect.snowflake.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.SchemaConventions;

class SnowflakeValuesTest {
    private static Schema named(Schema.Type type, String name) {
        return SchemaBuilder.type(type).name(name).optional().build();
    }

    private static Schema decimal(int precision, int scale) {
        return Decimal.builder(scale).parameter(SnowflakeTypeMapper.DECIMAL_PRECISION, Integer.toString(precision)).optional().build();
    }

    @Test
    void numbersAreExactText() {
        assertThat(SnowflakeValues.staged(Schema.OPTIONAL_INT64_SCHEMA, Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(SnowflakeValues.staged(Schema.OPTIONAL_INT16_SCHEMA, (short) -7)).isEqualTo("-7");
        assertThat(SnowflakeValues.staged(decimal(10, 2), new BigDecimal("-12345678.90"))).isEqualTo("-12345678.90");
        assertThat(SnowflakeValues.staged(decimal(5, 2), new BigDecimal("0.1"))).isEqualTo("0.10");
        assertThat(SnowflakeValues.staged(decimal(60, 10), new BigDecimal("1E+40"))).isEqualTo("10000000000000000000000000000000000000000");
        assertThat(SnowflakeValues.staged(Schema.OPTIONAL_FLOAT32_SCHEMA, 1.1f)).isEqualTo("1.1");
        assertThat(SnowflakeValues.staged(Schema.OPTIONAL_FLOAT64_SCHEMA, 0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(SnowflakeValues.staged(Schema.OPTIONAL_FLOAT64_SCHEMA, Double.NaN)).isEqualTo("NaN");
        assertThat(SnowflakeValues.staged(Schema.OPTIONAL_FLOAT64_SCHEMA, Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(SnowflakeValues.staged(Schema.OPTIONAL_FLOAT32_SCHEMA, Float.POSITIVE_INFINITY)).isEqualTo("inf");
    }

    @Test
    void decimalTooWideForItsColumnIsRefused() {
        assertThatThrownBy(() -> SnowflakeValues.staged(decimal(5, 2), new BigDecimal("12345.6")))
                .isInstanceOf(DataException.class).hasMessageContaining("does not fit NUMBER(5,2)");
    }

    @Test
    void bytesFromArraysAndBuffersAsHex() {
        assertThat(SnowflakeValues.staged(Schema.OPTIONAL_BYTES_SCHEMA, new byte[] {0, (byte) 0xff, 10})).isEqualTo("00ff0a");
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 1, 2, 3}, 1, 2);
        assertThat(SnowflakeValues.staged(Schema.OPTIONAL_BYTES_SCHEMA, buffer)).isEqualTo("0102");
        assertThat(buffer.remaining()).as("the record's buffer is not consumed").isEqualTo(2);
        assertThat(SnowflakeValues.staged(Schema.OPTIONAL_BYTES_SCHEMA, new byte[0])).isEqualTo("");
    }

    @Test
    void datesTimesAndTimestamps() {
        assertThat(SnowflakeValues.staged(Date.builder().optional().build(), new java.util.Date(-86_400_000L))).isEqualTo("1969-12-31");
        assertThat(SnowflakeValues.staged(named(Schema.Type.INT64, SchemaConventions.TIME_MICROS), 86_399_999_999L))
                .isEqualTo("23:59:59.999999");
        assertThat(SnowflakeValues.staged(named(Schema.Type.INT64, SchemaConventions.TIMESTAMP_MICROS), -1L))
                .isEqualTo("1969-12-31 23:59:59.999999");
        assertThat(SnowflakeValues.staged(named(Schema.Type.INT64, SchemaConventions.TIMESTAMPTZ_MICROS), 1_704_164_645_123_456L))
                .isEqualTo("2024-01-02T03:04:05.123456+00:00");
    }

    @Test
    void valuesOutsideSnowflakeRangesAreRefusedNamingThem() {
        assertThatThrownBy(() -> SnowflakeValues.staged(named(Schema.Type.INT64, SchemaConventions.TIME_MICROS), 86_400_000_000L))
                .isInstanceOf(DataException.class).hasMessageContaining("24:00:00");
        long year10000 = 253_402_300_800_000_000L;
        assertThatThrownBy(() -> SnowflakeValues.staged(named(Schema.Type.INT64, SchemaConventions.TIMESTAMP_MICROS), year10000))
                .isInstanceOf(DataException.class).hasMessageContaining("year 10000");
    }

    @Test
    void arraysAreJsonWithNullElementsAndNesting() {
        Schema ints = SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).optional().build();
        assertThat(SnowflakeValues.staged(ints, Arrays.asList(1, null, -3))).isEqualTo("[1,null,-3]");
        assertThat(SnowflakeValues.staged(ints, List.of())).isEqualTo("[]");
        Schema grid = SchemaBuilder.array(ints).optional().build();
        assertThat(SnowflakeValues.staged(grid, List.of(List.of(1, 2), Arrays.asList(3, null)))).isEqualTo("[[1,2],[3,null]]");
        Schema texts = SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build();
        assertThat(SnowflakeValues.staged(texts, Arrays.asList("a \"b\"", null, "NULL", ""))).isEqualTo("[\"a \\\"b\\\"\",null,\"NULL\",\"\"]");
        Schema decimals = SchemaBuilder.array(decimal(50, 2)).optional().build();
        assertThat(SnowflakeValues.staged(decimals, List.of(new BigDecimal("1.50"), new BigDecimal("123456789012345678901234567890123456789.01"))))
                .isEqualTo("[1.50,\"123456789012345678901234567890123456789.01\"]");
        Schema floats = SchemaBuilder.array(Schema.OPTIONAL_FLOAT32_SCHEMA).optional().build();
        assertThat(SnowflakeValues.staged(floats, List.of(1.1f, Float.NaN))).isEqualTo("[1.1,\"NaN\"]");
        // a VARIANT number has no negative zero (PARSE_JSON('-0.0') reads back 0): -0 travels as text, like NaN
        assertThat(SnowflakeValues.staged(floats, List.of(-0.0f, 0.0f))).isEqualTo("[\"-0.0\",0.0]");
        Schema doubles = SchemaBuilder.array(Schema.OPTIONAL_FLOAT64_SCHEMA).optional().build();
        assertThat(SnowflakeValues.staged(doubles, Arrays.asList(-0.0, null, -1.3391539315384418e159)))
                .isEqualTo("[\"-0.0\",null,-1.3391539315384418E159]");
        Schema stamps = SchemaBuilder.array(named(Schema.Type.INT64, SchemaConventions.TIMESTAMPTZ_MICROS)).optional().build();
        assertThat(SnowflakeValues.staged(stamps, List.of(0L))).isEqualTo("[\"1970-01-01T00:00:00.000000+00:00\"]");
        Schema blobs = SchemaBuilder.array(Schema.OPTIONAL_BYTES_SCHEMA).optional().build();
        assertThat(SnowflakeValues.staged(blobs, List.of(ByteBuffer.wrap(new byte[] {1, (byte) 0xab})))).isEqualTo("[\"01ab\"]");
        Schema jsons = SchemaBuilder.array(named(Schema.Type.STRING, SchemaConventions.JSON)).optional().build();
        assertThat(SnowflakeValues.staged(jsons, List.of("{\"a\": 1}"))).isEqualTo("[{\"a\": 1}]");
    }

    @Test
    void hstoreMapsAreJsonObjects() {
        Schema hstore = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).optional().build();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("a", "1");
        m.put("b", null);
        m.put("", "empty key");
        assertThat(SnowflakeValues.staged(hstore, m)).isEqualTo("{\"a\":\"1\",\"b\":null,\"\":\"empty key\"}");
    }

    @Test
    void jsonTextIsPassedThroughForParseJson() {
        assertThat(SnowflakeValues.staged(named(Schema.Type.STRING, SchemaConventions.JSON), "{\"b\": [1, 2]}"))
                .isEqualTo("{\"b\": [1, 2]}");
        assertThat(SnowflakeValues.staged(Schema.OPTIONAL_STRING_SCHEMA, null)).isNull();
        assertThat(SnowflakeValues.staged(Schema.OPTIONAL_BOOLEAN_SCHEMA, true)).isEqualTo(true);
    }
}
