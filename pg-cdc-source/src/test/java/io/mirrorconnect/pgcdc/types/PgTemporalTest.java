package io.mirrorconnect.pgcdc.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

class PgTemporalTest {
    private static long micros(String instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(instant));
    }

    @Test
    void dates() {
        assertThat(PgTemporal.parseDateEpochDay("1970-01-01")).isZero();
        assertThat(PgTemporal.parseDateEpochDay("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29).toEpochDay());
        assertThat(PgTemporal.parseDateEpochDay("1900-01-01")).isEqualTo(LocalDate.of(1900, 1, 1).toEpochDay());
        // 1 BC is ISO year 0, 44 BC is year -43
        assertThat(PgTemporal.parseDateEpochDay("0044-03-15 BC")).isEqualTo(LocalDate.of(-43, 3, 15).toEpochDay());
        assertThat(PgTemporal.parseDateEpochDay("0001-01-01 BC")).isEqualTo(LocalDate.of(0, 1, 1).toEpochDay());
        assertThat(PgTemporal.parseDateEpochDay("10000-01-01")).isEqualTo(LocalDate.of(10000, 1, 1).toEpochDay());
        assertThatThrownBy(() -> PgTemporal.parseDateEpochDay("2024-02-30")).hasMessageContaining("'2024-02-30'");
        assertThatThrownBy(() -> PgTemporal.parseDateEpochDay("01/02/2024")).isInstanceOf(PgValueException.class);
        assertThat(PgTemporal.isInfinity("infinity")).isTrue();
        assertThat(PgTemporal.isInfinity("-infinity")).isTrue();
    }

    @Test
    void times() {
        assertThat(PgTemporal.parseTimeMicros("00:00:00")).isZero();
        assertThat(PgTemporal.parseTimeMicros("13:45:06.5")).isEqualTo(((13 * 60 + 45) * 60 + 6) * 1_000_000L + 500_000);
        assertThat(PgTemporal.parseTimeMicros("23:59:59.999999")).isEqualTo(86_400_000_000L - 1);
        assertThat(PgTemporal.parseTimeMicros("24:00:00")).isEqualTo(86_400_000_000L);
        assertThatThrownBy(() -> PgTemporal.parseTimeMicros("24:00:01")).isInstanceOf(PgValueException.class);
        assertThatThrownBy(() -> PgTemporal.parseTimeMicros("12:00")).isInstanceOf(PgValueException.class);
    }

    @Test
    void timeWithTimeZoneGetsAFullOffset() {
        assertThat(PgTemporal.normalizeTimeTz("12:34:56.789+05:30")).isEqualTo("12:34:56.789+05:30");
        assertThat(PgTemporal.normalizeTimeTz("12:34:56+00")).isEqualTo("12:34:56+00:00");
        assertThat(PgTemporal.normalizeTimeTz("01:02:03-08")).isEqualTo("01:02:03-08:00");
        assertThat(PgTemporal.normalizeTimeTz("01:02:03+00:53:28")).isEqualTo("01:02:03+00:53:28");
    }

    @Test
    void timestamps() {
        assertThat(PgTemporal.parseTimestampMicros("2024-01-02 03:04:05.123456"))
                .isEqualTo(micros("2024-01-02T03:04:05.123456Z"));
        assertThat(PgTemporal.parseTimestampMicros("1969-12-31 23:59:59.9")).isEqualTo(-100_000L);
        assertThat(PgTemporal.parseTimestampMicros("2024-01-02T03:04:05")).isEqualTo(micros("2024-01-02T03:04:05Z"));
        assertThat(PgTemporal.parseTimestampMicros("0044-03-15 12:00:00 BC"))
                .isEqualTo(LocalDate.of(-43, 3, 15).toEpochDay() * 86_400_000_000L + 12 * 3_600_000_000L);
    }

    @Test
    void timestampsWithOffsets() {
        assertThat(PgTemporal.parseTimestampTzMicros("2024-01-02 03:04:05.123456+00"))
                .isEqualTo(micros("2024-01-02T03:04:05.123456Z"));
        assertThat(PgTemporal.parseTimestampTzMicros("2024-01-02 08:34:05+05:30"))
                .isEqualTo(micros("2024-01-02T03:04:05Z"));
        assertThat(PgTemporal.parseTimestampTzMicros("2024-01-01 22:04:05-05"))
                .isEqualTo(micros("2024-01-02T03:04:05Z"));
        // local mean time offsets of old dates have seconds
        assertThat(PgTemporal.parseTimestampTzMicros("1850-01-01 00:00:00+00:53:28"))
                .isEqualTo(micros("1849-12-31T23:06:32Z"));
        assertThatThrownBy(() -> PgTemporal.parseTimestampTzMicros("2024-01-02 03:04:05"))
                .isInstanceOf(PgValueException.class).hasMessageContaining("2024-01-02 03:04:05");
    }

    @Test
    void timestampsBeyondLongMicrosFailClearly() {
        assertThatThrownBy(() -> PgTemporal.parseTimestampMicros("294276-12-31 23:59:59"))
                .isInstanceOf(PgValueException.class).hasMessageContaining("outside the range");
    }

    @Test
    void intervalsInPostgresStyleBecomeIso() {
        assertThat(PgTemporal.intervalToIso("00:00:00")).isEqualTo("PT0S");
        assertThat(PgTemporal.intervalToIso("1 year 2 mons 3 days 04:05:06.789")).isEqualTo("P1Y2M3DT4H5M6.789S");
        assertThat(PgTemporal.intervalToIso("-1 years -2 mons +3 days -04:05:06")).isEqualTo("P-1Y-2M3DT-4H-5M-6S");
        assertThat(PgTemporal.intervalToIso("1 day")).isEqualTo("P1D");
        assertThat(PgTemporal.intervalToIso("-00:00:00.000001")).isEqualTo("PT-0.000001S");
        assertThat(PgTemporal.intervalToIso("1 mon -1 days")).isEqualTo("P1M-1D");
        assertThat(PgTemporal.intervalToIso("36:00:00")).isEqualTo("PT36H");
        assertThat(PgTemporal.intervalToIso("178956970 years 7 mons 2147483647 days 2562047788:00:54.775807"))
                .isEqualTo("P178956970Y7M2147483647DT2562047788H54.775807S");
        assertThat(PgTemporal.parseInterval("1 year 2 mons 3 days 04:05:06.789"))
                .containsExactly(14, 3, 4 * 3_600_000_000L + 5 * 60_000_000L + 6_789_000L);
    }

    @Test
    void intervalsInIsoStyleRoundTrip() {
        for (String iso : new String[] {"PT0S", "P1Y2M3DT4H5M6.789S", "P-1Y-2M3DT-4H-5M-6S", "P1M-1D", "PT-0.000001S"}) {
            assertThat(PgTemporal.intervalToIso(iso)).isEqualTo(iso);
        }
        assertThat(PgTemporal.intervalToIso("P2W")).isEqualTo("P14D");
    }

    @Test
    void badIntervalsAreNamed() {
        assertThatThrownBy(() -> PgTemporal.intervalToIso("@ 1 year")).hasMessageContaining("postgres_verbose");
        assertThatThrownBy(() -> PgTemporal.intervalToIso("1 fortnight")).hasMessageContaining("fortnight");
        assertThatThrownBy(() -> PgTemporal.intervalToIso("1-2")).isInstanceOf(PgValueException.class);
    }
}
