package io.mirrorconnect.pgcdc.replication;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.Lsn;
import io.mirrorconnect.pgcdc.sql.PgSql;

/**
 * Creates the publication and the logical slot. SQL text comes from the small pure builders here
 * ({@link #createPublicationSql}, {@link #createSlotSql}); the methods that run it only execute.
 */
public final class SlotManager {
    private static final Logger LOG = LoggerFactory.getLogger(SlotManager.class);

    static final String Q_PUBLICATION = "SELECT puballtables FROM pg_publication WHERE pubname = ?";
    static final String Q_PUBLICATION_TABLES = "SELECT schemaname, tablename FROM pg_publication_tables "
            + "WHERE pubname = ?";
    static final String Q_SLOT = "SELECT confirmed_flush_lsn::text, restart_lsn::text, active_pid "
            + "FROM pg_replication_slots WHERE slot_name = ?";

    /** An existing slot. */
    public record SlotInfo(Lsn confirmedFlush, Lsn restartLsn, Integer activePid) {
    }

    /** A slot just created: its consistent point and, when exported, the snapshot name. */
    public record CreatedSlot(Lsn consistentPoint, String snapshotName) {
    }

    private SlotManager() {
    }

    public static String createPublicationSql(String publication, List<TableId> tables) {
        return "CREATE PUBLICATION " + PgSql.quoteIdent(publication) + " FOR TABLE " + tableList(tables)
                + " WITH (publish_via_partition_root = true)";
    }

    public static String addTablesSql(String publication, List<TableId> tables) {
        return "ALTER PUBLICATION " + PgSql.quoteIdent(publication) + " ADD TABLE " + tableList(tables);
    }

    private static String tableList(List<TableId> tables) {
        List<String> parts = new ArrayList<>();
        for (TableId t : tables) {
            parts.add(PgSql.quoteIdent(t.schema()) + "." + PgSql.quoteIdent(t.table()));
        }
        return String.join(", ", parts);
    }

    /**
     * The replication command creating a pgoutput slot. PG 15+ takes the option list form; 14 the older keyword
     * form.
     */
    public static String createSlotSql(String slot, boolean exportSnapshot, int serverVersionNum) {
        String name = PgSql.quoteIdent(slot);
        if (serverVersionNum >= 150000) {
            return "CREATE_REPLICATION_SLOT " + name + " LOGICAL pgoutput (SNAPSHOT '"
                    + (exportSnapshot ? "export" : "nothing") + "')";
        }
        return "CREATE_REPLICATION_SLOT " + name + " LOGICAL pgoutput "
                + (exportSnapshot ? "EXPORT_SNAPSHOT" : "NOEXPORT_SNAPSHOT");
    }

    /**
     * Creates the publication when absent. An existing publication the user named is left as it is; the
     * connector's own (default-named) one gets the tables it is missing added.
     *
     * @return the tables that were added to an existing publication
     */
    public static List<TableId> ensurePublication(Connection admin, String publication, List<TableId> tables,
                                                  boolean userSupplied) throws SQLException {
        Boolean allTables = null;
        try (PreparedStatement ps = admin.prepareStatement(Q_PUBLICATION)) {
            ps.setString(1, publication);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    allTables = rs.getBoolean(1);
                }
            }
        }
        if (allTables == null) {
            execute(admin, createPublicationSql(publication, tables));
            LOG.info("created publication {} for {}", publication, tables);
            return List.of();
        }
        if (allTables || userSupplied) {
            return List.of();
        }
        Set<TableId> published = new HashSet<>();
        try (PreparedStatement ps = admin.prepareStatement(Q_PUBLICATION_TABLES)) {
            ps.setString(1, publication);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    published.add(TableId.of(rs.getString(1), rs.getString(2)));
                }
            }
        }
        List<TableId> missing = tables.stream().filter(t -> !published.contains(t)).toList();
        if (!missing.isEmpty()) {
            execute(admin, addTablesSql(publication, missing));
            LOG.info("added {} to publication {}", missing, publication);
        }
        return missing;
    }

    public static Optional<SlotInfo> slot(Connection admin, String slot) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement(Q_SLOT)) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String flush = rs.getString(1);
                String restart = rs.getString(2);
                int pid = rs.getInt(3);
                Integer active = rs.wasNull() ? null : pid;
                return Optional.of(new SlotInfo(flush == null ? Lsn.INVALID : Lsn.parse(flush),
                        restart == null ? Lsn.INVALID : Lsn.parse(restart), active));
            }
        }
    }

    /**
     * Creates the slot on a replication connection. With {@code exportSnapshot} the returned snapshot stays
     * importable only while {@code replication} stays open and runs nothing else.
     */
    public static CreatedSlot createSlot(Connection replication, String slot, boolean exportSnapshot,
                                         int serverVersionNum) throws SQLException {
        try (Statement st = replication.createStatement();
             ResultSet rs = st.executeQuery(createSlotSql(slot, exportSnapshot, serverVersionNum))) {
            rs.next();
            Lsn consistent = Lsn.parse(rs.getString("consistent_point"));
            String snapshot = rs.getString("snapshot_name");
            LOG.info("created replication slot {} at {} (snapshot {})", slot, consistent, snapshot);
            return new CreatedSlot(consistent, snapshot);
        }
    }

    public static int serverVersionNum(Connection admin) throws SQLException {
        try (Statement st = admin.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Emits a transactional logical message, so an otherwise idle slot sees a transaction to confirm. */
    public static void heartbeat(Connection admin, String prefix) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement("SELECT pg_logical_emit_message(true, ?, '')")) {
            ps.setString(1, prefix);
            ps.execute();
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
