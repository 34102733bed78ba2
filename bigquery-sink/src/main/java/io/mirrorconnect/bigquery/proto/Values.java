package io.mirrorconnect.bigquery.proto;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

import io.mirrorconnect.contract.SchemaConventions;

/**
 * Record values in BigQuery's units and texts, with BigQuery's ranges checked (pure). A value outside a range
 * throws {@link IllegalArgumentException} with the reason; the encoder names the column.
 */
final class Values {
    /** 0001-01-01 and 9999-12-31, BigQuery's DATE / DATETIME / TIMESTAMP range. */
    static final long MIN_DAY = LocalDate.of(1, 1, 1).toEpochDay();
    static final long MAX_DAY = LocalDate.of(9999, 12, 31).toEpochDay();
    static final long MIN_MICROS = MIN_DAY * 86_400_000_000L;
    static final long MAX_MICROS = (MAX_DAY + 1) * 86_400_000_000L - 1;
    private static final long DAY_MICROS = 86_400_000_000L;
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    private Values() {
    }

    /** Days since 1970-01-01 of a Connect Date. */
    static int days(Object value) {
        long millis = ((java.util.Date) value).getTime();
        long day = Math.floorDiv(millis, 86_400_000L);
        if (day < MIN_DAY || day > MAX_DAY) {
            throw new IllegalArgumentException("date " + LocalDate.ofEpochDay(day) + " is outside BigQuery's DATE range 0001-01-01..9999-12-31");
        }
        return (int) day;
    }

    /** Microseconds since the epoch of a timestamp field (TIMESTAMPTZ_MICROS, TIMESTAMP_MICROS or Connect Timestamp). */
    static long micros(Object value, Schema schema) {
        long micros = value instanceof java.util.Date d ? Math.multiplyExact(d.getTime(), 1000L) : ((Number) value).longValue();
        if (micros < MIN_MICROS || micros > MAX_MICROS) {
            throw new IllegalArgumentException("timestamp " + micros + " µs since the epoch (" + dateTimeText(micros)
                    + ") is outside BigQuery's range 0001-01-01..9999-12-31");
        }
        return micros;
    }

    /** Microseconds since midnight of a time field (TIME_MICROS or Connect Time). */
    static long timeMicros(Object value) {
        long micros = value instanceof java.util.Date d ? Math.multiplyExact(Math.floorMod(d.getTime(), 86_400_000L), 1000L)
                : ((Number) value).longValue();
        if (micros < 0 || micros >= DAY_MICROS) {
            throw new IllegalArgumentException("time of day " + micros + " µs (" + (micros == DAY_MICROS ? "24:00:00" : "out of range")
                    + ") is outside BigQuery's TIME range 00:00:00..23:59:59.999999");
        }
        return micros;
    }

    static String timeText(long micros) {
        return LocalTime.ofNanoOfDay(micros * 1000L).format(TIME);
    }

    static String dateTimeText(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000,
                ZoneOffset.UTC).format(DATETIME);
    }

    /** A decimal's exact text, checked against the integer and fraction digits its column holds. */
    static String decimalText(BigDecimal d, int maxIntegerDigits, int maxScale, String type) {
        BigDecimal v = d.stripTrailingZeros();
        int scale = Math.max(v.scale(), 0);
        int integerDigits = Math.max(v.precision() - v.scale(), 0);
        if (scale > maxScale || integerDigits > maxIntegerDigits) {
            throw new IllegalArgumentException("decimal " + d.toPlainString() + " does not fit " + type + " ("
                    + maxIntegerDigits + " integer and " + maxScale + " fraction digits)");
        }
        return d.toPlainString();
    }

    /** The text of a date/time value inside JSON (the text its scalar column would hold). */
    static String text(Object value, Schema schema) {
        String name = schema.name();
        if (Date.LOGICAL_NAME.equals(name)) {
            return LocalDate.ofEpochDay(Math.floorDiv(((java.util.Date) value).getTime(), 86_400_000L)).toString();
        }
        if (Time.LOGICAL_NAME.equals(name) || SchemaConventions.TIME_MICROS.equals(name)) {
            return timeText(timeMicros(value));
        }
        if (SchemaConventions.TIMESTAMP_MICROS.equals(name)) {
            long micros = ((Number) value).longValue();
            return dateTimeText(micros);
        }
        if (SchemaConventions.TIMESTAMPTZ_MICROS.equals(name) || Timestamp.LOGICAL_NAME.equals(name)) {
            long micros = value instanceof java.util.Date d ? d.getTime() * 1000L : ((Number) value).longValue();
            return dateTimeText(micros) + "+00";
        }
        return String.valueOf(value);
    }
}
