package io.mirrorconnect.ddl.analyzer;

import java.util.Arrays;
import java.util.Optional;

/** The peer types Mirror Connect compiles: Postgres as a source, the three warehouses as targets. */
public enum PeerType {
    POSTGRES(true, false),
    BIGQUERY(false, true),
    SNOWFLAKE(false, true),
    CLICKHOUSE(false, true);

    private final boolean source;
    private final boolean target;

    PeerType(boolean source, boolean target) {
        this.source = source;
        this.target = target;
    }

    public boolean canBeSource() {
        return source;
    }

    public boolean canBeTarget() {
        return target;
    }

    /** Whether target tables are written without a schema (BigQuery datasets / ClickHouse databases come from the peer). */
    public boolean unqualifiedTargets() {
        return this == BIGQUERY || this == CLICKHOUSE;
    }

    public static Optional<PeerType> parse(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }
}
