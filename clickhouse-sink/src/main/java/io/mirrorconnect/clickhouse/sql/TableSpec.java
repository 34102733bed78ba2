package io.mirrorconnect.clickhouse.sql;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ClickHouseDdl#createTable(TableSpec)} creates.
 *
 * @param database          destination database (null or empty: the connection's default database)
 * @param table             destination table
 * @param columns           the replicated columns, in order (keys included)
 * @param orderBy           the key columns (the ReplacingMergeTree's identity), names from {@code columns}
 * @param versionColumn     {@code UInt64} column holding the change's version (null: none; required for upserts)
 * @param softDeleteColumn  {@code UInt8} delete flag (null: none; required for hard deletes, where it is the
 *                          engine's {@code is_deleted} column)
 * @param hardDelete        deleted rows vanish under FINAL and merges ({@code ReplacingMergeTree(ver, flag)})
 *                          instead of staying visible with the flag set
 * @param syncedAtColumn    {@code DateTime64(9) DEFAULT now64(9)} column (null: none)
 * @param appendOnly        plain MergeTree: every row is kept (append / overwrite modes)
 */
public record TableSpec(String database, String table, List<ColumnSpec> columns, List<String> orderBy,
                        String versionColumn, String softDeleteColumn, boolean hardDelete, String syncedAtColumn,
                        boolean appendOnly) {
    public TableSpec {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
    }
}
