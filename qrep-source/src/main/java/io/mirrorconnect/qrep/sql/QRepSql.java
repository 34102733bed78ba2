package io.mirrorconnect.qrep.sql;

import io.mirrorconnect.pgcdc.sql.PgSql;
import io.mirrorconnect.qrep.QRepSourceConfig;
import io.mirrorconnect.qrep.watermark.Watermark;
import io.mirrorconnect.qrep.watermark.WatermarkKind;

/**
 * Every SQL text of the query-replication source (pure; golden-tested in QRepSqlTest). Identifiers are quoted by
 * {@link PgSql#quoteIdent}; values are always bound parameters.
 *
 * <p>Partition bounds reach the user's query without being spliced and without giving up {@code COPY}: COPY takes
 * no bind parameters, so the reader first binds the bounds into two transaction-local settings
 * ({@link #SET_BOUNDS}: {@code set_config('mirrorconnect.start', $1, true)}) and the placeholders become
 * {@code CAST(current_setting('mirrorconnect.start') AS <type>)}. current_setting is STABLE, so Postgres still uses
 * an index on the watermark column, exactly as for a parameter.
 */
public final class QRepSql {
    public static final String START_SETTING = "mirrorconnect.start";
    public static final String END_SETTING = "mirrorconnect.end";

    /** Parameters: start text (empty when none), end text. Transaction-local. */
    public static final String SET_BOUNDS = "SELECT set_config('" + START_SETTING + "', ?, true), set_config('"
            + END_SETTING + "', ?, true)";

    /** Parameter: the qualified, quoted table name. The table's OID, or NULL when it does not exist. */
    public static final String TABLE_OID = "SELECT to_regclass(?)::oid";

    /** Parameters: table OID, column name. The column's pg_type.typname and type modifier (system columns too). */
    public static final String WATERMARK_COLUMN = "SELECT t.typname, a.atttypmod, pg_catalog.format_type(a.atttypid, "
            + "a.atttypmod) FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
            + "WHERE a.attrelid = ? AND a.attname = ? AND NOT a.attisdropped";

    /** The snapshot's xmin as a 32-bit xid (every transaction older than it has ended). */
    private static final String SNAPSHOT_XMIN_XID =
            "((pg_snapshot_xmin(pg_current_snapshot())::text::numeric % 4294967296)::text)::xid";

    /** Columns: snapshot xmin (xid8), snapshot xmax (xid8), snapshot xmin as xid, clock in microseconds. */
    public static final String SNAPSHOT_INFO = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text, "
            + "pg_snapshot_xmax(pg_current_snapshot())::text, " + SNAPSHOT_XMIN_XID + "::text, "
            + "(extract(epoch FROM clock_timestamp()) * 1000000)::bigint";

    /** Columns: the exported snapshot's name, clock in microseconds (the ctid copy's version). */
    public static final String EXPORT_SNAPSHOT = "SELECT pg_export_snapshot(), "
            + "(extract(epoch FROM clock_timestamp()) * 1000000)::bigint";

    /** Parameter: the qualified, quoted table name. relpages, reltuples (-1: never analyzed), size in blocks. */
    public static final String CTID_TABLE_SIZE = "SELECT c.relpages, c.reltuples, pg_catalog.pg_relation_size(c.oid) "
            + "/ current_setting('block_size')::bigint FROM pg_catalog.pg_class c WHERE c.oid = to_regclass(?)";

    /**
     * Imports an exported snapshot. SET TRANSACTION SNAPSHOT takes no parameter, so the name is checked to be a
     * snapshot name as Postgres writes them (hex-hex-digits) and then quoted.
     */
    public static String importSnapshot(String name) {
        if (!name.matches("[0-9A-Fa-f]+-[0-9A-Fa-f]+(-[0-9]+)?")) {
            throw new IllegalArgumentException("not a snapshot name: " + name);
        }
        return "SET TRANSACTION SNAPSHOT '" + name + "'";
    }

    /** Parameter: an xid8 (text). True once every transaction older than it has ended. */
    public static final String OLDER_TRANSACTIONS_ENDED =
            "SELECT pg_snapshot_xmin(pg_current_snapshot()) >= CAST(? AS xid8)";

    /** Parameter: an xid8 (text). The oldest session whose transaction started before it (for the log). */
    public static final String OLDEST_BLOCKER = "SELECT pid, usename, state, now() - xact_start, left(query, 200) "
            + "FROM pg_catalog.pg_stat_activity WHERE backend_xid IS NOT NULL "
            + "AND age(backend_xid) >= age(((CAST(? AS xid8)::text::numeric % 4294967296)::text)::xid) "
            + "ORDER BY xact_start LIMIT 1";

    private QRepSql() {
    }

    /**
     * Rows past the cycle's start. Column watermark, parameter: the start (inclusive). xmin, parameters: the
     * snapshot-xmin cut, then the start (exclusive) when there is one.
     */
    public static String count(Watermark w, boolean hasStart) {
        return "SELECT count(*) FROM " + PgSql.qualified(w.table()) + " WHERE " + filter(w, hasStart);
    }

    /**
     * The upper bound of each of N NTILE buckets over the rows past the start, in order. Column watermark: the
     * bucket's max and its successor (text); parameters: N, start. xmin: the bucket's newest xmin; parameters: N,
     * cut, start (when there is one).
     */
    public static String bucketEnds(Watermark w, boolean hasStart) {
        String table = PgSql.qualified(w.table());
        if (w.isXmin()) {
            return "SELECT DISTINCT ON (b) x::text FROM (SELECT xmin AS x, age(xmin) AS a, ntile(?) OVER "
                    + "(ORDER BY age(xmin) DESC) AS b FROM " + table + " WHERE " + filter(w, hasStart)
                    + ") s ORDER BY b, a";
        }
        return "SELECT max(w)::text, (" + w.kind().successor("max(w)", w.numericScale()) + ")::text FROM (SELECT "
                + PgSql.quoteIdent(w.column()) + " AS w, ntile(?) OVER (ORDER BY " + PgSql.quoteIdent(w.column())
                + ") AS b FROM " + table + " WHERE " + filter(w, true) + ") s GROUP BY b ORDER BY b";
    }

    private static String filter(Watermark w, boolean hasStart) {
        if (w.isXmin()) {
            return "age(xmin) > age(CAST(? AS xid))" + (hasStart ? " AND age(xmin) < age(CAST(? AS xid))" : "");
        }
        return PgSql.quoteIdent(w.column()) + " >= " + w.kind().startBound("?", w.numericScale());
    }

    /**
     * The user's query for one partition. Column watermark: the placeholders become the bound settings (inclusive
     * start and end). xmin: the xmin condition is appended (exclusive start, inclusive end, compared by age()).
     */
    public static String partitionQuery(String template, Watermark w, boolean hasStart) {
        String q = stripTrailingSemicolons(template);
        if (w.isXmin()) {
            return q + "\nWHERE age(xmin) >= age(CAST(current_setting('" + END_SETTING + "') AS xid))"
                    + (hasStart ? " AND age(xmin) < age(CAST(current_setting('" + START_SETTING + "') AS xid))" : "");
        }
        return q.replace(QRepSourceConfig.START_PLACEHOLDER,
                        w.kind().startBound("current_setting('" + START_SETTING + "')", w.numericScale()))
                .replace(QRepSourceConfig.END_PLACEHOLDER, w.kind().endBound("current_setting('" + END_SETTING + "')"));
    }

    /** {@code COPY (query) TO STDOUT}, text format. */
    public static String copy(String query) {
        return "COPY (\n" + query + "\n) TO STDOUT";
    }

    static String stripTrailingSemicolons(String q) {
        String s = q.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    /** The qualified, quoted name of the watermark table (the to_regclass argument). */
    public static String tableName(Watermark w) {
        return PgSql.qualified(w.table());
    }

    /** The bound start of the first cycle of a column watermark. */
    public static String lowest(WatermarkKind kind) {
        return kind.lowest();
    }
}
