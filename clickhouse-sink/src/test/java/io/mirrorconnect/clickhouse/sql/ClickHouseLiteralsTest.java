package io.mirrorconnect.clickhouse.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class ClickHouseLiteralsTest {
    @Test
    void literals() {
        assertThat(ClickHouseLiterals.literal(null)).isEqualTo("NULL");
        assertThat(ClickHouseLiterals.literal("it's \\ ok")).isEqualTo("'it\\'s \\\\ ok'");
        assertThat(ClickHouseLiterals.literal(42L)).isEqualTo("42");
        assertThat(ClickHouseLiterals.literal(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(ClickHouseLiterals.literal(Double.NaN)).isEqualTo("nan");
        assertThat(ClickHouseLiterals.literal(true)).isEqualTo("true");
        assertThat(ClickHouseLiterals.literal(LocalDate.of(2024, 2, 29))).isEqualTo("'2024-02-29'");
        assertThat(ClickHouseLiterals.literal(Instant.parse("2024-01-02T03:04:05.123456Z")))
                .isEqualTo("'2024-01-02 03:04:05.123456000'");
        assertThat(ClickHouseLiterals.literal(new byte[] {0, (byte) 0xff, '\''})).isEqualTo("'\\x00\\xff\\x27'");
        assertThat(ClickHouseLiterals.literal(Arrays.asList(1, null, "a"))).isEqualTo("[1, NULL, 'a']");
        assertThatThrownBy(() -> ClickHouseLiterals.literal(new Object())).hasMessageContaining("no ClickHouse literal");
    }

    @Test
    void parameterValuesAreTsvEscaped() {
        assertThat(ClickHouseLiterals.parameterValue("a\tb\nc\\d'e")).isEqualTo("a\\tb\\nc\\\\d'e");
        assertThat(ClickHouseLiterals.parameterValue(null)).isEqualTo("\\N");
        assertThat(ClickHouseLiterals.parameterValue(7)).isEqualTo("7");
        assertThatThrownBy(() -> ClickHouseLiterals.parameterValue(List.of())).hasMessageContaining("no ClickHouse");
    }
}
