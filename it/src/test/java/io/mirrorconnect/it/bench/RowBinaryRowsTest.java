package io.mirrorconnect.it.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class RowBinaryRowsTest {

    @Test
    void encodesLittleEndianNumbersVarIntStringsAndNullFlags() {
        RowBinaryRows rows = new RowBinaryRows(List.of("Int64", "Nullable(Int32)", "Nullable(String)", "Float64"));
        rows.add(new Object[] {258L, null, "é", 1.0});
        assertThat(rows.take()).containsExactly(
                2, 1, 0, 0, 0, 0, 0, 0,          // Int64 258
                1,                               // NULL
                0, 2, (byte) 0xC3, (byte) 0xA9,  // not null, length 2, UTF-8 of é
                0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F); // 1.0
        assertThat(rows.size()).isZero();
    }

    @Test
    void longStringsGetMultiByteLengths() {
        RowBinaryRows rows = new RowBinaryRows(List.of("String"));
        rows.add(new Object[] {"x".repeat(300)});
        byte[] b = rows.take();
        assertThat(b).hasSize(302);
        assertThat(b[0]).isEqualTo((byte) 0xAC);
        assertThat(b[1]).isEqualTo((byte) 0x02);
    }

    @Test
    void rejectsTypesItCannotEncodeAndNullsInNonNullableColumns() {
        assertThatThrownBy(() -> new RowBinaryRows(List.of("Decimal(10, 2)"))).hasMessageContaining("Decimal");
        RowBinaryRows rows = new RowBinaryRows(List.of("Int32"));
        assertThatThrownBy(() -> rows.add(new Object[] {null})).hasMessageContaining("NULL");
    }
}
