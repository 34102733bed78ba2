package io.mirrorconnect.sink;

import java.util.Collection;
import java.util.function.Supplier;

import org.apache.kafka.common.TopicPartition;

import io.mirrorconnect.contract.TableId;

/**
 * A batch cut from a table's buffer that is not yet durably written: being written, or kept for a retry after a
 * transient failure.
 *
 * <p>A batch cut by the task is collapsed when its write first asks for its rows ({@link #batch}): with
 * {@code max.in.flight.writes=1} on the writer thread, so that the task thread only cuts the buffer and reads on
 * (collapsing was ~6% of the task thread's samples in the end-to-end bench, docs/performance.md, stop 20). It is
 * collapsed once; the task thread reads the rows only after the write has ended (the write's future orders it).
 */
public final class PendingWrite {
    private final TableId table;
    private final int records;
    private final OffsetTracker.Segment segment;
    /** Collapses the cut records; null once {@link #batch} is known. */
    private Supplier<CollapsedBatch> collapse;
    private volatile CollapsedBatch batch;

    /**
     * @param batch   the rows still to write (without rows already sent to the errant-record reporter)
     * @param segment the batch's offsets in the task's {@link OffsetTracker}, released once the write succeeded
     */
    public PendingWrite(CollapsedBatch batch, OffsetTracker.Segment segment) {
        this.table = batch.table();
        this.records = batch.records();
        this.segment = segment;
        this.batch = batch;
    }

    private PendingWrite(TableId table, int records, Supplier<CollapsedBatch> collapse, OffsetTracker.Segment segment) {
        this.table = table;
        this.records = records;
        this.segment = segment;
        this.collapse = collapse;
    }

    /** A write of {@code records} cut records, collapsed by {@code collapse} on the first call of {@link #batch}. */
    public static PendingWrite collapsing(TableId table, int records, Supplier<CollapsedBatch> collapse,
                                          OffsetTracker.Segment segment) {
        return new PendingWrite(table, records, collapse, segment);
    }

    /** The destination table. */
    public TableId table() {
        return table;
    }

    /** The batch's offsets in the task's {@link OffsetTracker}. */
    public OffsetTracker.Segment segment() {
        return segment;
    }

    /** The rows to write, collapsed on the first call (a collapse that throws is tried again on the next). */
    public CollapsedBatch batch() {
        CollapsedBatch b = batch;
        if (b != null) {
            return b;
        }
        synchronized (this) {
            if (batch == null) {
                batch = collapse.get();
                collapse = null;
            }
            return batch;
        }
    }

    /** True when the rows are known and none is left (every one went to the errant-record reporter). */
    public boolean knownEmpty() {
        CollapsedBatch b = batch;
        return b != null && b.rows().isEmpty();
    }

    /** This write without {@code row} (after the row was sent to the errant-record reporter). */
    public PendingWrite without(CollapsedRow row) {
        return new PendingWrite(batch().without(row), segment);
    }

    /**
     * This write without the rows of {@code partitions} (revoked: their next owner re-reads and writes them). A
     * collapsed row is dropped when its newest change came from one of them; the record contract keeps all
     * changes of a key in one partition, so the row's older changes did too.
     */
    public PendingWrite withoutPartitions(Collection<TopicPartition> partitions) {
        return new PendingWrite(batch().without(r -> partitions.contains(
                new TopicPartition(r.source().topic(), r.source().partition()))), segment);
    }

    /** "writing N row(s) to T" ("N record(s)" before they are collapsed), for logs and error messages. */
    public String description() {
        CollapsedBatch b = batch;
        return "writing " + (b != null ? b.rows().size() + " row(s)" : records + " record(s)") + " to " + table;
    }
}
