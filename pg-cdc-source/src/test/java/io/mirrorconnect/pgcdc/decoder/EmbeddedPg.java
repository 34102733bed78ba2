package io.mirrorconnect.pgcdc.decoder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** An embedded Postgres with {@code wal_level = logical}, and the SQL-level way to read a slot's pgoutput bytes. */
public final class EmbeddedPg implements AutoCloseable {
    private final EmbeddedPostgres pg;
    private final Connection conn;

    public EmbeddedPg() throws IOException, SQLException {
        pg = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "10")
                .setServerConfig("max_wal_senders", "10")
                // the SQL decoding functions read WAL only up to the flushed position; zonky's default
                // synchronous_commit=off would leave just-committed changes invisible to them for a while
                .setServerConfig("synchronous_commit", "on")
                .start();
        conn = pg.getPostgresDatabase().getConnection();
        conn.setAutoCommit(true);
    }

    public Connection connection() {
        return conn;
    }

    public Connection newConnection() throws SQLException {
        return pg.getPostgresDatabase().getConnection();
    }

    public void exec(String... sql) throws SQLException {
        try (Statement st = conn.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    public long queryLong(String sql) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public String queryString(String sql) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** One row of {@code pg_logical_slot_peek_binary_changes}: the row's LSN text and the pgoutput message bytes. */
    public record RawMessage(String lsn, byte[] data) {
        public PgOutputMessage decode() {
            return PgOutputDecoder.decode(ByteBuffer.wrap(data));
        }
    }

    /** Every pgoutput message (protocol v1, messages on) of the slot, without consuming them. */
    public List<RawMessage> peek(String slot, String publication) throws SQLException {
        List<RawMessage> out = new ArrayList<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT lsn, data FROM pg_logical_slot_peek_binary_changes('" + slot
                     + "', NULL, NULL, 'proto_version', '1', 'publication_names', '" + publication
                     + "', 'messages', 'true')")) {
            while (rs.next()) {
                out.add(new RawMessage(rs.getString(1), rs.getBytes(2)));
            }
        }
        return out;
    }

    public List<PgOutputMessage> peekDecoded(String slot, String publication) throws SQLException {
        return peek(slot, publication).stream().map(RawMessage::decode).toList();
    }

    @Override
    public void close() throws Exception {
        conn.close();
        pg.close();
    }
}
