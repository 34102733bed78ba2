package io.mirrorconnect.pgcdc.replication;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mirrorconnect.pgcdc.Lsn;
import io.mirrorconnect.pgcdc.sql.PgSql;

/**
 * The pgoutput stream of one slot over a pgjdbc replication connection (protocol version 1, logical messages
 * on). Not thread-safe: the task's poll thread is its only user. Status updates (received/flushed LSN) go out
 * every status interval from inside {@link #readPending()} and whenever the flushed LSN advances.
 */
public final class ReplicationStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationStream.class);

    private final Connection connection;
    private final PGReplicationStream stream;
    private Lsn flushed;

    private ReplicationStream(Connection connection, PGReplicationStream stream, Lsn flushed) {
        this.connection = connection;
        this.stream = stream;
        this.flushed = flushed;
    }

    /** The {@code publication_names} option value: a comma-separated list of quoted identifiers. */
    public static String publicationNamesOption(String publication) {
        return PgSql.quoteIdent(publication);
    }

    public static ReplicationStream start(Connection replication, String slot, String publication, Lsn start,
                                          long statusIntervalMs) throws SQLException {
        PGReplicationStream s = replication.unwrap(PGConnection.class).getReplicationAPI()
                .replicationStream()
                .logical()
                .withSlotName(slot)
                .withStartPosition(LogSequenceNumber.valueOf(start.asLong()))
                .withSlotOption("proto_version", "1")
                .withSlotOption("publication_names", publicationNamesOption(publication))
                .withSlotOption("messages", "true")
                .withStatusInterval((int) statusIntervalMs, TimeUnit.MILLISECONDS)
                .start();
        LOG.info("streaming slot {} (publication {}) from {}", slot, publication, start);
        return new ReplicationStream(replication, s, start);
    }

    /** The next message, or null when none is waiting. */
    public ByteBuffer readPending() throws SQLException {
        return stream.readPending();
    }

    /** The WAL start of the message {@link #readPending()} returned last (for a change: the change's LSN). */
    public Lsn lastReceiveLsn() {
        return Lsn.valueOf(stream.getLastReceiveLSN().asLong());
    }

    /** Confirms {@code lsn} as flushed; moves only forward, and reports at once when it advanced. */
    public void confirm(Lsn lsn) throws SQLException {
        if (lsn.compareTo(flushed) > 0) {
            flushed = lsn;
            LogSequenceNumber l = LogSequenceNumber.valueOf(lsn.asLong());
            stream.setFlushedLSN(l);
            stream.setAppliedLSN(l);
            stream.forceUpdateStatus();
        }
    }

    public Lsn flushed() {
        return flushed;
    }

    @Override
    public void close() {
        try {
            if (!stream.isClosed()) {
                stream.close();
            }
        } catch (SQLException e) {
            LOG.debug("closing the replication stream: {}", e.getMessage());
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing the replication connection: {}", e.getMessage());
        }
    }
}
