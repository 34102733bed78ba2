package io.mirrorconnect.clickhouse.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.UUID;

/**
 * Java values as ClickHouse SQL literals ({@link #literal}) and as query-parameter values ({@link #parameterValue},
 * the text behind {@code param_<name>} for a {@code {name:Type}} placeholder). Strings go through
 * {@link ClickHouseDialect#quoteString}; nothing here builds SQL around user text otherwise.
 */
public final class ClickHouseLiterals {
    private static final DateTimeFormatter DATE_TIME_NANOS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.nnnnnnnnn").withZone(ZoneOffset.UTC);

    private ClickHouseLiterals() {
    }

    /** A SQL literal for {@code value}: numbers as digits, strings quoted and escaped, NULL, arrays as [..]. */
    public static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof String s) {
            return ClickHouseDialect.quoteString(s);
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Float || value instanceof Double) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) {
                return "nan";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "inf" : "-inf";
            }
            return value.toString();
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (value instanceof UUID || value instanceof LocalDate) {
            return ClickHouseDialect.quoteString(value.toString());
        }
        if (value instanceof Instant i) {
            return ClickHouseDialect.quoteString(DATE_TIME_NANOS.format(i));
        }
        if (value instanceof LocalDateTime t) {
            return ClickHouseDialect.quoteString(DATE_TIME_NANOS.format(t.toInstant(ZoneOffset.UTC)));
        }
        if (value instanceof byte[] b) {
            return bytesLiteral(b);
        }
        if (value instanceof ByteBuffer buf) {
            ByteBuffer copy = buf.duplicate();
            byte[] b = new byte[copy.remaining()];
            copy.get(b);
            return bytesLiteral(b);
        }
        if (value instanceof Collection<?> items) {
            StringBuilder sb = new StringBuilder("[");
            for (Object item : items) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(literal(item));
            }
            return sb.append(']').toString();
        }
        throw new IllegalArgumentException("no ClickHouse literal for a " + value.getClass().getName() + " value");
    }

    /**
     * The value of a {@code param_<name>} query parameter. ClickHouse reads parameter values in its escaped (TSV)
     * text format, so backslashes, tabs and line breaks in strings are escaped; other scalars are their text form.
     */
    public static String parameterValue(Object value) {
        if (value == null) {
            return "\\N";
        }
        if (value instanceof String s) {
            return escapeTsv(s);
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Instant i) {
            return DATE_TIME_NANOS.format(i);
        }
        if (value instanceof LocalDateTime t) {
            return DATE_TIME_NANOS.format(t.toInstant(ZoneOffset.UTC));
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof UUID
                || value instanceof LocalDate) {
            return value.toString();
        }
        throw new IllegalArgumentException("no ClickHouse query-parameter text for a " + value.getClass().getName()
                + " value");
    }

    private static String escapeTsv(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\0' -> sb.append("\\0");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String bytesLiteral(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 4 + 2).append('\'');
        for (byte x : b) {
            sb.append("\\x").append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return sb.append('\'').toString();
    }
}
