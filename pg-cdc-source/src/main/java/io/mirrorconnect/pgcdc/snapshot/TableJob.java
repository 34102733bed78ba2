package io.mirrorconnect.pgcdc.snapshot;

import java.util.Collections;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.schema.TableSchema;
import io.mirrorconnect.pgcdc.offsets.BlockRanges;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets.SnapshotProgress;

/**
 * One table to snapshot: its shape, the progress already stored (block ranges delivered earlier) and the
 * progress made now. {@link #done} and the cached offset are read and written only by the task's poll thread.
 */
public final class TableJob {
    private final long oid;
    private final TableSchema shape;
    private BlockRanges done;
    private Map<String, Object> offset;
    private final AtomicLong rowsRead = new AtomicLong();
    private volatile int partitionsTotal;
    private final AtomicLong partitionsRead = new AtomicLong();

    private final Map<String, Object> sourcePartition;

    public TableJob(long oid, TableSchema shape, BlockRanges alreadyDone, Map<String, Object> sourcePartition) {
        this.oid = oid;
        this.shape = shape;
        this.done = alreadyDone;
        this.sourcePartition = sourcePartition;
    }

    /** The Connect source partition of this table's snapshot records. */
    public Map<String, Object> sourcePartition() {
        return sourcePartition;
    }

    public long oid() {
        return oid;
    }

    public TableId table() {
        return shape.table();
    }

    public TableSchema shape() {
        return shape;
    }

    public BlockRanges done() {
        return done;
    }

    public void markDone(BlockRanges.Range r) {
        done = done.with(r);
        offset = null;
    }

    /** The snapshot offset for records of this table now (cached until the progress changes). */
    public Map<String, Object> offset(long epoch) {
        if (offset == null) {
            offset = Collections.unmodifiableMap(new SnapshotProgress(epoch, done, complete()).toOffset());
        }
        return offset;
    }

    public boolean complete() {
        return done.coversEverything();
    }

    AtomicLong rowsRead() {
        return rowsRead;
    }

    AtomicLong partitionsRead() {
        return partitionsRead;
    }

    int partitionsTotal() {
        return partitionsTotal;
    }

    void partitionsTotal(int n) {
        partitionsTotal = n;
    }
}
