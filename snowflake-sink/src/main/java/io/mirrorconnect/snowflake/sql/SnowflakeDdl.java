package io.mirrorconnect.snowflake.sql;

import static io.mirrorconnect.snowflake.sql.SnowflakeDialect.quoteIdentifier;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.mirrorconnect.snowflake.schema.SnowflakeTypeMapper;

/**
 * DDL for destination and staging tables. Pure: builds statement text, runs nothing.
 *
 * <p>Staging tables are session {@code TEMPORARY} tables (no Fail-safe, dropped with the session at the latest)
 * whose columns are positional ({@code "c_1"}, ...) plus the sink's {@code "m_version"}, {@code "m_deleted"} and
 * {@code "m_group"}, so no source column name can collide with them.
 */
public final class SnowflakeDdl {
    public static final String STAGED_VERSION = "m_version";
    public static final String STAGED_DELETED = "m_deleted";
    public static final String STAGED_GROUP = "m_group";
    public static final String STAGED_SYNCED_AT = "m_synced_at";

    private SnowflakeDdl() {
    }

    /** The staging column of the {@code i}-th (0-based) replicated column. */
    public static String stagedColumn(int i) {
        return "c_" + (i + 1);
    }

    /** {@code CREATE SCHEMA IF NOT EXISTS "db"."schema"}. */
    public static String createSchema(String database, String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + quoteIdentifier(database) + "." + quoteIdentifier(schema);
    }

    /**
     * {@code CREATE TABLE IF NOT EXISTS} for {@code spec}: key columns NOT NULL, other replicated columns
     * nullable (an unchanged-TOAST value of a row never seen is unknown), then version, soft-delete flag (soft
     * deletes only) and synced-at.
     */
    public static String createTable(TableSpec spec) {
        if (spec.versionColumn() == null || spec.syncedAtColumn() == null) {
            throw new IllegalArgumentException("table " + spec + ": a created table has the version and synced-at columns");
        }
        validate(spec);
        List<String> lines = new ArrayList<>();
        for (ColumnSpec c : spec.columns()) {
            lines.add("    " + quoteIdentifier(c.name()) + " " + c.type().ddl() + (c.key() ? " NOT NULL" : ""));
        }
        lines.add("    " + quoteIdentifier(spec.versionColumn()) + " " + SnowflakeTypeMapper.VERSION.ddl());
        if (spec.softDelete()) {
            lines.add("    " + quoteIdentifier(spec.deletedColumn()) + " " + SnowflakeTypeMapper.DELETED.ddl());
        }
        lines.add("    " + quoteIdentifier(spec.syncedAtColumn()) + " " + SnowflakeTypeMapper.SYNCED_AT.ddl());
        return "CREATE TABLE IF NOT EXISTS " + spec.qualifiedName() + " (\n" + String.join(",\n", lines) + "\n)";
    }

    /** {@code ALTER TABLE ... ADD COLUMN IF NOT EXISTS ...}, one column per statement. */
    public static String addColumn(String database, String schema, String table, String column, String type) {
        return "ALTER TABLE " + SnowflakeDialect.qualified(database, schema, table) + " ADD COLUMN IF NOT EXISTS "
                + quoteIdentifier(column) + " " + type;
    }

    /**
     * A source TRUNCATE applied version-guarded: {@code DELETE FROM ... WHERE version < ?} (bind the version).
     * Rows of later changes (higher versions) stay, so every sink task may run it for its own copy of the truncate.
     */
    public static String deleteOlderThan(String database, String schema, String table, String versionColumn) {
        return "DELETE FROM " + SnowflakeDialect.qualified(database, schema, table) + " WHERE "
                + quoteIdentifier(versionColumn) + " < ?";
    }

    /**
     * {@code TRUNCATE TABLE ...} (overwrite mode's reset, or a source TRUNCATE on a table without a version
     * column); the writer runs it only on a table it found, so no {@code IF EXISTS}.
     */
    public static String truncateTable(String database, String schema, String table) {
        return "TRUNCATE TABLE " + SnowflakeDialect.qualified(database, schema, table);
    }

    /**
     * The columns of a table, bound parameters schema and table: {@code COLUMN_NAME, DATA_TYPE} in table order
     * (no rows when the table does not exist).
     */
    public static String describeColumns(String database) {
        return "SELECT COLUMN_NAME, DATA_TYPE FROM " + quoteIdentifier(database) + ".INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
    }

    /** The session's TEMPORARY staging table for {@code columns} (unqualified: it lives in the session's schema). */
    public static String createStaging(String staging, List<ColumnSpec> columns) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            lines.add("    " + quoteIdentifier(stagedColumn(i)) + " " + columns.get(i).type().staged());
        }
        lines.add("    " + quoteIdentifier(STAGED_VERSION) + " " + SnowflakeTypeMapper.VERSION.ddl());
        lines.add("    " + quoteIdentifier(STAGED_DELETED) + " BOOLEAN");
        lines.add("    " + quoteIdentifier(STAGED_GROUP) + " NUMBER(10,0)");
        return "CREATE TEMPORARY TABLE " + quoteIdentifier(staging) + " (\n" + String.join(",\n", lines) + "\n)";
    }

    public static String dropStaging(String staging) {
        return "DROP TABLE IF EXISTS " + quoteIdentifier(staging);
    }

    private static void validate(TableSpec spec) {
        String where = "table " + spec;
        if (spec.columns().isEmpty()) {
            throw new IllegalArgumentException(where + ": no columns");
        }
        Set<String> names = new HashSet<>();
        for (ColumnSpec c : spec.columns()) {
            claim(names, c.name(), where);
        }
        claim(names, spec.versionColumn(), where);
        if (spec.softDelete()) {
            claim(names, spec.deletedColumn(), where);
        }
        claim(names, spec.syncedAtColumn(), where);
    }

    private static void claim(Set<String> names, String name, String where) {
        // quoted Snowflake identifiers are case-sensitive: equal names collide
        if (!names.add(name)) {
            throw new IllegalArgumentException(where + ": column " + name + " appears twice (a source column"
                    + " may not have the name of the version, soft-delete or synced-at column)");
        }
    }
}
