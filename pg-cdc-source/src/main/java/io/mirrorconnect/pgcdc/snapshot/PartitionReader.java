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
 * transaction, converts each row (on this reader's thread) and hands the rows to the bounded queue in chunks of up
 * to {@code chunkRows} (one queue operation per chunk; blocking when the queue is full). The last chunk carries the
 * partition's completion. Postgres sends one row per CopyData message, in both formats.
 */
public final class PartitionReader {
    private PartitionReader() {
    }

    /** @return rows read */
    public static long read(Connection c, TableJob job, Range range, String copySql, BlockingQueue<SnapshotEvent> out,
                            int chunkRows) throws SQLException, InterruptedException {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunk of " + chunkRows + " rows");
        }
        CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql);
        // the server's CopyOutResponse says which format the statement produces (0 text, 1 binary)
        boolean binary = copy.getFormat() == 1;
        CopyTextParser parser = binary ? null : new CopyTextParser(job.shape().includedColumnNames().size());
        TableSchema schema = job.shape();
        long rows = 0;
        Struct[] keys = new Struct[chunkRows];
        Struct[] values = new Struct[chunkRows];
        int n = 0;
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
                if (n == chunkRows) {
                    // a full chunk goes only once a further row exists: the partition's last chunk must say so
                    out.put(new SnapshotEvent.Rows(job, range, keys, values, n, false));
                    keys = new Struct[chunkRows];
                    values = new Struct[chunkRows];
                    n = 0;
                }
                keys[n] = schema.keyStructFromValue(value);
                values[n] = value;
                n++;
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
        if (n > 0) {
            out.put(new SnapshotEvent.Rows(job, range, keys, values, n, true));
        } else {
            out.put(new SnapshotEvent.EmptyPartition(job, range));
        }
        return rows;
    }
}
