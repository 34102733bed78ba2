package io.mirrorconnect.clickhouse.sql;

import static io.mirrorconnect.clickhouse.sql.ClickHouseDialect.qualified;
import static io.mirrorconnect.clickhouse.sql.ClickHouseDialect.quoteIdentifier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Queries and inserts against destination tables. Pure: builds statement text and parameters, runs nothing. */
public final class ClickHouseDml {
    private ClickHouseDml() {
    }

    /** {@code INSERT INTO `db`.`t` (`a`, `b`) FORMAT RowBinary}: the rows follow as RowBinary, columns in this order. */
    public static String insertRowBinary(String database, String table, List<String> columns) {
        return "INSERT INTO " + qualified(database, table) + " (" + String.join(", ", quotedColumns(columns))
                + ") FORMAT RowBinary";
    }

    /**
     * The column names quoted, for the official client's {@code insert(qualified(db, t), quotedColumns(cols), data,
     * ClickHouseFormat.RowBinary)}, which builds the same statement as {@link #insertRowBinary}.
     */
    public static List<String> quotedColumns(List<String> columns) {
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("no columns");
        }
        List<String> quoted = new ArrayList<>(columns.size());
        for (String c : columns) {
            quoted.add(quoteIdentifier(c));
        }
        return quoted;
    }

    /**
     * The newest row of each of {@code keyCount} keys: {@code SELECT cols FROM db.t FINAL WHERE (k1, k2) IN
     * (({k0_0:T1}, {k0_1:T2}), ...)}. Bind the keys with {@link #keyParameters}. Under {@code FINAL} a
     * ReplacingMergeTree returns one row per key, the highest version; with hard delete a deleted key returns no
     * row, with soft delete its row with the flag set. Parameters travel in the URL: keep {@code keyCount} in the
     * hundreds, or use {@link #selectLatestByKeyLiterals} for larger sets.
     */
    public static String selectLatestByKeys(String database, String table, List<ColumnSpec> keyColumns,
                                            List<String> columns, int keyCount) {
        requireKeys(keyColumns.size(), keyCount, table);
        List<String> tuples = new ArrayList<>(keyCount);
        for (int i = 0; i < keyCount; i++) {
            List<String> placeholders = new ArrayList<>(keyColumns.size());
            for (int j = 0; j < keyColumns.size(); j++) {
                placeholders.add("{" + parameterName(i, j) + ":" + keyColumns.get(j).type() + "}");
            }
            tuples.add(keyColumns.size() == 1 ? placeholders.get(0) : "(" + String.join(", ", placeholders) + ")");
        }
        List<String> keyNames = new ArrayList<>();
        for (ColumnSpec k : keyColumns) {
            keyNames.add(k.name());
        }
        return selectFinal(database, table, columns) + " WHERE " + keyExpression(keyNames) + " IN ("
                + String.join(", ", tuples) + ")";
    }

    /** Parameters for {@link #selectLatestByKeys}: key {@code i}'s column {@code j} as {@code k<i>_<j>}. */
    public static Map<String, Object> keyParameters(List<List<Object>> keys) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            List<Object> key = keys.get(i);
            for (int j = 0; j < key.size(); j++) {
                Object v = key.get(j);
                if (v == null) {
                    throw new IllegalArgumentException("key " + i + " has a null in key column " + j);
                }
                params.put(parameterName(i, j), ClickHouseLiterals.parameterValue(v));
            }
        }
        return params;
    }

    /**
     * Like {@link #selectLatestByKeys} with the keys inline as escaped literals ({@link ClickHouseLiterals}), so the
     * statement travels in the request body and any number of keys fits.
     */
    public static String selectLatestByKeyLiterals(String database, String table, List<String> keyColumns,
                                                   List<String> columns, List<List<Object>> keys) {
        requireKeys(keyColumns.size(), keys.size(), table);
        List<String> tuples = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            List<Object> key = keys.get(i);
            if (key.size() != keyColumns.size()) {
                throw new IllegalArgumentException("key " + i + " has " + key.size() + " values for "
                        + keyColumns.size() + " key columns of " + table);
            }
            List<String> literals = new ArrayList<>(key.size());
            for (Object v : key) {
                if (v == null) {
                    throw new IllegalArgumentException("key " + i + " of " + table + " has a null value");
                }
                literals.add(ClickHouseLiterals.literal(v));
            }
            tuples.add(key.size() == 1 ? literals.get(0) : "(" + String.join(", ", literals) + ")");
        }
        return selectFinal(database, table, columns) + " WHERE " + keyExpression(keyColumns) + " IN ("
                + String.join(", ", tuples) + ")";
    }

    /**
     * A source TRUNCATE applied version-guarded: {@code DELETE FROM db.t WHERE version < {version:UInt64}}
     * (a lightweight delete: rows are masked at once and removed by merges). Rows of changes after the truncate
     * have higher versions and stay, so every sink task may run it for its own copy of the truncate. Bind the
     * version with {@link #versionParameters}.
     */
    public static String deleteOlderThan(String database, String table, String versionColumn) {
        return "DELETE FROM " + qualified(database, table) + " WHERE " + quoteIdentifier(versionColumn)
                + " < {version:UInt64}";
    }

    /** Parameters for {@link #deleteOlderThan}. */
    public static Map<String, Object> versionParameters(long version) {
        return Map.of("version", Long.toUnsignedString(version));
    }

    /**
     * The table's columns and types, in order: {@code SELECT name, type FROM system.columns ...} with the parameters
     * {@code {database:String}} and {@code {table:String}} (see {@link #tableParameters}).
     */
    public static String selectColumns() {
        return "SELECT name, type FROM system.columns WHERE database = {database:String} AND table = {table:String}"
                + " ORDER BY position";
    }

    /** Parameters for {@link #selectColumns()}. */
    public static Map<String, Object> tableParameters(String database, String table) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("database", ClickHouseLiterals.parameterValue(database));
        params.put("table", ClickHouseLiterals.parameterValue(table));
        return params;
    }

    private static String selectFinal(String database, String table, List<String> columns) {
        return "SELECT " + String.join(", ", quotedColumns(columns)) + " FROM " + qualified(database, table)
                + " FINAL";
    }

    private static String keyExpression(List<String> keyColumns) {
        List<String> quoted = quotedColumns(keyColumns);
        return quoted.size() == 1 ? quoted.get(0) : "(" + String.join(", ", quoted) + ")";
    }

    private static void requireKeys(int keyColumns, int keyCount, String table) {
        if (keyColumns == 0) {
            throw new IllegalArgumentException("table " + table + " has no key columns to look rows up by");
        }
        if (keyCount <= 0) {
            throw new IllegalArgumentException("looking up rows of " + table + " needs at least one key");
        }
    }

    private static String parameterName(int key, int column) {
        return "k" + key + "_" + column;
    }
}
