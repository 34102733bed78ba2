package io.mirrorconnect.pgcdc.snapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.BlockingQueue;

import org.apache.kafka.connect.data.Struct;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import io.mirrorconnect.pgcdc.decoder.CopyTextParser;
import io.mirrorconnect.pgcdc.offsets.BlockRanges.Range;
import io.mirrorconnect.pgcdc.schema.TableSchema;

/**
 * Reads one CTID partition with {@code COPY (SELECT ...) TO STDOUT} (text format) on a connection that already
 * runs inside the snapshot's transaction, converts each row (on this reader's thread) and hands it to the
 * bounded queue (blocking when it is full). The last row carries the partition's completion.
 */
public final class PartitionReader {
    private PartitionReader() {
    }

    /** @return rows read */
    public static long read(Connection c, TableJob job, Range range, String copySql,
                            BlockingQueue<SnapshotEvent> out) throws SQLException, InterruptedException {
        CopyTextParser parser = new CopyTextParser(job.shape().includedColumnNames().size());
        CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql);
        TableSchema schema = job.shape();
        long rows = 0;
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
