package io.mirrorconnect.clickhouse.writer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A destination table as ClickHouse describes it: database, name, and column name to type, in table order.
 */
public record DestinationTable(String database, String table, Map<String, String> columns) {

    public DestinationTable {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public boolean has(String column) {
        return columns.containsKey(column);
    }

    /** The column's type, e.g. {@code Nullable(String)}; null when the table has no such column. */
    public String type(String column) {
        return columns.get(column);
    }

    @Override
    public String toString() {
        return database + "." + table;
    }
}
