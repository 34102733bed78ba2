package io.mirrorconnect.pgcdc.sql;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.snapshot.plan.CtidPartition;

/**
 * The Postgres SQL text the connector runs: identifier quoting (the ONE place identifiers become SQL), the
 * snapshot's COPY statements and the catalog queries. Pure: builds text, executes nothing.
 */
public final class PgSql {
    private PgSql() {
    }

    /**
     * Quotes an identifier for Postgres: always double-quoted (so case and any character survive), embedded
     * double quotes doubled.
     *
     * @throws IllegalArgumentException for null, empty, or NUL-containing names (Postgres allows neither)
     */
    public static String quoteIdent(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty Postgres identifier");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Postgres identifier contains a NUL character: '"
                    + name.replace("\0", "\\0") + "'");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."table"} (just {@code "table"} when the id has no schema). */
    public static String qualified(TableId table) {
        return table.schema() == null ? quoteIdent(table.table())
                : quoteIdent(table.schema()) + "." + quoteIdent(table.table());
    }

    /** A string literal: single-quoted, quotes doubled (standard_conforming_strings is on since PG 9.1). */
    public static String quoteLiteral(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("string literal contains a NUL character");
        }
        return "'" + value.replace("'", "''") + "'";
    }

    /** Quoted, comma-separated column list. */
    public static String columnList(List<String> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no columns to select");
        }
        StringJoiner j = new StringJoiner(", ");
        for (String c : columns) {
            j.add(quoteIdent(c));
        }
        return j.toString();
    }

    /**
     * {@code COPY (SELECT <cols> FROM <t> WHERE ctid >= '(s,0)'::tid AND ctid < '(e,0)'::tid) TO STDOUT} in the
     * text format ({@code CopyTextParser} reads it). The open-ended last partition has only the lower bound; a
     * partition covering the whole table has no WHERE. On PG 14+ the CTID bounds run as a TID range scan.
     */
    public static String copyPartition(TableId table, List<String> columns, CtidPartition partition) {
        return "COPY (" + selectPartition(table, columns, partition) + ") TO STDOUT";
    }

    /**
     * {@code COPY (SELECT <cols> FROM <t> WHERE ctid ...) TO STDOUT (FORMAT binary)}: like {@link #copyPartition},
     * but in the binary format; the columns in {@code asText} are selected as their text form (see
     * {@link #textOf}).
     */
    public static String copyPartitionBinary(TableId table, List<String> columns, java.util.Set<String> asText,
                                             CtidPartition partition) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no columns to select");
        }
        StringJoiner j = new StringJoiner(", ");
        for (String c : columns) {
            j.add(asText.contains(c) ? textOf(c) : quoteIdent(c));
        }
        return "COPY (" + selectPartition(table, j.toString(), partition) + ") TO STDOUT (FORMAT binary)";
    }

    /**
     * A column as the text its type's output function prints (what COPY text and pgoutput send), NULL kept.
     * Not {@code ::text}: casts to text that have a function change values ({@code inet::text} adds the netmask,
     * {@code xml::text} keeps the XML declaration, {@code char(n)::text} drops the padding); {@code format('%s')}
     * calls the output function. {@code num_nonnulls} (not {@code IS NULL}) tells NULL from a composite whose
     * fields are all NULL.
     */
    public static String textOf(String column) {
        String c = quoteIdent(column);
        return "CASE WHEN pg_catalog.num_nonnulls(" + c + ") = 0 THEN NULL ELSE pg_catalog.format('%s', " + c
                + ") END";
    }

    /** The SELECT inside {@link #copyPartition}. */
    public static String selectPartition(TableId table, List<String> columns, CtidPartition partition) {
        return selectPartition(table, columnList(columns), partition);
    }

    private static String selectPartition(TableId table, String selectList, CtidPartition partition) {
        StringBuilder sb = new StringBuilder("SELECT ").append(selectList).append(" FROM ")
                .append(qualified(table));
        if (!partition.wholeTable()) {
            sb.append(" WHERE ctid >= '(").append(partition.startBlock()).append(",0)'::tid");
            if (partition.endBlockExclusive() != null) {
                sb.append(" AND ctid < '(").append(partition.endBlockExclusive()).append(",0)'::tid");
            }
        }
        return sb.toString();
    }

    /**
     * Session settings under which the text forms are the ones {@code PgTypeMapper} parses (and are the same
     * for the snapshot's COPY and for pgoutput): UTC, ISO dates, postgres-style intervals, round-trip floats,
     * hex bytea, C-locale money.
     */
    public static final Map<String, String> SESSION_SETTINGS = Map.of(
            "TimeZone", "UTC",
            "DateStyle", "ISO, YMD",
            "IntervalStyle", "postgres",
            "extra_float_digits", "3",
            "bytea_output", "hex",
            "lc_monetary", "C");

    /** {@code SET} statements for {@link #SESSION_SETTINGS}, in a stable order. */
    public static List<String> sessionSetStatements() {
        return SESSION_SETTINGS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "SET " + e.getKey() + " = " + quoteLiteral(e.getValue())).toList();
    }

    /**
     * {@link #SESSION_SETTINGS} as a libpq/pgjdbc {@code options} startup parameter ({@code -c name=value ...};
     * spaces in values backslash-escaped). Works for replication connections too, whose walsender then formats
     * pgoutput's text values the same way.
     */
    public static String sessionOptions() {
        StringJoiner j = new StringJoiner(" ");
        SESSION_SETTINGS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                j.add("-c " + e.getKey() + "=" + e.getValue().replace("\\", "\\\\").replace(" ", "\\ ")));
        return j.toString();
    }

    // ---- catalog queries (pgjdbc placeholders) ----

    /** Parameters: schema, table. Returns the table's OID, relkind and relreplident ({@code d n f i}). */
    public static final String TABLE_INFO = "SELECT c.oid, c.relkind, c.relreplident FROM pg_catalog.pg_class c "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?";

    /**
     * Parameter: table OID. The columns pgoutput publishes (not dropped, not generated), in attribute order:
     * name, type OID, type modifier, {@code format_type}, not-null, position in the primary key (null when not in
     * it), position in the replica identity index (null when not in it / no such index), declared array
     * dimensions ({@code attndims}, or for a column typed by a domain over an array the domain's
     * {@code typndims}).
     */
    public static final String TABLE_COLUMNS = "SELECT a.attname, a.atttypid, a.atttypmod, "
            + "pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, "
            + "(SELECT k.pos FROM pg_catalog.pg_index i, unnest(i.indkey) WITH ORDINALITY AS k(attnum, pos) "
            + "WHERE i.indrelid = a.attrelid AND i.indisprimary AND k.attnum = a.attnum) AS pk_position, "
            + "(SELECT k.pos FROM pg_catalog.pg_index i, unnest(i.indkey) WITH ORDINALITY AS k(attnum, pos) "
            + "WHERE i.indrelid = a.attrelid AND i.indisreplident AND k.attnum = a.attnum) AS ident_position, "
            + "CASE WHEN a.attndims > 0 THEN a.attndims ELSE (SELECT t.typndims FROM pg_catalog.pg_type t "
            + "WHERE t.oid = a.atttypid) END AS dims FROM pg_catalog.pg_attribute a WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped "
            + "AND a.attgenerated = '' ORDER BY a.attnum";

    /**
     * Parameter: table OID. The names of the table's generated columns (never carried: see
     * {@link #TABLE_COLUMNS} and docs/pg-types.md).
     */
    public static final String GENERATED_COLUMNS = "SELECT a.attname FROM pg_catalog.pg_attribute a "
            + "WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated <> ''";

    /**
     * Parameter: table OID. Size statistics for the snapshot planner: relpages, reltuples (-1 when never
     * analyzed), and the current size in blocks.
     */
    public static final String TABLE_SIZE = "SELECT c.relpages, c.reltuples, "
            + "pg_catalog.pg_relation_size(c.oid) / current_setting('block_size')::bigint AS blocks "
            + "FROM pg_catalog.pg_class c WHERE c.oid = ?";

    /** Parameter: none; returns {@code count(*)} when built with {@link #exactRowCount}. */
    public static String exactRowCount(TableId table) {
        return "SELECT count(*) FROM " + qualified(table);
    }

    /**
     * No parameters. Every user-defined type ({@code oid >= 16384}: enums, domains, extension types and their
     * arrays; table row types excluded), one row each: oid, {@code format_type}, typtype, typcategory, typelem,
     * typbasetype, typtypmod, enum labels in sort order (text[], null when not an enum). Maps 1:1 onto
     * {@code PgType}'s constructor.
     */
    public static final String USER_TYPES = "SELECT t.oid, pg_catalog.format_type(t.oid, NULL), t.typtype, "
            + "t.typcategory, t.typelem, t.typbasetype, t.typtypmod, "
            + "(SELECT array_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e "
            + "WHERE e.enumtypid = t.oid) AS labels "
            + "FROM pg_catalog.pg_type t LEFT JOIN pg_catalog.pg_class r ON r.oid = t.typrelid "
            + "WHERE t.oid >= 16384 AND (t.typrelid = 0 OR r.relkind = 'c') AND t.typtype <> 'p'";

    /**
     * Parameter: table OID. The table's published array columns (true arrays: {@code typsubscript} is the array
     * handler, so not {@code int2vector}/{@code oidvector}; a domain's is its base type's) and their declared
     * dimensions (as in {@link #TABLE_COLUMNS}).
     */
    public static final String ARRAY_COLUMNS = "SELECT a.attname, CASE WHEN a.attndims > 0 THEN a.attndims "
            + "ELSE t.typndims END FROM pg_catalog.pg_attribute a "
            + "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
            + "LEFT JOIN pg_catalog.pg_type b ON b.oid = t.typbasetype "
            + "WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' "
            + "AND COALESCE(b.typsubscript, t.typsubscript) = 'pg_catalog.array_subscript_handler'::pg_catalog.regproc "
            + "ORDER BY a.attnum";

    /**
     * One scan telling, per array column, whether any value has other dimensions than the column's schema nests
     * ({@code max(1, attndims)}; empty arrays have none and pass): {@code SELECT bool_or(array_ndims("c") <> 2),
     * ... FROM "s"."t"}, one boolean per entry of {@code declaredDimensions} in its order (null for an empty
     * table or column).
     */
    public static String arrayDimensionCheck(TableId table, Map<String, Integer> declaredDimensions) {
        if (declaredDimensions.isEmpty()) {
            throw new IllegalArgumentException("no array column to check");
        }
        StringJoiner j = new StringJoiner(", ", "SELECT ", " FROM " + qualified(table));
        declaredDimensions.forEach((column, dims) ->
                j.add("bool_or(pg_catalog.array_ndims(" + quoteIdent(column) + ") <> " + Math.max(1, dims) + ")"));
        return j.toString();
    }

    /** Parameter: publication name. The published tables: schema, table. */
    public static final String PUBLICATION_TABLES = "SELECT schemaname, tablename FROM pg_catalog.pg_publication_tables "
            + "WHERE pubname = ? ORDER BY schemaname, tablename";
}
