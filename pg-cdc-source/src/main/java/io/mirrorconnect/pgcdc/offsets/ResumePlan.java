package io.mirrorconnect.pgcdc.offsets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.Lsn;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets.SnapshotProgress;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets.StreamPosition;

/**
 * What a starting task does, decided from the slot and the stored offsets (pure): the epoch the offsets must
 * belong to, the streaming position to skip up to, and which tables to snapshot from which progress.
 *
 * @param epoch       the slot's epoch (its consistent point when the connector created it)
 * @param resumeAfter changes at or before this position were delivered; null when nothing was streamed
 * @param toSnapshot  tables to snapshot, in config order
 * @param done        block ranges already delivered, per table to snapshot (absent: none)
 */
public record ResumePlan(long epoch, StreamPosition resumeAfter, List<TableId> toSnapshot,
                         Map<TableId, BlockRanges> done) {

    public ResumePlan {
        toSnapshot = List.copyOf(toSnapshot);
        done = Map.copyOf(done);
    }

    public BlockRanges doneOf(TableId t) {
        return done.getOrDefault(t, BlockRanges.empty());
    }

    /** The slot was just created at {@code consistentPoint}: stored offsets belong to an older slot. */
    public static ResumePlan newSlot(List<TableId> tables, boolean snapshotEnabled, Lsn consistentPoint) {
        return new ResumePlan(consistentPoint.asLong(), null, snapshotEnabled ? tables : List.of(), Map.of());
    }

    /**
     * The slot exists (confirmed at {@code confirmedFlush}). The epoch is the stored one; a table is snapshotted
     * when snapshots are on, streaming never began after its snapshot, and its own progress is not complete.
     */
    public static ResumePlan existingSlot(List<TableId> tables, boolean snapshotEnabled, Lsn confirmedFlush,
                                          StreamPosition stored, Map<TableId, SnapshotProgress> progress) {
        long epoch;
        if (stored != null) {
            epoch = stored.epoch();
        } else if (!progress.isEmpty()) {
            epoch = progress.values().stream().mapToLong(SnapshotProgress::epoch).max().getAsLong();
        } else {
            epoch = confirmedFlush.asLong();
        }
        StreamPosition resume = stored != null && stored.epoch() == epoch ? stored : null;
        List<TableId> toSnapshot = new ArrayList<>();
        Map<TableId, BlockRanges> done = new LinkedHashMap<>();
        if (snapshotEnabled) {
            for (TableId t : tables) {
                boolean streamedAfterSnapshot = resume != null && resume.snapshotted().contains(t);
                SnapshotProgress p = progress.get(t);
                boolean valid = p != null && p.epoch() == epoch;
                if (!streamedAfterSnapshot && !(valid && p.complete())) {
                    toSnapshot.add(t);
                    if (valid) {
                        done.put(t, p.done());
                    }
                }
            }
        }
        return new ResumePlan(epoch, resume, toSnapshot, done);
    }
}
