package io.mirrorconnect.pgcdc.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PgRangeTextTest {
    @Test
    void tstzRangeBoundsBecomeUtc() {
        assertThat(PgRangeText.tstzRangeToUtc("[\"2023-12-31 20:30:00-03:30\",\"2024-01-31 20:30:00.5-03:30\")"))
                .isEqualTo("[\"2024-01-01 00:00:00+00\",\"2024-02-01 00:00:00.5+00\")");
        assertThat(PgRangeText.tstzRangeToUtc("[\"2024-01-01 00:00:00+00\",)"))
                .isEqualTo("[\"2024-01-01 00:00:00+00\",)");
        assertThat(PgRangeText.tstzRangeToUtc("(,infinity]")).isEqualTo("(,infinity]");
        assertThat(PgRangeText.tstzRangeToUtc("empty")).isEqualTo("empty");
        assertThatThrownBy(() -> PgRangeText.tstzRangeToUtc("[,infinity")).isInstanceOf(PgValueException.class)
                .hasMessageContaining("'[,infinity'");
        assertThatThrownBy(() -> PgRangeText.tstzRangeToUtc("[1,2)")).isInstanceOf(PgValueException.class)
                .hasMessageContaining("'1'");
    }

    @Test
    void multirangesToo() {
        assertThat(PgRangeText.tstzMultirangeToUtc("{}")).isEqualTo("{}");
        assertThat(PgRangeText.tstzMultirangeToUtc(
                "{[\"2024-01-01 01:00:00+01\",\"2024-01-02 01:00:00+01\"), [\"2024-02-01 00:00:00+00\",)}"))
                .isEqualTo("{[\"2024-01-01 00:00:00+00\",\"2024-01-02 00:00:00+00\"), [\"2024-02-01 00:00:00+00\",)}");
    }

    @Test
    void formatsLikePostgresInUtc() {
        assertThat(PgRangeText.formatUtc(0)).isEqualTo("1970-01-01 00:00:00+00");
        assertThat(PgRangeText.formatUtc(-1)).isEqualTo("1969-12-31 23:59:59.999999+00");
        assertThat(PgRangeText.formatUtc(PgTemporal.parseTimestampTzMicros("0044-03-15 12:00:00+00 BC")))
                .isEqualTo("0044-03-15 12:00:00+00 BC");
    }
}
