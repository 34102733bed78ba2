package io.mirrorconnect.clickhouse.sql;

import static io.mirrorconnect.clickhouse.sql.ClickHouseDialect.qualified;
import static io.mirrorconnect.clickhouse.sql.ClickHouseDialect.quoteIdentifier;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * DDL for destination tables. Pure: builds statement text, runs nothing.
 *
 * <p>Upserts use {@code ReplacingMergeTree(version)} ordered by the key: of the rows of one key, merges and
 * {@code FINAL} keep the one with the highest version, so replays cannot move a row backwards. Soft delete keeps the
 * delete flag as an ordinary column (a deleted row stays visible under {@code FINAL} with the flag = 1); hard delete
 * makes it the engine's {@code is_deleted} column ({@code ReplacingMergeTree(version, flag)}), so deleted rows
 * vanish under {@code FINAL} and merges. See docs/clickhouse-types.md.
 */
public final class ClickHouseDdl {
    /** Type of the version column (the change's LSN, or 0 for snapshot rows). */
    public static final String VERSION_TYPE = "UInt64";
    /** Type of the delete flag; {@code UInt8} is what ReplacingMergeTree's is_deleted column requires. */
    public static final String DELETE_FLAG_TYPE = "UInt8";
    /** Type and default of the synced-at column: the time the row reached ClickHouse, nanoseconds. */
    public static final String SYNCED_AT_TYPE = "DateTime64(9)";
    public static final String SYNCED_AT_DEFAULT = "now64(9)";

    private ClickHouseDdl() {
    }

    /** {@code CREATE TABLE IF NOT EXISTS ...} for {@code spec}; invalid specs fail naming the problem. */
    public static String createTable(TableSpec spec) {
        validate(spec);
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ")
                .append(qualified(spec.database(), spec.table())).append("\n(\n");
        List<String> lines = new ArrayList<>();
        for (ColumnSpec c : spec.columns()) {
            lines.add("    " + quoteIdentifier(c.name()) + " " + c.type());
        }
        if (spec.versionColumn() != null) {
            lines.add("    " + quoteIdentifier(spec.versionColumn()) + " " + VERSION_TYPE);
        }
        if (spec.softDeleteColumn() != null) {
            lines.add("    " + quoteIdentifier(spec.softDeleteColumn()) + " " + DELETE_FLAG_TYPE);
        }
        if (spec.syncedAtColumn() != null) {
            lines.add("    " + quoteIdentifier(spec.syncedAtColumn()) + " " + SYNCED_AT_TYPE + " DEFAULT "
                    + SYNCED_AT_DEFAULT);
        }
        sql.append(String.join(",\n", lines)).append("\n)\n");
        if (spec.appendOnly()) {
            sql.append("ENGINE = MergeTree\n");
        } else {
            sql.append("ENGINE = ReplacingMergeTree(").append(quoteIdentifier(spec.versionColumn()));
            if (spec.hardDelete()) {
                sql.append(", ").append(quoteIdentifier(spec.softDeleteColumn()));
            }
            sql.append(")\n");
        }
        sql.append("ORDER BY ").append(orderBy(spec.orderBy()));
        return sql.toString();
    }

    /** {@code ALTER TABLE ... ADD COLUMN IF NOT EXISTS ...} for each of {@code columns}, in one statement. */
    public static String addColumns(String database, String table, List<ColumnSpec> columns) {
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("table " + table + ": no columns to add");
        }
        List<String> adds = new ArrayList<>();
        for (ColumnSpec c : columns) {
            adds.add("ADD COLUMN IF NOT EXISTS " + quoteIdentifier(c.name()) + " " + c.type());
        }
        return "ALTER TABLE " + qualified(database, table) + "\n    " + String.join(",\n    ", adds);
    }

    /** {@code TRUNCATE TABLE IF EXISTS ...} (the overwrite mode's reset). */
    public static String truncateTable(String database, String table) {
        return "TRUNCATE TABLE IF EXISTS " + qualified(database, table);
    }

    /** {@code CREATE DATABASE IF NOT EXISTS ...}. */
    public static String createDatabase(String database) {
        return "CREATE DATABASE IF NOT EXISTS " + quoteIdentifier(database);
    }

    private static String orderBy(List<String> keys) {
        if (keys.isEmpty()) {
            return "tuple()";
        }
        List<String> quoted = new ArrayList<>();
        for (String k : keys) {
            quoted.add(quoteIdentifier(k));
        }
        return "(" + String.join(", ", quoted) + ")";
    }

    private static void validate(TableSpec spec) {
        String where = "table " + (spec.database() == null || spec.database().isEmpty() ? "" : spec.database() + ".")
                + spec.table();
        if (spec.columns().isEmpty()) {
            throw new IllegalArgumentException(where + ": no columns");
        }
        Set<String> names = new HashSet<>();
        for (ColumnSpec c : spec.columns()) {
            claim(names, c.name(), where);
        }
        for (String key : spec.orderBy()) {
            ColumnSpec column = spec.columns().stream().filter(c -> c.name().equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(where + ": key column " + key
                            + " is not one of the table's columns"));
            String type = column.type().trim();
            if (type.startsWith("Nullable(") || type.startsWith("LowCardinality(Nullable(")) {
                throw new IllegalArgumentException(where + ": key column " + key + " has the Nullable type " + type
                        + "; ClickHouse does not allow Nullable columns in ORDER BY (map key columns as not null)");
            }
        }
        if (spec.versionColumn() != null) {
            claim(names, spec.versionColumn(), where);
        }
        if (spec.softDeleteColumn() != null) {
            claim(names, spec.softDeleteColumn(), where);
        }
        if (spec.syncedAtColumn() != null) {
            claim(names, spec.syncedAtColumn(), where);
        }
        if (!spec.appendOnly()) {
            if (spec.orderBy().isEmpty()) {
                throw new IllegalArgumentException(where + ": upserts need key columns (ReplacingMergeTree keeps one"
                        + " row per ORDER BY key); a table without a key can only be written in append mode");
            }
            if (spec.versionColumn() == null) {
                throw new IllegalArgumentException(where + ": upserts need a version column");
            }
        }
        if (spec.hardDelete() && spec.softDeleteColumn() == null) {
            throw new IllegalArgumentException(where + ": hard delete needs the delete flag column (the engine's"
                    + " is_deleted column)");
        }
        if (spec.hardDelete() && spec.appendOnly()) {
            throw new IllegalArgumentException(where + ": hard delete needs ReplacingMergeTree, not append mode");
        }
    }

    private static void claim(Set<String> names, String name, String where) {
        // ClickHouse column names are case-sensitive; equal names collide
        if (!names.add(name)) {
            throw new IllegalArgumentException(where + ": column " + name + " appears twice (a source column"
                    + " may not have the name of the version, delete-flag or synced-at column)");
        }
    }
}
