package io.mirrorconnect.clickhouse.writer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Timestamp;

import io.mirrorconnect.contract.SchemaConventions;

/**
 * Key values of the destination lookup (pure): Connect key values become the Java values ClickHouse literals are
 * written from. (Looked-up rows are matched by the RowBinary bytes of their keys, not by these values.)
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
}
