package io.mirrorconnect.pgcdc.snapshot.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.TableId;

class SnapshotPlannerTest {
    private static final TableId T = TableId.of("public", "t");

    /** Every block from 0 on is covered exactly once, the ranges ascend, and only the last is open. */
    private static void assertCoversEverything(List<CtidPartition> plan) {
        long next = 0;
        for (int i = 0; i < plan.size(); i++) {
            CtidPartition p = plan.get(i);
            assertThat(p.index()).isEqualTo(i);
            assertThat(p.startBlock()).isEqualTo(next);
            if (i == plan.size() - 1) {
                assertThat(p.openEnded()).isTrue();
            } else {
                assertThat(p.endBlockExclusive()).isNotNull().isGreaterThan(p.startBlock());
                next = p.endBlockExclusive();
            }
        }
    }

    @Test
    void splitsByEstimatedRows() {
        // 1,000,000 rows in 10,000 blocks, 250,000 rows per partition -> 4 partitions of 2,500 blocks
        List<CtidPartition> plan = SnapshotPlanner.plan(T, 10_000, 1_000_000, -1, 250_000);
        assertThat(plan).containsExactly(
                new CtidPartition(0, 0, 2_500L),
                new CtidPartition(1, 2_500, 5_000L),
                new CtidPartition(2, 5_000, 7_500L),
                new CtidPartition(3, 7_500, null));
    }

    @Test
    void unevenSplitsStillCoverEverything() {
        List<CtidPartition> plan = SnapshotPlanner.plan(T, 1_001, 100_000, -1, 30_000);
        assertThat(plan).hasSize(4);
        assertCoversEverything(plan);
        List<CtidPartition> seven = SnapshotPlanner.plan(T, 10, 70, -1, 10);
        assertCoversEverything(seven);
        assertThat(seven.size()).isBetween(5, 7);
    }

    @Test
    void unknownStatisticsUseTheExactCount() {
        assertThat(SnapshotPlanner.plan(T, 100, -1, 1_000, 100)).hasSize(10);
        assertThat(SnapshotPlanner.plan(T, 100, 0, 1_000, 100)).hasSize(10);
    }

    @Test
    void smallEmptyOrUnknownTablesAreOneOpenPartition() {
        CtidPartition whole = new CtidPartition(0, 0, null);
        assertThat(SnapshotPlanner.plan(T, 0, -1, -1, 10)).containsExactly(whole);
        assertThat(SnapshotPlanner.plan(T, 0, 0, 5_000, 10)).containsExactly(whole);
        assertThat(SnapshotPlanner.plan(T, 100, -1, -1, 10)).containsExactly(whole);
        assertThat(SnapshotPlanner.plan(T, 100, 50, -1, 100)).containsExactly(whole);
        assertThat(SnapshotPlanner.plan(T, 1, 1_000_000, -1, 10)).containsExactly(whole);
        assertThat(whole.wholeTable()).isTrue();
    }

    @Test
    void neverMoreThanAThousandPartitionsNorMoreThanBlocks() {
        List<CtidPartition> huge = SnapshotPlanner.plan(T, 5_000_000, 1e9, -1, 1);
        assertThat(huge).hasSizeLessThanOrEqualTo(SnapshotPlanner.MAX_PARTITIONS);
        assertCoversEverything(huge);
        List<CtidPartition> dense = SnapshotPlanner.plan(T, 3, 1_000_000, -1, 10);
        assertThat(dense).hasSize(3);
        assertCoversEverything(dense);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> SnapshotPlanner.plan(T, 10, 10, -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("public.t");
        assertThatThrownBy(() -> new CtidPartition(0, 5, 5L)).isInstanceOf(IllegalArgumentException.class);
    }
}
