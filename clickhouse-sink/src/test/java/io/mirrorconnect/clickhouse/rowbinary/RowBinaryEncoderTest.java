package io.mirrorconnect.clickhouse.rowbinary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mirrorconnect.contract.SchemaConventions;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class RowBinaryEncoderTest {
    private static final Schema TS_MICROS = SchemaBuilder.int64().name(SchemaConventions.TIMESTAMP_MICROS).build();
    private static final Schema TIME_MICROS = SchemaBuilder.int64().name(SchemaConventions.TIME_MICROS).build();

    private static String hex(String type, Schema schema, Object value) {
        RowBinaryOutput out = new RowBinaryOutput();
        RowBinaryEncoder.column("c", type, schema).write(out, value);
        return HexFormat.of().formatHex(out.toByteArray());
    }

    private static String hex(String type, Object value) {
        return hex(type, null, value);
    }

    @Test
    void integers() {
        assertThat(hex("Int8", (byte) -1)).isEqualTo("ff");
        assertThat(hex("Int16", (short) 0x0102)).isEqualTo("0201");
        assertThat(hex("Int32", 1)).isEqualTo("01000000");
        assertThat(hex("Int64", -2L)).isEqualTo("feffffffffffffff");
        assertThat(hex("UInt8", true)).isEqualTo("01");
        assertThat(hex("UInt32", 4294967295L)).isEqualTo("ffffffff");
        assertThat(hex("UInt64", new BigInteger("18446744073709551615"))).isEqualTo("ffffffffffffffff");
        assertThat(hex("UInt64", 5L)).isEqualTo("0500000000000000");
        assertThat(hex("Int128", -1L)).isEqualTo("ff".repeat(16));
        assertThat(hex("UInt128", BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE))).isEqualTo("ff".repeat(16));
        assertThat(hex("Int256", 1)).isEqualTo("01" + "00".repeat(31));
    }

    @Test
    void integerOverflowAndWrongTypesNameTheColumn() {
        assertThatThrownBy(() -> hex("Int8", 128)).isInstanceOf(RowBinaryEncodingException.class)
                .hasMessageContaining("column c (Int8)").hasMessageContaining("'128' (Integer)")
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> hex("UInt64", -1L)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> hex("Int32", "1")).hasMessageContaining("expected an integer");
        assertThatThrownBy(() -> hex("Int64", new BigDecimal("1.5"))).hasMessageContaining("fraction");
    }

    @Test
    void floatsAndBool() {
        assertThat(hex("Float32", 1.5f)).isEqualTo("0000c03f");
        assertThat(hex("Float64", 1.5d)).isEqualTo("000000000000f83f");
        assertThat(hex("Float64", 3)).isEqualTo("0000000000000840");
        assertThatThrownBy(() -> hex("Float32", 0.1d)).hasMessageContaining("Float32 holds exactly");
        assertThatThrownBy(() -> hex("Float64", Long.MAX_VALUE)).hasMessageContaining("Float64 holds exactly");
        assertThat(hex("Bool", true)).isEqualTo("01");
        assertThat(hex("Bool", 0)).isEqualTo("00");
        assertThatThrownBy(() -> hex("Bool", 2)).hasMessageContaining("true/false or 0/1");
    }

    @Test
    void strings() {
        assertThat(hex("String", "hé")).isEqualTo("0368c3a9");
        assertThat(hex("String", new byte[] {0, 1})).isEqualTo("020001");
        assertThat(hex("String", ByteBuffer.wrap(new byte[] {9}))).isEqualTo("0109");
        assertThat(hex("String", "x".repeat(200))).startsWith("c801"); // LEB128 200
        assertThat(hex("LowCardinality(String)", "ab")).isEqualTo("026162");
        assertThat(hex("FixedString(4)", "ab")).isEqualTo("61620000");
        assertThatThrownBy(() -> hex("FixedString(1)", "ab")).hasMessageContaining("longer than FixedString(1)");
        assertThat(hex("String", new BigDecimal("12345678901234567890123456789012345678901234567890123456789012345678901234567890.5")))
                .endsWith(HexFormat.of().formatHex(".5".getBytes()));
        assertThatThrownBy(() -> hex("String", 5)).hasMessageContaining("expected a String");
    }

    @Test
    void timeOfDayBecomesFixedWidthText() {
        assertThat(ValueCodecs.timeOfDay(0)).isEqualTo("00:00:00.000000");
        assertThat(ValueCodecs.timeOfDay(45_296_000_007L)).isEqualTo("12:34:56.000007");
        assertThat(ValueCodecs.timeOfDay(86_400_000_000L)).isEqualTo("24:00:00.000000");
        assertThat(hex("String", TIME_MICROS, 1_000_000L)).isEqualTo("0f" + HexFormat.of().formatHex("00:00:01.000000".getBytes()));
        assertThatThrownBy(() -> hex("String", TIME_MICROS, -1L)).hasMessageContaining("time of day");
    }

    @Test
    void decimalsUseTheWidthOfTheirPrecision() {
        assertThat(hex("Decimal(9, 2)", new BigDecimal("1.5"))).isEqualTo("96000000");
        assertThat(hex("Decimal(18, 2)", new BigDecimal("-1.5"))).isEqualTo("6affffffffffffff");
        assertThat(hex("Decimal(38, 0)", 1L)).isEqualTo("01" + "00".repeat(15));
        assertThat(hex("Decimal(76, 1)", new BigDecimal("-0.1"))).isEqualTo("ff".repeat(32));
        assertThat(hex("Decimal64(3)", "2.5")).isEqualTo("c409000000000000");
        assertThatThrownBy(() -> hex("Decimal(5, 2)", new BigDecimal("1000.00")))
                .hasMessageContaining("more than 5 digits");
        assertThatThrownBy(() -> hex("Decimal(10, 2)", new BigDecimal("1.005")))
                .hasMessageContaining("more than 2 fractional digits");
        assertThat(hex("Decimal(10, 2)", new BigDecimal("1.000"))).as("trailing zeros are exact").isEqualTo("6400000000000000");
    }

    @Test
    void datesAndTimes() {
        java.util.Date connectDate = Date.toLogical(Date.SCHEMA, 2);
        assertThat(hex("Date32", Date.SCHEMA, connectDate)).isEqualTo("02000000");
        assertThat(hex("Date32", LocalDate.of(1900, 1, 1))).isEqualTo(hex("Date32", -25567));
        assertThat(hex("Date", LocalDate.of(1970, 1, 3))).isEqualTo("0200");
        assertThatThrownBy(() -> hex("Date32", LocalDate.of(1899, 12, 31))).hasMessageContaining("outside the Date32 range");
        assertThatThrownBy(() -> hex("Date32", new java.util.Date(1))).hasMessageContaining("not midnight");

        assertThat(hex("DateTime64(6, 'UTC')", TS_MICROS, 1_000_001L)).isEqualTo("41420f0000000000");
        assertThat(hex("DateTime64(6)", Instant.ofEpochSecond(1, 1000))).isEqualTo("41420f0000000000");
        assertThat(hex("DateTime64(3, 'UTC')", Timestamp.SCHEMA, new java.util.Date(1001))).isEqualTo("e903000000000000");
        assertThat(hex("DateTime64(9)", Instant.ofEpochSecond(0, 5))).isEqualTo("0500000000000000");
        assertThat(hex("DateTime64(6)", TS_MICROS, -1L)).as("before 1970").isEqualTo("ffffffffffffffff");
        assertThat(hex("DateTime", Instant.ofEpochSecond(258))).isEqualTo("02010000");
        assertThatThrownBy(() -> hex("DateTime64(3)", Instant.ofEpochSecond(0, 1000)))
                .hasMessageContaining("more than 3 fractional digits");
        assertThatThrownBy(() -> hex("DateTime64(6, 'UTC')", TS_MICROS, -2_208_988_801_000_000L))
                .hasMessageContaining("outside the DateTime64 range");
        assertThatThrownBy(() -> hex("DateTime64(6)", "2024-01-01")).hasMessageContaining("expected an Instant");
    }

    @Test
    void uuidIsHighThenLowHalfEachLittleEndian() {
        String u = "00112233-4455-6677-8899-aabbccddeeff";
        assertThat(hex("UUID", u)).isEqualTo("7766554433221100ffeeddccbbaa9988");
        assertThat(hex("UUID", UUID.fromString(u))).isEqualTo("7766554433221100ffeeddccbbaa9988");
        assertThatThrownBy(() -> hex("UUID", "1-1-1-1-1")).hasMessageContaining("canonical UUID");
    }

    @Test
    void nullableArrayAndMap() {
        assertThat(hex("Nullable(Int32)", null)).isEqualTo("01");
        assertThat(hex("Nullable(Int32)", 1)).isEqualTo("0001000000");
        assertThat(hex("LowCardinality(Nullable(String))", null)).isEqualTo("01");
        assertThat(hex("LowCardinality(Nullable(String))", "ab")).isEqualTo("00026162");
        assertThat(RowBinaryEncoder.column("c", "LowCardinality(Nullable(String))", null).nullable()).isTrue();
        assertThat(RowBinaryEncoder.column("c", "LowCardinality(String)", null).nullable()).isFalse();
        RowBinaryOutput defaults = new RowBinaryOutput();
        RowBinaryEncoder.column("c", "LowCardinality(Nullable(String))", null).writeDefault(defaults);
        RowBinaryEncoder.column("c", "Nullable(Int32)", null).writeDefault(defaults);
        RowBinaryEncoder.column("c", "Int32", null).writeDefault(defaults);
        assertThat(HexFormat.of().formatHex(defaults.toByteArray())).isEqualTo("0101" + "00000000");
        assertThat(hex("Array(Nullable(Int8))", Arrays.asList((byte) 1, null))).isEqualTo("02000101");
        assertThat(hex("Array(Int8)", List.of())).isEqualTo("00");
        Map<String, String> m = new LinkedHashMap<>();
        m.put("a", "b");
        m.put("c", null);
        assertThat(hex("Map(String, Nullable(String))", m)).isEqualTo("02" + "0161" + "000162" + "0163" + "01");
        assertThatThrownBy(() -> hex("Int32", null)).hasMessageContaining("null, but the column is not Nullable");
        assertThatThrownBy(() -> hex("Array(Int8)", Arrays.asList((byte) 1, null)))
                .hasMessageContaining("element 1 is null");
        assertThatThrownBy(() -> hex("Array(Int8)", List.of(1000))).hasMessageContaining("element 0: out of range");
    }

    @Test
    void unsupportedTypesFailWhenTheColumnIsBuilt() {
        assertThatThrownBy(() -> RowBinaryEncoder.column("e", "Enum8('a' = 1)", null))
                .isInstanceOf(RowBinaryEncodingException.class).hasMessageContaining("column e");
    }

    @Test
    void rowsAreAllOrNothingAndDefaultsFillDeletes() {
        RowBinaryEncoder enc = new RowBinaryEncoder(List.of(
                RowBinaryEncoder.column("id", "Int32", null),
                RowBinaryEncoder.column("name", "Nullable(String)", null),
                RowBinaryEncoder.column("n", "Decimal(9, 0)", null),
                RowBinaryEncoder.column("_ver", "UInt64", null)));
        RowBinaryOutput out = new RowBinaryOutput(16);
        enc.writeRow(out, List.of(1, "a", 5, 9L));
        int afterFirst = out.size();
        assertThatThrownBy(() -> enc.writeRow(out, List.of(2, "b", new BigDecimal("1.5"), 10L)))
                .hasMessageContaining("column n");
        assertThat(out.size()).isEqualTo(afterFirst);
        enc.writeRow(out, List.of(3, RowBinaryEncoder.DEFAULT, RowBinaryEncoder.DEFAULT, 11L));
        assertThat(HexFormat.of().formatHex(out.toByteArray())).isEqualTo(
                "01000000" + "000161" + "05000000" + "0900000000000000"
                + "03000000" + "01" + "00000000" + "0b00000000000000");
        assertThatThrownBy(() -> enc.writeRow(out, List.of(1))).hasMessageContaining("1 values for 4 columns");
    }
}
