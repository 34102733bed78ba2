package io.mirrorconnect.snowflake.sql;

import java.util.List;

import io.mirrorconnect.snowflake.schema.SnowflakeType;

/** Table specs the golden SQL tests share. */
final class Fixtures {
    private Fixtures() {
    }

    static List<ColumnSpec> columns() {
        return List.of(
                new ColumnSpec("id", SnowflakeType.of("NUMBER(10,0)"), true),
                new ColumnSpec("Order Lines", SnowflakeType.of("VARCHAR"), false),
                new ColumnSpec("payload", SnowflakeType.json("VARIANT"), false),
                new ColumnSpec("tags", SnowflakeType.json("ARRAY"), false),
                new ColumnSpec("blob", SnowflakeType.binary(), false),
                new ColumnSpec("amount", SnowflakeType.of("NUMBER(12,2)"), false),
                new ColumnSpec("say \"hi\"", SnowflakeType.of("TIMESTAMP_TZ(6)"), false));
    }

    static TableSpec soft() {
        return new TableSpec("ANALYTICS", "raw", "Order Lines", columns(), "_PEERDB_VERSION", "_PEERDB_IS_DELETED",
                "_PEERDB_SYNCED_AT");
    }

    static TableSpec hard() {
        return new TableSpec("ANALYTICS", "raw", "Order Lines", columns(), "_PEERDB_VERSION", null, "_PEERDB_SYNCED_AT");
    }

    static TableSpec compositeKey() {
        return new TableSpec("ANALYTICS", "PUBLIC", "events", List.of(
                new ColumnSpec("tenant", SnowflakeType.of("VARCHAR"), true),
                new ColumnSpec("id", SnowflakeType.of("NUMBER(19,0)"), true),
                new ColumnSpec("kind", SnowflakeType.of("VARCHAR"), false)),
                "_PEERDB_VERSION", null, "_PEERDB_SYNCED_AT");
    }
}
