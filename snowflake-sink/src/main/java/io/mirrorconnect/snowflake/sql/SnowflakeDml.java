package io.mirrorconnect.snowflake.sql;

import static io.mirrorconnect.snowflake.sql.SnowflakeDdl.STAGED_DELETED;
import static io.mirrorconnect.snowflake.sql.SnowflakeDdl.STAGED_GROUP;
import static io.mirrorconnect.snowflake.sql.SnowflakeDdl.STAGED_SYNCED_AT;
import static io.mirrorconnect.snowflake.sql.SnowflakeDdl.STAGED_VERSION;
import static io.mirrorconnect.snowflake.sql.SnowflakeDdl.stagedColumn;
import static io.mirrorconnect.snowflake.sql.SnowflakeDialect.quoteIdentifier;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * DML of one flush. Pure: builds statement text, runs nothing; values are bound ({@code ?}) into the staging table.
 *
 * <p>Upserts: one {@code MERGE} per group of staged rows that keep the same columns (unchanged-TOAST columns and
 * every non-key column of a key-only delete keep their stored values: they are left out of that group's
 * {@code UPDATE SET} and {@code INSERT}). Every expression over staged values ({@code PARSE_JSON}, the synced-at
 * {@code CURRENT_TIMESTAMP}) is computed inside the {@code USING} subquery; {@code SET} and {@code VALUES} only
 * copy. The subquery keeps one row per key, the highest version ({@code QUALIFY ROW_NUMBER()}), and a matched row
 * changes only when the staged version is newer, so replaying an old batch changes nothing.
 */
public final class SnowflakeDml {
    private SnowflakeDml() {
    }

    /** {@code INSERT INTO staging VALUES (?, ...)} for {@code columns} replicated columns plus version, deleted, group. */
    public static String insertStaging(String staging, int columns) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            names.add(quoteIdentifier(stagedColumn(i)));
        }
        names.add(quoteIdentifier(STAGED_VERSION));
        names.add(quoteIdentifier(STAGED_DELETED));
        names.add(quoteIdentifier(STAGED_GROUP));
        return "INSERT INTO " + quoteIdentifier(staging) + " (" + String.join(", ", names) + ")\nVALUES ("
                + String.join(", ", Collections.nCopies(names.size(), "?")) + ")";
    }

    /**
     * Append and overwrite modes: every staged row becomes a destination row. The sink's own columns are written
     * where the table has them (a table created by the user for query replication may lack version and synced-at).
     */
    public static String appendInsert(TableSpec spec, String staging) {
        List<String> targets = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < spec.columns().size(); i++) {
            ColumnSpec c = spec.columns().get(i);
            targets.add(quoteIdentifier(c.name()));
            sources.add(loaded(c, i) + " AS " + quoteIdentifier(stagedColumn(i)));
        }
        if (spec.versionColumn() != null) {
            targets.add(quoteIdentifier(spec.versionColumn()));
            sources.add(quoteIdentifier(STAGED_VERSION));
        }
        if (spec.softDelete()) {
            targets.add(quoteIdentifier(spec.deletedColumn()));
            sources.add(quoteIdentifier(STAGED_DELETED));
        }
        if (spec.syncedAtColumn() != null) {
            targets.add(quoteIdentifier(spec.syncedAtColumn()));
            sources.add("CURRENT_TIMESTAMP() AS " + quoteIdentifier(STAGED_SYNCED_AT));
        }
        return "INSERT INTO " + spec.qualifiedName() + " (" + String.join(", ", targets) + ")\nSELECT "
                + String.join(", ", sources) + "\nFROM " + quoteIdentifier(staging);
    }

    /**
     * The MERGE of one group of staged rows into the destination.
     *
     * @param spec              the destination
     * @param staging           the staging table
     * @param group             the group's {@code m_group} value
     * @param kept              names of non-key columns whose stored values this group keeps
     * @param equalVersionWins  true: a staged row with the stored row's version replaces it too (unique-key upserts
     *                          of query replication, whose re-reads carry no newer version); false (CDC): only a
     *                          newer version does, so a replay is a no-op
     */
    public static String merge(TableSpec spec, String staging, int group, Set<String> kept, boolean equalVersionWins) {
        List<ColumnSpec> columns = spec.columns();
        List<ColumnSpec> keys = spec.keyColumns();
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("table " + spec + ": upserts need key columns");
        }
        if (spec.versionColumn() == null) {
            throw new IllegalArgumentException("table " + spec + ": upserts need the version column (replays are"
                    + " guarded by it); add it as NUMBER(20,0) or let the sink create the table");
        }
        String s = "s.";
        String t = "t.";
        List<String> select = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec c = columns.get(i);
            if (c.key() || !kept.contains(c.name())) {
                select.add(loaded(c, i) + " AS " + quoteIdentifier(stagedColumn(i)));
            }
        }
        select.add(quoteIdentifier(STAGED_VERSION));
        select.add(quoteIdentifier(STAGED_DELETED));
        select.add("CURRENT_TIMESTAMP() AS " + quoteIdentifier(STAGED_SYNCED_AT));

        List<String> partition = new ArrayList<>();
        List<String> on = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec c = columns.get(i);
            if (c.key()) {
                partition.add(quoteIdentifier(stagedColumn(i)));
                on.add(t + quoteIdentifier(c.name()) + " = " + s + quoteIdentifier(stagedColumn(i)));
            }
        }
        String version = quoteIdentifier(spec.versionColumn());
        String newer = "(" + t + version + " IS NULL OR " + s + quoteIdentifier(STAGED_VERSION)
                + (equalVersionWins ? " >= " : " > ") + t + version + ")";

        List<String> set = new ArrayList<>();
        List<String> insertColumns = new ArrayList<>();
        List<String> insertValues = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec c = columns.get(i);
            if (!c.key() && kept.contains(c.name())) {
                continue;
            }
            String value = s + quoteIdentifier(stagedColumn(i));
            if (!c.key()) {
                set.add(quoteIdentifier(c.name()) + " = " + value);
            }
            insertColumns.add(quoteIdentifier(c.name()));
            insertValues.add(value);
        }
        set.add(version + " = " + s + quoteIdentifier(STAGED_VERSION));
        insertColumns.add(version);
        insertValues.add(s + quoteIdentifier(STAGED_VERSION));
        if (spec.softDelete()) {
            set.add(quoteIdentifier(spec.deletedColumn()) + " = " + s + quoteIdentifier(STAGED_DELETED));
            insertColumns.add(quoteIdentifier(spec.deletedColumn()));
            insertValues.add(s + quoteIdentifier(STAGED_DELETED));
        }
        if (spec.syncedAtColumn() != null) {
            set.add(quoteIdentifier(spec.syncedAtColumn()) + " = " + s + quoteIdentifier(STAGED_SYNCED_AT));
            insertColumns.add(quoteIdentifier(spec.syncedAtColumn()));
            insertValues.add(s + quoteIdentifier(STAGED_SYNCED_AT));
        }

        StringBuilder sql = new StringBuilder();
        sql.append("MERGE INTO ").append(spec.qualifiedName()).append(" AS t\nUSING (\n    SELECT ")
                .append(String.join(", ", select))
                .append("\n    FROM ").append(quoteIdentifier(staging))
                .append("\n    WHERE ").append(quoteIdentifier(STAGED_GROUP)).append(" = ").append(group)
                .append("\n    QUALIFY ROW_NUMBER() OVER (PARTITION BY ").append(String.join(", ", partition))
                .append(" ORDER BY ").append(quoteIdentifier(STAGED_VERSION)).append(" DESC) = 1\n) AS s\nON ")
                .append(String.join(" AND ", on)).append('\n');
        if (!spec.softDelete()) {
            sql.append("WHEN MATCHED AND ").append(s).append(quoteIdentifier(STAGED_DELETED)).append(" AND ")
                    .append(newer).append(" THEN DELETE\n");
        }
        sql.append("WHEN MATCHED AND ").append(newer).append(" THEN UPDATE SET ")
                .append(String.join(", ", set)).append('\n');
        sql.append("WHEN NOT MATCHED");
        if (!spec.softDelete()) {
            sql.append(" AND NOT ").append(s).append(quoteIdentifier(STAGED_DELETED));
        }
        sql.append(" THEN INSERT (").append(String.join(", ", insertColumns)).append(")\n    VALUES (")
                .append(String.join(", ", insertValues)).append(')');
        return sql.toString();
    }

    /** The staged column {@code i} as the destination column's value. */
    private static String loaded(ColumnSpec c, int i) {
        String staged = quoteIdentifier(stagedColumn(i));
        return switch (c.type().load()) {
            case PARSE_JSON -> "PARSE_JSON(" + staged + ")";
            case HEX -> "TO_BINARY(" + staged + ", 'HEX')";
            case AS_IS -> staged;
        };
    }
}
