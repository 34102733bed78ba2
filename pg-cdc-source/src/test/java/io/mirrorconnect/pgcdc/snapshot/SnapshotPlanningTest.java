package io.mirrorconnect.pgcdc.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mirrorconnect.pgcdc.offsets.BlockRanges;
import io.mirrorconnect.pgcdc.offsets.BlockRanges.Range;
import io.mirrorconnect.pgcdc.snapshot.plan.CtidPartition;

class SnapshotPlanningTest {
    private static final long INF = BlockRanges.UNBOUNDED;

    @Test
    void remainingSkipsFinishedPartitionsAndKeepsTheOpenEnd() {
        List<CtidPartition> plan = List.of(new CtidPartition(0, 0, 100L), new CtidPartition(1, 100, 200L),
                new CtidPartition(2, 200, null));
        BlockRanges done = BlockRanges.of(List.of(new Range(0, 100), new Range(200, INF)));
        assertThat(SnapshotPlanning.remaining(plan, done)).containsExactly(new Range(100, 200));
        assertThat(SnapshotPlanning.remaining(plan, BlockRanges.empty()))
                .containsExactly(new Range(0, 100), new Range(100, 200), new Range(200, INF));
    }

    @Test
    void aNewPlanWithOtherBoundariesReadsOnlyTheGaps() {
        // progress stored under an earlier plan; the table grew, so the new plan cuts elsewhere
        BlockRanges done = BlockRanges.of(List.of(new Range(0, 150)));
        List<CtidPartition> plan = List.of(new CtidPartition(0, 0, 120L), new CtidPartition(1, 120, 240L),
                new CtidPartition(2, 240, null));
        assertThat(SnapshotPlanning.remaining(plan, done))
                .containsExactly(new Range(150, 240), new Range(240, INF));
    }

    @Test
    void rangesBecomePartitions() {
        assertThat(SnapshotPlanning.toPartition(0, new Range(0, INF)).wholeTable()).isTrue();
        assertThat(SnapshotPlanning.toPartition(3, new Range(5, 9)).endBlockExclusive()).isEqualTo(9L);
    }

    @Test
    void existsProbeIsATidRangeScanOfTheRange() {
        io.mirrorconnect.contract.TableId t = io.mirrorconnect.contract.TableId.of("public", "Big T");
        assertThat(SnapshotPlanning.existsSql(t, new io.mirrorconnect.pgcdc.offsets.BlockRanges.Range(10, 20)))
                .isEqualTo("SELECT EXISTS (SELECT \"ctid\" FROM \"public\".\"Big T\" "
                        + "WHERE ctid >= '(10,0)'::tid AND ctid < '(20,0)'::tid)");
        assertThat(SnapshotPlanning.existsSql(t, new io.mirrorconnect.pgcdc.offsets.BlockRanges.Range(0,
                io.mirrorconnect.pgcdc.offsets.BlockRanges.UNBOUNDED)))
                .isEqualTo("SELECT EXISTS (SELECT \"ctid\" FROM \"public\".\"Big T\")");
    }
}
