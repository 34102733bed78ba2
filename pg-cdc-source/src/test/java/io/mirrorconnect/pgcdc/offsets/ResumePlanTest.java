package io.mirrorconnect.pgcdc.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.Lsn;
import io.mirrorconnect.pgcdc.offsets.BlockRanges.Range;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets.SnapshotProgress;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets.StreamPosition;

class ResumePlanTest {
    static final TableId A = TableId.of("public", "a");
    static final TableId B = TableId.of("public", "b");
    static final List<TableId> BOTH = List.of(A, B);
    static final BlockRanges HALF = BlockRanges.of(List.of(new Range(0, 10)));
    static final BlockRanges ALL = BlockRanges.of(List.of(new Range(0, BlockRanges.UNBOUNDED)));

    @Test
    void aNewSlotSnapshotsEverythingInItsOwnEpoch() {
        ResumePlan p = ResumePlan.newSlot(BOTH, true, Lsn.valueOf(500));
        assertThat(p.epoch()).isEqualTo(500);
        assertThat(p.resumeAfter()).isNull();
        assertThat(p.toSnapshot()).containsExactly(A, B);
        assertThat(ResumePlan.newSlot(BOTH, false, Lsn.valueOf(500)).toSnapshot()).isEmpty();
    }

    @Test
    void aCrashMidSnapshotResumesUnfinishedTablesFromTheirProgress() {
        Map<TableId, SnapshotProgress> progress = Map.of(A, new SnapshotProgress(500, ALL, true),
                B, new SnapshotProgress(500, HALF, false));
        ResumePlan p = ResumePlan.existingSlot(BOTH, true, Lsn.valueOf(500), null, progress);
        assertThat(p.epoch()).isEqualTo(500);
        assertThat(p.toSnapshot()).containsExactly(B);
        assertThat(p.doneOf(B)).isEqualTo(HALF);
    }

    @Test
    void streamingResumesAfterTheStoredPositionAndSnapshotsOnlyAddedTables() {
        StreamPosition stored = new StreamPosition(500, Lsn.valueOf(900), Lsn.valueOf(880), Set.of(A));
        ResumePlan p = ResumePlan.existingSlot(BOTH, true, Lsn.valueOf(700), stored, Map.of());
        assertThat(p.resumeAfter()).isEqualTo(stored);
        assertThat(p.toSnapshot()).containsExactly(B);
        assertThat(p.doneOf(B)).isEqualTo(BlockRanges.empty());
    }

    @Test
    void progressOfAnotherEpochIsIgnored() {
        StreamPosition stored = new StreamPosition(800, Lsn.valueOf(900), Lsn.valueOf(880), Set.of());
        Map<TableId, SnapshotProgress> progress = Map.of(A, new SnapshotProgress(500, ALL, true));
        ResumePlan p = ResumePlan.existingSlot(List.of(A), true, Lsn.valueOf(850), stored, progress);
        assertThat(p.epoch()).isEqualTo(800);
        assertThat(p.toSnapshot()).containsExactly(A);
        assertThat(p.doneOf(A)).isEqualTo(BlockRanges.empty());
    }

    @Test
    void withoutSnapshotsNothingIsCopied() {
        ResumePlan p = ResumePlan.existingSlot(BOTH, false, Lsn.valueOf(700), null, Map.of());
        assertThat(p.toSnapshot()).isEmpty();
        assertThat(p.epoch()).isEqualTo(700);
    }
}
