package io.mirrorconnect.clickhouse.writer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Timestamp;

import io.mirrorconnect.contract.SchemaConventions;

/**
 * Key values on both sides of the destination lookup (pure): Connect key values become the Java values
 * ClickHouse literals are written from, and both those and the values the client reads back reduce to one
 * canonical text, so a looked-up row finds its batch row.
 */
public final class KeyValues {
    private KeyValues() {
    }

    /** A Connect key value as the Java value of its ClickHouse literal (dates, timestamps, UUIDs converted). */
    public static Object toLiteralValue(Object v, Schema schema) {
        if (v == null) {
            return null;
        }
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case Date.LOGICAL_NAME:
                    return LocalDate.ofEpochDay(Math.floorDiv(((java.util.Date) v).getTime(), 86_400_000L));
                case Timestamp.LOGICAL_NAME:
                    return ((java.util.Date) v).toInstant();
                case SchemaConventions.TIMESTAMP_MICROS:
                case SchemaConventions.TIMESTAMPTZ_MICROS:
                    long micros = ((Number) v).longValue();
                    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
                case SchemaConventions.UUID:
                    return UUID.fromString(v.toString());
                default:
                    break;
            }
        }
        return v;
    }

    /** Canonical text of a key made of literal values (see {@link #toLiteralValue}) or of values the client read. */
    public static List<String> canonical(List<?> key) {
        List<String> out = new ArrayList<>(key.size());
        for (Object v : key) {
            out.add(canonical(v));
        }
        return out;
    }

    static String canonical(Object v) {
        if (v == null) {
            return "\\N";
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof Float || v instanceof Double) {
            return new BigDecimal(v.toString()).stripTrailingZeros().toPlainString();
        }
        if (v instanceof ZonedDateTime z) {
            return z.toInstant().toString();
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant().toString();
        }
        if (v instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC).toString();
        }
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        if (v instanceof ByteBuffer buf) {
            ByteBuffer copy = buf.duplicate();
            byte[] b = new byte[copy.remaining()];
            copy.get(b);
            return HexFormat.of().formatHex(b);
        }
        return v.toString();
    }
}
