package io.mirrorconnect.qrep.read;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import org.apache.kafka.connect.data.Struct;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import io.mirrorconnect.pgcdc.decoder.CopyTextParser;
import io.mirrorconnect.pgcdc.schema.TableSchema;
import io.mirrorconnect.qrep.QRepException;
import io.mirrorconnect.qrep.plan.Partition;
import io.mirrorconnect.qrep.sql.QRepSql;

/**
 * Reads one partition (I/O adapter): in its own {@code REPEATABLE READ, READ ONLY} transaction (importing the
 * connector's exported snapshot for a ctid copy), binds the bounds
 * ({@link QRepSql#SET_BOUNDS}), runs {@code COPY (query) TO STDOUT} and converts each text row with the shared
 * {@link CopyTextParser} and {@link TableSchema} on this reader's thread. Rows go into the bounded queue (a full
 * queue blocks the reader); the last row carries the partition's completion.
 */
public final class PartitionReader {
    private final String mirror;
    private final TableSchema schema;
    private final String copySql;
    private final String snapshot;

    /** @param snapshot an exported snapshot to read in (a ctid copy), null for the transaction's own */
    public PartitionReader(String mirror, TableSchema schema, String copySql, String snapshot) {
        this.mirror = mirror;
        this.schema = schema;
        this.copySql = copySql;
        this.snapshot = snapshot;
    }

    /** Where rows go: a bounded queue's put (blocks while the queue is full). */
    @FunctionalInterface
    public interface EventSink {
        void put(ReadEvent event) throws InterruptedException;
    }

    /** @return rows read */
    public long read(Connection c, Partition p, EventSink out) throws SQLException,
            InterruptedException {
        c.setAutoCommit(false);
        long rows = 0;
        try {
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                if (snapshot != null) {
                    try {
                        s.execute(QRepSql.importSnapshot(snapshot));
                    } catch (SQLException e) {
                        throw new QRepException(mirror, "the initial copy's snapshot " + snapshot + " cannot be "
                                + "imported (" + e.getMessage().strip() + "): the connector that exported it has "
                                + "stopped before every partition was read. A ctid copy is consistent only within "
                                + "one snapshot; drop the mirror and create it again", e);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(QRepSql.SET_BOUNDS)) {
                ps.setString(1, p.start() == null ? "" : p.start());
                ps.setString(2, p.end());
                ps.execute();
            }
            CopyTextParser parser = new CopyTextParser(schema.includedColumnNames().size());
            CopyOut copy;
            try {
                copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql);
            } catch (SQLException e) {
                throw QRepException.sql(mirror, "the query (partition " + p.index() + ", " + p.start() + " .. "
                        + p.end() + ")", copySql, e);
            }
            Struct pending = null;
            try {
                byte[] line;
                while ((line = copy.readFromCopy()) != null) {
                    int len = line.length;
                    if (len > 0 && line[len - 1] == '\n') {
                        len--;
                    }
                    Struct value = schema.valueStructOfIncluded(parser.parse(line, 0, len));
                    if (pending != null) {
                        out.put(new ReadEvent.Row(p.index(), schema.keyStructFromValue(pending), pending, false));
                    }
                    pending = value;
                    rows++;
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException("stopped");
                    }
                }
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            if (pending != null) {
                out.put(new ReadEvent.Row(p.index(), schema.keyStructFromValue(pending), pending, true));
            } else {
                out.put(new ReadEvent.EmptyPartition(p.index()));
            }
        } finally {
            try {
                c.rollback();
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is discarded by the caller on failure
            }
        }
        return rows;
    }
}
