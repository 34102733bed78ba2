package io.mirrorconnect.qrep.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mirrorconnect.qrep.plan.PartitionPlanner.BucketEnd;

class PartitionPlannerTest {
    @Test
    void bucketCountRoundsUpAndIsZeroWithoutRows() {
        assertThat(PartitionPlanner.bucketCount(0, 100)).isZero();
        assertThat(PartitionPlanner.bucketCount(1, 100)).isEqualTo(1);
        assertThat(PartitionPlanner.bucketCount(100, 100)).isEqualTo(1);
        assertThat(PartitionPlanner.bucketCount(101, 100)).isEqualTo(2);
        assertThat(PartitionPlanner.bucketCount(200_000, 50_000)).isEqualTo(4);
    }

    @Test
    void columnPartitionsChainFromTheCycleStartThroughEachSuccessor() {
        CyclePlan p = PartitionPlanner.columnPlan(3, "-9223372036854775808",
                List.of(new BucketEnd("100", "101"), new BucketEnd("200", "201"), new BucketEnd("250", "251")), 7);
        assertThat(p.partitions()).containsExactly(
                new Partition(0, "-9223372036854775808", "100"),
                new Partition(1, "101", "200"),
                new Partition(2, "201", "250"));
        assertThat(p.next()).isEqualTo("251");
        assertThat(p.cycle()).isEqualTo(3);
        assertThat(p.version()).isEqualTo(7);
        assertThat(p.start()).isEqualTo("-9223372036854775808");
    }

    @Test
    void bucketsEndingOnTheSameValueCollapse() {
        CyclePlan p = PartitionPlanner.columnPlan(1, "2024-01-01 00:00:00",
                List.of(new BucketEnd("2024-01-02 00:00:00", "2024-01-02 00:00:00.000001"),
                        new BucketEnd("2024-01-02 00:00:00", "2024-01-02 00:00:00.000001"),
                        new BucketEnd("2024-01-03 00:00:00", "2024-01-03 00:00:00.000001")), 1);
        assertThat(p.partitions()).containsExactly(
                new Partition(0, "2024-01-01 00:00:00", "2024-01-02 00:00:00"),
                new Partition(1, "2024-01-02 00:00:00.000001", "2024-01-03 00:00:00"));
    }

    @Test
    void noBucketsMeansAnEmptyCycleThatKeepsItsStart() {
        CyclePlan p = PartitionPlanner.columnPlan(2, "11", List.of(), 5);
        assertThat(p.isEmpty()).isTrue();
        assertThat(p.next()).isEqualTo("11");
    }

    @Test
    void xminPartitionsAreExclusiveStartInclusiveEnd() {
        CyclePlan first = PartitionPlanner.xminPlan(1, null, List.of("740", "790", "790", "801"), 9);
        assertThat(first.partitions()).containsExactly(new Partition(0, null, "740"), new Partition(1, "740", "790"),
                new Partition(2, "790", "801"));
        assertThat(first.next()).isEqualTo("801");
        CyclePlan later = PartitionPlanner.xminPlan(2, "801", List.of("801", "900"), 10);
        assertThat(later.partitions()).containsExactly(new Partition(0, "801", "900"));
    }

    @Test
    void versionsGrowStrictlyEvenWhenTheClockDoesNot() {
        assertThat(PartitionPlanner.nextVersion(1_000, 0)).isEqualTo(1_000);
        assertThat(PartitionPlanner.nextVersion(1_000, 1_000)).isEqualTo(1_001);
        assertThat(PartitionPlanner.nextVersion(900, 1_000)).isEqualTo(1_001);
    }
}
