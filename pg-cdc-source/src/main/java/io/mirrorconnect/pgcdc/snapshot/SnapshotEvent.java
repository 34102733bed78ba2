package io.mirrorconnect.pgcdc.snapshot;

import org.apache.kafka.connect.data.Struct;

import io.mirrorconnect.pgcdc.offsets.BlockRanges.Range;

/** What snapshot readers hand to the task's poll thread, in order per partition. */
public sealed interface SnapshotEvent {
    /**
     * Consecutive rows of one partition, already converted by the reader thread (conversion runs in parallel with
     * the other readers), handed over together so that the queue sees one operation per chunk, not per row:
     * {@code keys[i]} (null for a table without a key) and {@code values[i]} for {@code i < size}.
     * {@code lastOfPartition} says the chunk's last row is the partition's final row.
     */
    record Rows(TableJob job, Range partition, Struct[] keys, Struct[] values, int size, boolean lastOfPartition)
            implements SnapshotEvent {
        public Rows {
            if (size < 1 || size > keys.length || size > values.length) {
                throw new IllegalArgumentException("a chunk of " + size + " rows in arrays of " + keys.length
                        + "/" + values.length);
            }
        }
    }

    /** A partition without rows finished. */
    record EmptyPartition(TableJob job, Range partition) implements SnapshotEvent {
    }

    /** A reader failed; the snapshot stops. */
    record Failed(Throwable error) implements SnapshotEvent {
    }

    /** Every table finished. */
    record Finished() implements SnapshotEvent {
    }
}
