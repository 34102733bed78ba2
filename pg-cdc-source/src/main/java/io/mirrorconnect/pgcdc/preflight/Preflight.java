package io.mirrorconnect.pgcdc.preflight;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.PgCdcSourceConfig;
import io.mirrorconnect.pgcdc.PgConnections;
import io.mirrorconnect.pgcdc.sql.PgSql;

/**
 * Checks, before anything is created, that the database can serve this mirror: wal_level, the user's replication
 * privilege, free WAL senders and slots, the tables (exist, readable, primary key or REPLICA IDENTITY FULL),
 * excluded columns, the publication and the slot. Each problem is reported against the config key a user would
 * change to fix it.
 */
public final class Preflight {
    private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);
    /** How long validate() may scan one table for array values of other dimensions. */
    static final String ARRAY_SCAN_TIMEOUT = "10s";
    static final String Q_SETTINGS = "SELECT current_setting('wal_level'), current_setting('max_wal_senders')::int, "
            + "current_setting('max_replication_slots')::int, (SELECT count(*) FROM pg_replication_slots), "
            + "(SELECT count(*) FROM pg_stat_replication), current_setting('server_version_num')::int";
    static final String Q_ROLE = "SELECT rolreplication, rolsuper FROM pg_roles WHERE rolname = current_user";
    static final String Q_TABLE = "SELECT c.oid, c.relkind, c.relreplident, has_table_privilege(c.oid, 'SELECT'), "
            + "pg_has_role(c.relowner, 'USAGE'), EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND "
            + "i.indisprimary), EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisreplident) "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?";
    static final String Q_COLUMN = "SELECT a.attname, EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid "
            + "AND (i.indisprimary OR i.indisreplident) AND a.attnum = ANY (i.indkey)) FROM pg_attribute a "
            + "WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped";
    static final String Q_PUBLICATION = "SELECT puballtables FROM pg_publication WHERE pubname = ?";
    static final String Q_PUBLICATION_TABLES = "SELECT schemaname, tablename FROM pg_publication_tables "
            + "WHERE pubname = ?";
    static final String Q_DB_CREATE = "SELECT has_database_privilege(current_database(), 'CREATE')";
    static final String Q_SLOT = "SELECT plugin, slot_type, database FROM pg_replication_slots WHERE slot_name = ?";
    static final String Q_DB = "SELECT current_database()";

    /** Problems found, by config key; empty when the mirror can start. */
    public static Map<String, List<String>> run(PgCdcSourceConfig config) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        try (Connection c = new PgConnections(config).open("preflight")) {
            check(c, config, errors);
        } catch (SQLException e) {
            add(errors, PgCdcSourceConfig.HOSTNAME_CONFIG, "cannot check the database "
                    + config.hostname() + ":" + config.port() + "/" + config.database() + ": " + e.getMessage());
        }
        return errors;
    }

    static void check(Connection c, PgCdcSourceConfig config, Map<String, List<String>> errors) throws SQLException {
        boolean slotExists = checkSlot(c, config, errors);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(Q_SETTINGS)) {
            rs.next();
            String walLevel = rs.getString(1);
            int maxSenders = rs.getInt(2);
            int maxSlots = rs.getInt(3);
            int usedSlots = rs.getInt(4);
            int usedSenders = rs.getInt(5);
            int version = rs.getInt(6);
            if (version < 140000) {
                add(errors, PgCdcSourceConfig.HOSTNAME_CONFIG, "Postgres " + version / 10000
                        + " is not supported: Mirror Connect needs Postgres 14 or newer");
            }
            if (!"logical".equals(walLevel)) {
                add(errors, PgCdcSourceConfig.HOSTNAME_CONFIG, "wal_level is '" + walLevel
                        + "'; logical replication needs wal_level = logical (ALTER SYSTEM SET wal_level = logical; "
                        + "then restart Postgres)");
            }
            if (!slotExists && usedSlots >= maxSlots) {
                add(errors, PgCdcSourceConfig.SLOT_NAME_CONFIG, "no free replication slot: max_replication_slots = "
                        + maxSlots + " and " + usedSlots + " are in use; raise max_replication_slots");
            }
            // a new mirror needs a free sender (the slot's exporting connection, later the stream); a running
            // mirror whose config is validated again already holds its own
            if (!slotExists && usedSenders >= maxSenders) {
                add(errors, PgCdcSourceConfig.HOSTNAME_CONFIG, "no free WAL sender: max_wal_senders = " + maxSenders
                        + " and " + usedSenders + " are in use; raise max_wal_senders");
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(Q_ROLE)) {
            if (!rs.next() || !(rs.getBoolean(1) || rs.getBoolean(2))) {
                add(errors, PgCdcSourceConfig.USER_CONFIG, "user '" + config.user()
                        + "' lacks the REPLICATION attribute (ALTER ROLE " + config.user() + " WITH REPLICATION)");
            }
        }
        boolean publicationExists;
        boolean allTables = false;
        Set<TableId> published = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(Q_PUBLICATION)) {
            ps.setString(1, config.publicationName());
            try (ResultSet rs = ps.executeQuery()) {
                publicationExists = rs.next();
                if (publicationExists) {
                    allTables = rs.getBoolean(1);
                }
            }
        }
        if (publicationExists) {
            try (PreparedStatement ps = c.prepareStatement(Q_PUBLICATION_TABLES)) {
                ps.setString(1, config.publicationName());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        published.add(TableId.of(rs.getString(1), rs.getString(2)));
                    }
                }
            }
        } else {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(Q_DB_CREATE)) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    add(errors, PgCdcSourceConfig.PUBLICATION_NAME_CONFIG, "publication '"
                            + config.publicationName() + "' does not exist and user '" + config.user()
                            + "' may not create it (needs CREATE on the database)");
                }
            }
        }
        List<TableId> unpublished = new ArrayList<>();
        for (TableId t : config.tables()) {
            boolean ok = checkTable(c, config, t, !publicationExists, errors);
            if (ok && publicationExists && !allTables && !published.contains(t)) {
                unpublished.add(t);
            }
        }
        if (!unpublished.isEmpty() && config.publicationUserSupplied()) {
            add(errors, PgCdcSourceConfig.PUBLICATION_NAME_CONFIG, "publication '" + config.publicationName()
                    + "' does not cover " + unpublished + " (ALTER PUBLICATION ... ADD TABLE ...)");
        }
    }

    private static boolean checkSlot(Connection c, PgCdcSourceConfig config, Map<String, List<String>> errors)
            throws SQLException {
        String db;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(Q_DB)) {
            rs.next();
            db = rs.getString(1);
        }
        try (PreparedStatement ps = c.prepareStatement(Q_SLOT)) {
            ps.setString(1, config.slotName());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                String plugin = rs.getString(1);
                String type = rs.getString(2);
                String slotDb = rs.getString(3);
                if (!"logical".equals(type) || !"pgoutput".equals(plugin) || !db.equals(slotDb)) {
                    add(errors, PgCdcSourceConfig.SLOT_NAME_CONFIG, "replication slot '" + config.slotName()
                            + "' exists but is a " + type + " slot with plugin " + plugin + " on database " + slotDb
                            + "; expected a logical pgoutput slot on " + db);
                }
                return true;
            }
        }
    }

    private static boolean checkTable(Connection c, PgCdcSourceConfig config, TableId t, boolean mustOwn,
                                      Map<String, List<String>> errors) throws SQLException {
        String key = PgCdcSourceConfig.TABLE_INCLUDE_LIST_CONFIG;
        long oid;
        try (PreparedStatement ps = c.prepareStatement(Q_TABLE)) {
            ps.setString(1, t.schema());
            ps.setString(2, t.table());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    add(errors, key, "table " + t + " does not exist");
                    return false;
                }
                oid = rs.getLong(1);
                String kind = rs.getString(2);
                String identity = rs.getString(3);
                boolean select = rs.getBoolean(4);
                boolean owner = rs.getBoolean(5);
                boolean pk = rs.getBoolean(6);
                boolean identIndex = rs.getBoolean(7);
                if (!"r".equals(kind) && !"p".equals(kind)) {
                    add(errors, key, t + " is not a table (relkind '" + kind + "')");
                    return false;
                }
                if (!select) {
                    add(errors, key, "user '" + config.user() + "' may not SELECT from table " + t);
                }
                if (mustOwn && !owner) {
                    add(errors, key, "user '" + config.user() + "' does not own table " + t
                            + ", so it cannot create publication '" + config.publicationName()
                            + "' for it; create the publication as the owner and set " 
                            + PgCdcSourceConfig.PUBLICATION_NAME_CONFIG);
                }
                boolean identityOk = "f".equals(identity) || ("d".equals(identity) && pk)
                        || ("i".equals(identity) && identIndex);
                if (!identityOk) {
                    add(errors, key, "table " + t + " has no primary key and its REPLICA IDENTITY is "
                            + ("n".equals(identity) ? "NOTHING" : "DEFAULT")
                            + "; add a primary key or run ALTER TABLE " + t + " REPLICA IDENTITY FULL");
                }
            }
        }
        Set<String> excluded = config.excludedColumns(t);
        checkArrayDimensions(c, t, oid, excluded, errors);
        if (!excluded.isEmpty()) {
            Map<String, Boolean> columns = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(Q_COLUMN)) {
                ps.setLong(1, oid);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        columns.put(rs.getString(1), rs.getBoolean(2));
                    }
                }
            }
            for (String col : excluded) {
                Boolean isKey = columns.get(col);
                if (isKey == null) {
                    add(errors, PgCdcSourceConfig.COLUMN_EXCLUDE_LIST_CONFIG, "table " + t + " has no column '"
                            + col + "'");
                } else if (isKey) {
                    add(errors, PgCdcSourceConfig.COLUMN_EXCLUDE_LIST_CONFIG, "column '" + col + "' of " + t
                            + " is part of the key and cannot be excluded");
                }
            }
        }
        return true;
    }

    /**
     * Refuses a table whose array column holds values with other dimensions than the column's schema nests
     * (its declared {@code attndims}, at least 1): such a value could only fail (or, with special.values=null,
     * become null) once the mirror runs. One scan of the table, bounded by {@link #ARRAY_SCAN_TIMEOUT}; a scan
     * that takes longer is skipped with a warning (the per-value rule still applies).
     */
    static void checkArrayDimensions(Connection c, TableId t, long oid, Set<String> excluded,
                                     Map<String, List<String>> errors) throws SQLException {
        Map<String, Integer> dims = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(PgSql.ARRAY_COLUMNS)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!excluded.contains(rs.getString(1))) {
                        dims.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
        }
        if (dims.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>(dims.keySet());
        try (Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = " + PgSql.quoteLiteral(ARRAY_SCAN_TIMEOUT));
            try (ResultSet rs = st.executeQuery(PgSql.arrayDimensionCheck(t, dims))) {
                rs.next();
                for (int i = 0; i < names.size(); i++) {
                    if (rs.getBoolean(i + 1)) {
                        String col = names.get(i);
                        int declared = Math.max(1, dims.get(col));
                        add(errors, PgCdcSourceConfig.TABLE_INCLUDE_LIST_CONFIG, "column '" + col + "' of " + t
                                + " holds arrays whose dimensions differ from the " + declared + " it is declared "
                                + "with (the column's schema nests " + declared + " ARRAY level(s); find them with "
                                + "SELECT ... WHERE array_ndims(" + PgSql.quoteIdent(col) + ") <> " + declared
                                + "); declare its real dimensions (ALTER TABLE " + PgSql.qualified(t)
                                + " ALTER COLUMN " + PgSql.quoteIdent(col) + " TYPE <element type>[][]) or add it "
                                + "to " + PgCdcSourceConfig.COLUMN_EXCLUDE_LIST_CONFIG);
                    }
                }
            } catch (SQLException e) {
                if (!"57014".equals(e.getSQLState())) {
                    throw e;
                }
                LOG.warn("table {}: the check of its array columns' dimensions {} took longer than {} and was "
                        + "skipped; a value with other dimensions will follow special.values when read", t,
                        names, ARRAY_SCAN_TIMEOUT);
            } finally {
                st.execute("SET statement_timeout = 0");
            }
        }
    }

    static void add(Map<String, List<String>> errors, String key, String message) {
        errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }
}
