package io.mirrorconnect.pgcdc.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.connect.errors.ConnectException;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.sql.PgSql;
import io.mirrorconnect.pgcdc.types.PgColumn;
import io.mirrorconnect.pgcdc.types.PgType;

/**
 * Runs the catalog queries (texts in {@link PgSql} and here) the connector needs: columns and key, type names,
 * user-defined types and size statistics.
 */
public final class CatalogReader {
    static final String Q_OID = "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname = ? AND c.relname = ?";

    static final String Q_TYPE_NAMES = "SELECT format_type(t.oid, t.mod) FROM unnest(?::oid[], ?::int[]) "
            + "WITH ORDINALITY AS t(oid, mod, pos) ORDER BY t.pos";
    static final String Q_STATS = PgSql.TABLE_SIZE;

    /** Size facts for planning a snapshot. */
    public record TableStats(long relpages, double reltuples, long blocks, long exactCount) {
        /** True when the planner statistics do not tell the row count (never analyzed or empty stats). */
        public boolean needsCount() {
            return (reltuples <= 0 || relpages <= 0) && blocks > 1;
        }

        public TableStats withExactCount(long count) {
            return new TableStats(relpages, reltuples, blocks, count);
        }
    }

    private CatalogReader() {
    }

    public static long oid(Connection c, TableId t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Q_OID)) {
            ps.setString(1, t.schema());
            ps.setString(2, t.table());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ConnectException("table " + t + " does not exist");
                }
                return rs.getLong(1);
            }
        }
    }

    /** The published columns (attribute order) and the key: primary key, else the replica identity index. */
    public record TableColumns(List<PgColumn> columns, List<String> key) {
    }

    public static TableColumns columns(Connection c, long oid) throws SQLException {
        List<PgColumn> out = new ArrayList<>();
        TreeMap<Integer, String> pk = new TreeMap<>();
        TreeMap<Integer, String> ident = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(PgSql.TABLE_COLUMNS)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    out.add(new PgColumn(name, (int) rs.getLong(2), rs.getInt(3), rs.getString(4), !rs.getBoolean(5),
                            rs.getInt(8)));
                    int p = rs.getInt(6);
                    if (!rs.wasNull()) {
                        pk.put(p, name);
                    }
                    int q = rs.getInt(7);
                    if (!rs.wasNull()) {
                        ident.put(q, name);
                    }
                }
            }
        }
        return new TableColumns(out, List.copyOf(pk.isEmpty() ? ident.values() : pk.values()));
    }

    /** The names of the table's generated columns ({@link PgSql#GENERATED_COLUMNS}). */
    public static java.util.Set<String> generatedColumns(Connection c, long oid) throws SQLException {
        java.util.Set<String> out = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(PgSql.GENERATED_COLUMNS)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** {@code format_type} of each (type OID, type modifier) pair, in order. */
    public static List<String> typeNames(Connection c, int[] oids, int[] mods) throws SQLException {
        Long[] o = new Long[oids.length];
        Integer[] m = new Integer[mods.length];
        for (int i = 0; i < oids.length; i++) {
            o[i] = Integer.toUnsignedLong(oids[i]);
            m[i] = mods[i];
        }
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Q_TYPE_NAMES)) {
            Array oa = c.createArrayOf("int8", o);
            Array ma = c.createArrayOf("int4", m);
            ps.setArray(1, oa);
            ps.setArray(2, ma);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    public static TableStats stats(Connection c, long oid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Q_STATS)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new TableStats(rs.getLong(1), rs.getDouble(2), rs.getLong(3), -1);
            }
        }
    }

    public static long count(Connection c, TableId t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PgSql.exactRowCount(t)); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every user-defined type ({@link PgSql#USER_TYPES}). */
    public static List<PgType> userTypes(Connection c) throws SQLException {
        List<PgType> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(PgSql.USER_TYPES); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Array labels = rs.getArray(8);
                List<String> l = labels == null ? List.of() : List.of((String[]) labels.getArray());
                out.add(new PgType((int) rs.getLong(1), rs.getString(2), rs.getString(3).charAt(0),
                        rs.getString(4).charAt(0), (int) rs.getLong(5), (int) rs.getLong(6), l, rs.getInt(7)));
            }
        }
        return out;
    }
}
