package io.mirrorconnect.pgcdc.snapshot;

import java.util.concurrent.atomic.AtomicLong;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.schema.TableSchema;
import io.mirrorconnect.pgcdc.offsets.BlockRanges;

/**
 * One table to snapshot: its shape, the progress already stored (block ranges delivered earlier) and the
 * progress made now. {@link #done} is read and written only by the task's poll thread.
 */
public final class TableJob {
    private final long oid;
    private final TableSchema shape;
    private BlockRanges done;
    private final AtomicLong rowsRead = new AtomicLong();
    private volatile int partitionsTotal;
    private final AtomicLong partitionsRead = new AtomicLong();

    public TableJob(long oid, TableSchema shape, BlockRanges alreadyDone) {
        this.oid = oid;
        this.shape = shape;
        this.done = alreadyDone;
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
