package io.mirrorconnect.snowflake.sql;

import java.util.List;

/**
 * A destination table: where it is, its replicated columns (key columns first in key order, as the sink creates
 * them), and the sink's own columns.
 *
 * @param database       database
 * @param schema         schema
 * @param table          table
 * @param columns        replicated columns
 * @param versionColumn  the version column (the change's LSN); null when an existing table lacks it (append only)
 * @param deletedColumn  the soft-delete flag column, or null with hard deletes
 * @param syncedAtColumn the synced-at column; null when an existing table lacks it
 */
public record TableSpec(String database, String schema, String table, List<ColumnSpec> columns,
                        String versionColumn, String deletedColumn, String syncedAtColumn) {

    public TableSpec {
        columns = List.copyOf(columns);
    }

    public boolean softDelete() {
        return deletedColumn != null;
    }

    public List<ColumnSpec> keyColumns() {
        return columns.stream().filter(ColumnSpec::key).toList();
    }

    public String qualifiedName() {
        return SnowflakeDialect.qualified(database, schema, table);
    }

    @Override
    public String toString() {
        return database + "." + schema + "." + table;
    }
}
