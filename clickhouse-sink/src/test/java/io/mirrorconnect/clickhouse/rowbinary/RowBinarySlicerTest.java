package io.mirrorconnect.clickhouse.rowbinary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.clickhouse.schema.ClickHouseType;
import io.mirrorconnect.contract.SchemaConventions;

class RowBinarySlicerTest {
    private static final Schema TS_MICROS = SchemaBuilder.int64().name(SchemaConventions.TIMESTAMPTZ_MICROS).build();

    /** One column: its type, the Connect schema of its values, and the values of three rows. */
    private record Col(String type, Schema schema, List<Object> values) {
    }

    private static byte[] everyByte() {
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @Test
    void everyColumnSliceIsExactlyTheBytesTheEncoderWrote() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("k", null);
        map.put("ключ", "значение");
        List<Object> nested = List.of(List.of(1, 2), List.of(3, 4));
        List<Col> cols = List.of(
                new Col("Int64", null, Arrays.asList(1L, -1L, Long.MAX_VALUE)),
                new Col("Nullable(String)", null, Arrays.asList(everyByte(), null, "")),
                new Col("String", null, Arrays.asList("x".repeat(300), "😀中文", "\u0001\t\n")),
                new Col("Nullable(Decimal(60, 10))", null, Arrays.asList(new BigDecimal("-12345678901234567890.0123456789"), null, BigDecimal.ZERO)),
                new Col("Decimal(9, 2)", null, Arrays.asList(new BigDecimal("1.50"), new BigDecimal("-0.01"), BigDecimal.ZERO)),
                new Col("Decimal(38, 0)", null, Arrays.asList(new BigDecimal("1"), new BigDecimal("-" + "9".repeat(38)), BigDecimal.TEN)),
                new Col("Nullable(DateTime64(6, 'UTC'))", TS_MICROS, Arrays.asList(1_700_000_000_123_456L, null, 0L)),
                new Col("Date32", null, Arrays.asList(-25567, 0, 120000)),
                new Col("UUID", null, Arrays.asList("0f8fad5b-d9cb-469f-a165-70867728950e", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff")),
                new Col("Array(Nullable(String))", null, Arrays.asList(Arrays.asList("a", null, "b c"), List.of(), List.of(""))),
                new Col("Array(Array(Nullable(Int32)))", null, Arrays.asList(nested, List.of(), List.of(List.of()))),
                new Col("Map(String, Nullable(String))", null, Arrays.asList(map, Map.of(), Map.of("a", "b"))),
                new Col("LowCardinality(Nullable(String))", null, Arrays.asList("happy", null, "")),
                new Col("Nullable(Float64)", null, Arrays.asList(Double.NaN, null, -0.0)),
                new Col("Bool", null, Arrays.asList(true, false, true)),
                new Col("Int16", null, Arrays.asList((short) 1, (short) -1, (short) 0)));

        List<ClickHouseType> types = new ArrayList<>();
        List<ColumnEncoder> encoders = new ArrayList<>();
        for (Col c : cols) {
            types.add(ClickHouseType.parse(c.type()));
            encoders.add(RowBinaryEncoder.column("c", c.type(), c.schema()));
        }
        RowBinaryOutput all = new RowBinaryOutput();
        List<List<byte[]>> expected = new ArrayList<>();
        for (int row = 0; row < 3; row++) {
            List<byte[]> values = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                RowBinaryOutput one = new RowBinaryOutput();
                encoders.get(i).write(one, cols.get(i).values().get(row));
                values.add(one.toByteArray());
                all.writeBytes(one.toByteArray(), 0, one.size());
            }
            expected.add(values);
        }

        List<List<RowBinarySlicer.Slice>> rows = new RowBinarySlicer(types).rows(all.toByteArray());

        assertThat(rows).hasSize(3);
        for (int row = 0; row < 3; row++) {
            for (int i = 0; i < cols.size(); i++) {
                assertThat(rows.get(row).get(i).toByteArray()).as("row %d, %s", row, cols.get(i).type())
                        .isEqualTo(expected.get(row).get(i));
            }
        }
    }

    @Test
    void truncatedDataAndUnknownTypesAreErrors() {
        RowBinarySlicer strings = new RowBinarySlicer(List.of(ClickHouseType.parse("String")));
        assertThatThrownBy(() -> strings.rows(new byte[] {5, 'a', 'b'})).hasMessageContaining("ends inside a value");
        RowBinarySlicer objects = new RowBinarySlicer(List.of(ClickHouseType.parse("Object('json')")));
        assertThatThrownBy(() -> objects.rows(new byte[] {1})).hasMessageContaining("cannot be read back");
        assertThat(strings.rows(new byte[0])).isEmpty();
    }
}
