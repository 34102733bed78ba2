package io.mirrorconnect.pgcdc.snapshot;

import org.apache.kafka.connect.data.Struct;

import io.mirrorconnect.pgcdc.offsets.BlockRanges.Range;

/** What snapshot readers hand to the task's poll thread, in order per partition. */
public sealed interface SnapshotEvent {
    /**
     * One row, already converted by the reader thread (conversion runs in parallel with the other readers);
     * {@code lastOfPartition} marks the partition's final row.
     */
    record Row(TableJob job, Struct key, Struct value, Range partition, boolean lastOfPartition)
            implements SnapshotEvent {
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
