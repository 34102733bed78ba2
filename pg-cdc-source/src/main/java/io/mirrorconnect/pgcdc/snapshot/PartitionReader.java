package io.mirrorconnect.pgcdc.snapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.BlockingQueue;

import org.apache.kafka.connect.data.Struct;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import io.mirrorconnect.pgcdc.binary.BinaryCopyFraming;
import io.mirrorconnect.pgcdc.decoder.CopyTextParser;
import io.mirrorconnect.pgcdc.offsets.BlockRanges.Range;
import io.mirrorconnect.pgcdc.schema.TableSchema;

/**
 * Reads one CTID partition with {@code COPY (SELECT ...) TO STDOUT} (binary or text format, as the statement
 * says: see {@link SnapshotPlanning#copySql}) on a connection that already runs inside the snapshot's
 * transaction, converts each row (on this reader's thread) and hands it
 * to the bounded queue (blocking when it is full). The last row carries the partition's completion. Postgres
 * sends one row per CopyData message, in both formats.
 */
public final class PartitionReader {
    private PartitionReader() {
    }

    /** @return rows read */
    public static long read(Connection c, TableJob job, Range range, String copySql,
                            BlockingQueue<SnapshotEvent> out) throws SQLException, InterruptedException {
        CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql);
        // the server's CopyOutResponse says which format the statement produces (0 text, 1 binary)
        boolean binary = copy.getFormat() == 1;
        CopyTextParser parser = binary ? null : new CopyTextParser(job.shape().includedColumnNames().size());
        TableSchema schema = job.shape();
        long rows = 0;
        Struct pending = null;
        boolean first = true;
        try {
            byte[] msg;
            while ((msg = copy.readFromCopy()) != null) {
                Struct value;
                if (binary) {
                    int off = 0;
                    if (first) {
                        off = BinaryCopyFraming.afterHeader(msg);
                        first = false;
                    }
                    int len = msg.length - off;
                    if (len == 0 || BinaryCopyFraming.isTrailer(msg, off, len)) {
                        continue;
                    }
                    value = schema.valueStructOfBinaryTuple(msg, off, len);
                } else {
                    int len = msg.length;
                    if (len > 0 && msg[len - 1] == '\n') {
                        len--;
                    }
                    value = schema.valueStructOfIncluded(parser.parse(msg, 0, len));
                }
                if (pending != null) {
                    out.put(new SnapshotEvent.Row(job, schema.keyStructFromValue(pending), pending, range, false));
                }
                pending = value;
                rows++;
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("snapshot stopped");
                }
            }
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        if (pending != null) {
            out.put(new SnapshotEvent.Row(job, schema.keyStructFromValue(pending), pending, range, true));
        } else {
            out.put(new SnapshotEvent.EmptyPartition(job, range));
        }
        return rows;
    }
}
