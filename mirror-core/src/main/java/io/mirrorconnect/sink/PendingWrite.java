package io.mirrorconnect.sink;

import java.util.Collection;

import org.apache.kafka.common.TopicPartition;

import io.mirrorconnect.contract.TableId;

/**
 * A batch cut from a table's buffer that is not yet durably written: being written, or kept for a retry after a
 * transient failure.
 *
 * @param batch   the rows still to write (without rows already sent to the errant-record reporter)
 * @param segment the batch's offsets in the task's {@link OffsetTracker}, released once the write succeeded
 */
public record PendingWrite(CollapsedBatch batch, OffsetTracker.Segment segment) {

    /** The destination table (the batch's). */
    public TableId table() {
        return batch.table();
    }

    /** This write without {@code row} (after the row was sent to the errant-record reporter). */
    public PendingWrite without(CollapsedRow row) {
        return new PendingWrite(batch.without(row), segment);
    }

    /**
     * This write without the rows of {@code partitions} (revoked: their next owner re-reads and writes them). A
     * collapsed row is dropped when its newest change came from one of them; the record contract keeps all
     * changes of a key in one partition, so the row's older changes did too.
     */
    public PendingWrite withoutPartitions(Collection<TopicPartition> partitions) {
        return new PendingWrite(batch.without(r -> partitions.contains(
                new TopicPartition(r.source().topic(), r.source().partition()))), segment);
    }

    /** "writing N row(s) to T", for logs and error messages. */
    public String description() {
        return "writing " + batch.rows().size() + " row(s) to " + table();
    }
}
