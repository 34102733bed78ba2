package io.mirrorconnect.it.fidelity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Objects;

/**
 * How one scalar value (or one array element) of a Postgres type is compared: the type-aware equality of the
 * fidelity suite (docs/type-fidelity.md, "Equality"). Pure.
 *
 * <p>Both sides are <em>canonical text</em>: Postgres's own output under {@link SourceReader#SESSION} on the source
 * side, and the destination adapter's rendering of what the destination holds on the other. Kinds whose text has
 * one exact form compare the text; kinds whose spelling legitimately differs (a {@code Decimal} printed without
 * trailing zeros, a float's {@code inf} vs {@code Infinity}, a timestamp's fraction digits) are parsed and compared
 * as values, still exactly (no tolerance anywhere).
 */
public enum ValueKind {
    /** smallint, integer, bigint, oid, domains over them: the same integer. */
    INTEGER,
    /** real: the same IEEE-754 single (NaN equals NaN; -0 differs from 0). */
    FLOAT4,
    /** double precision: the same IEEE-754 double. */
    FLOAT8,
    /** numeric(p,s): the same number (the scale is the column's; {@code 1.50} equals {@code 1.5}). */
    DECIMAL,
    /** money: the same number of cents (source text read as {@code ::numeric}). */
    MONEY,
    /** numeric without precision: the exact text (digits, trailing zeros, NaN, Infinity). */
    NUMERIC_TEXT,
    /** boolean: the same truth value. */
    BOOLEAN,
    /** Text and every type carried as its exact text (uuid, json, jsonb, inet, enum, bit, range, xml, composite). */
    TEXT,
    /** interval: the exact ISO-8601 text Postgres prints with {@code IntervalStyle = iso_8601}. */
    INTERVAL,
    /** bytea: the same bytes (hex compared case-insensitively, {@code \x} prefix ignored). */
    BYTEA,
    /** date: the same day. */
    DATE,
    /** timestamp: the same wall-clock reading to the microsecond. */
    TIMESTAMP,
    /** timestamptz: the same instant to the microsecond. */
    TIMESTAMPTZ,
    /** time: the same time of day to the microsecond ({@code 24:00:00} included). */
    TIME,
    /** timetz: the same local time and the same offset (not merely the same instant). */
    TIMETZ,
    /** hstore: the same map (canonical value is a {@code Map<String, String>}, null values allowed). */
    HSTORE;

    private static final DateTimeFormatter LOCAL_TS = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd[ ]['T']HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    /** Whether two canonical scalar values (non-null strings, or maps for HSTORE) are the same value of this kind. */
    public boolean same(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (this == HSTORE) {
            return expected.equals(actual);
        }
        String e = expected.toString();
        String a = actual.toString();
        try {
            return Objects.equals(normalize(e), normalize(a));
        } catch (RuntimeException unparseable) {
            return e.equals(a);
        }
    }

    /**
     * The value a canonical text stands for, as a comparable Java object; throws on text that is not of this kind
     * (then {@link #same} falls back to exact text).
     */
    Object normalize(String text) {
        String t = text.trim();
        switch (this) {
            case INTEGER:
                return new BigInteger(t);
            case FLOAT4:
                return Float.floatToIntBits(parseFloat(t));
            case FLOAT8:
                return Double.doubleToLongBits(parseDouble(t));
            case DECIMAL:
            case MONEY:
                return new BigDecimal(t.replace("$", "").replace(",", "")).stripTrailingZeros();
            case BOOLEAN:
                return parseBoolean(t);
            case BYTEA:
                return (t.startsWith("\\x") ? t.substring(2) : t).toLowerCase(Locale.ROOT);
            case DATE:
                return LocalDate.parse(t);
            case TIMESTAMP:
                return LocalDateTime.parse(t, LOCAL_TS);
            case TIMESTAMPTZ:
                return parseInstant(t);
            case TIME:
                return timeMicros(t);
            case TIMETZ:
                return timeTz(t);
            default:
                return text;
        }
    }

    private static float parseFloat(String t) {
        String l = t.toLowerCase(Locale.ROOT);
        switch (l) {
            case "nan": case "+nan": case "-nan": return Float.NaN;
            case "inf": case "+inf": case "infinity": case "+infinity": return Float.POSITIVE_INFINITY;
            case "-inf": case "-infinity": return Float.NEGATIVE_INFINITY;
            default: return Float.parseFloat(t);
        }
    }

    private static double parseDouble(String t) {
        String l = t.toLowerCase(Locale.ROOT);
        switch (l) {
            case "nan": case "+nan": case "-nan": return Double.NaN;
            case "inf": case "+inf": case "infinity": case "+infinity": return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
            default: return Double.parseDouble(t);
        }
    }

    private static boolean parseBoolean(String t) {
        switch (t.toLowerCase(Locale.ROOT)) {
            case "t": case "true": case "1": return true;
            case "f": case "false": case "0": return false;
            default: throw new IllegalArgumentException("not a boolean: " + t);
        }
    }

    /** {@code 2024-01-02 03:04:05.123456+05:30} (or {@code +05}, {@code +00}, {@code Z}) as an instant. */
    static Instant parseInstant(String t) {
        int sign = Math.max(t.lastIndexOf('+'), t.lastIndexOf('-'));
        if (t.endsWith("Z")) {
            return LocalDateTime.parse(t.substring(0, t.length() - 1), LOCAL_TS).toInstant(java.time.ZoneOffset.UTC);
        }
        if (sign < 11) {
            throw new IllegalArgumentException("no offset in " + t);
        }
        LocalDateTime local = LocalDateTime.parse(t.substring(0, sign), LOCAL_TS);
        return OffsetDateTime.of(local, java.time.ZoneOffset.ofTotalSeconds(offsetSeconds(t.substring(sign)))).toInstant();
    }

    /** {@code +05}, {@code +05:30}, {@code -03:30:15} as seconds. */
    static int offsetSeconds(String o) {
        int sign = o.charAt(0) == '-' ? -1 : 1;
        String[] p = o.substring(1).split(":");
        int s = Integer.parseInt(p[0]) * 3600;
        if (p.length > 1) {
            s += Integer.parseInt(p[1]) * 60;
        }
        if (p.length > 2) {
            s += Integer.parseInt(p[2]);
        }
        return sign * s;
    }

    /** {@code HH:MM:SS[.f…]} as microseconds since midnight ({@code 24:00:00} is 86 400 000 000). */
    static long timeMicros(String t) {
        String[] hms = t.split(":");
        if (hms.length != 3) {
            throw new IllegalArgumentException("not a time: " + t);
        }
        long h = Long.parseLong(hms[0]);
        long m = Long.parseLong(hms[1]);
        BigDecimal s = new BigDecimal(hms[2]);
        if (s.scale() > 6) {
            throw new IllegalArgumentException("more than microseconds: " + t);
        }
        return (h * 3600 + m * 60) * 1_000_000L + s.movePointRight(6).longValueExact();
    }

    private static String timeTz(String t) {
        int sign = Math.max(t.lastIndexOf('+'), t.lastIndexOf('-'));
        if (sign < 0) {
            throw new IllegalArgumentException("no offset in " + t);
        }
        return timeMicros(t.substring(0, sign)) + "@" + offsetSeconds(t.substring(sign));
    }
}
