package io.mirrorconnect.pgcdc.offsets;

import java.util.Collection;

import io.mirrorconnect.pgcdc.offsets.SourceOffsets.SnapshotProgress;

/**
 * Merges the snapshot progress of one table stored under several source partitions (the table's own, written by
 * a single task, and one per snapshot slice, written by the tasks of a spread snapshot). Pure.
 *
 * <p>Only entries of the newest epoch count (older ones belong to a dropped slot). Their delivered block ranges
 * are united: every range in any entry was delivered, whichever task delivered it. The table is complete when
 * any entry says so or the union covers every block.
 */
public final class ProgressMerge {
    private ProgressMerge() {
    }

    /** @return the merged progress, or null when there is none */
    public static SnapshotProgress merge(Collection<SnapshotProgress> entries) {
        Long epoch = null;
        for (SnapshotProgress p : entries) {
            if (p != null && (epoch == null || Long.compareUnsigned(p.epoch(), epoch) > 0)) {
                epoch = p.epoch();
            }
        }
        if (epoch == null) {
            return null;
        }
        BlockRanges done = BlockRanges.empty();
        boolean complete = false;
        for (SnapshotProgress p : entries) {
            if (p != null && p.epoch() == epoch) {
                for (BlockRanges.Range r : p.done().ranges()) {
                    done = done.with(r);
                }
                complete |= p.complete();
            }
        }
        return new SnapshotProgress(epoch, done, complete || done.coversEverything());
    }
}
