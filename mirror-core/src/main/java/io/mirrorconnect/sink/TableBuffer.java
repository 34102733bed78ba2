package io.mirrorconnect.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;

import io.mirrorconnect.contract.TableId;

/**
 * The records buffered for one destination table since its last flush, their estimated size, and the value
 * schema the table has been seen with (kept across flushes).
 */
public final class TableBuffer {
    /** {@link #lastPartialFlushAtMs()} of a table without such a flush yet. */
    public static final long NEVER = Long.MIN_VALUE;

    private final TableId table;
    private final List<ChangeRow> rows = new ArrayList<>();
    private long estimatedBytes;
    private long firstRecordAtMs;
    private long lastPartialFlushAtMs = NEVER;
    private Schema valueSchema;
    private Schema lastRawSchema;
    private boolean schemaChanged;

    public TableBuffer(TableId table) {
        this.table = table;
    }

    public void add(ChangeRow row, long nowMs) {
        if (rows.isEmpty()) {
            firstRecordAtMs = nowMs;
        }
        rows.add(row);
        estimatedBytes += RowSizeEstimator.estimate(row);
        if (row.value() != null && !row.keyOnly()) {
            Schema s = row.value().schema();
            if (s != lastRawSchema) {
                Schema merged = SchemaUnion.union(valueSchema, s);
                if (merged != valueSchema && (valueSchema == null || !merged.equals(valueSchema))) {
                    schemaChanged = true;
                }
                valueSchema = merged;
                lastRawSchema = s;
            }
        }
    }

    public TableId table() {
        return table;
    }

    public List<ChangeRow> rows() {
        return rows;
    }

    public int size() {
        return rows.size();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public long estimatedBytes() {
        return estimatedBytes;
    }

    public long firstRecordAtMs() {
        return firstRecordAtMs;
    }

    /**
     * When the table's last flush of a buffer that was not full began (its batch was cut), or {@link #NEVER}: the
     * small writes the idle flush limits. A full buffer's flush does not count.
     */
    public long lastPartialFlushAtMs() {
        return lastPartialFlushAtMs;
    }

    /** Union of the value schemas seen for this table (null until a row with a full value was seen). */
    public Schema valueSchema() {
        return valueSchema;
    }

    /** True when the value schema grew since {@link #schemaApplied()} was last called. */
    public boolean schemaChanged() {
        return schemaChanged;
    }

    public void schemaApplied() {
        schemaChanged = false;
    }

    /**
     * Empties the buffer once its records were cut into a batch at {@code nowMs} (their rows now belong to the
     * batch); {@code full} says whether the buffer had reached its size limits.
     */
    public void clear(long nowMs, boolean full) {
        rows.clear();
        estimatedBytes = 0;
        if (!full) {
            lastPartialFlushAtMs = nowMs;
        }
    }

    /** Drops the records of partitions this task no longer owns (they are re-read by their new owner). */
    public void removePartitions(Collection<TopicPartition> partitions) {
        rows.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
        estimatedBytes = 0;
        for (ChangeRow r : rows) {
            estimatedBytes += RowSizeEstimator.estimate(r);
        }
    }
}
