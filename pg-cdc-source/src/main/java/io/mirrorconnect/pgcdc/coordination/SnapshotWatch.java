package io.mirrorconnect.pgcdc.coordination;

import java.util.List;
import java.util.Map;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets.SnapshotProgress;

/** Whether the stored (merged) progress covers the assigned ranges of a spread snapshot. Pure. */
public final class SnapshotWatch {
    private SnapshotWatch() {
    }

    /** @return how many of {@code ranges} the progress of {@code epoch} covers entirely */
    public static int delivered(long epoch, List<PlannedRange> ranges, Map<TableId, SnapshotProgress> progress) {
        int n = 0;
        for (PlannedRange r : ranges) {
            SnapshotProgress p = progress.get(r.table());
            if (p != null && p.epoch() == epoch && (p.complete() || p.done().missingFrom(r.range()).isEmpty())) {
                n++;
            }
        }
        return n;
    }
}
