package io.mirrorconnect.qrep.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PartitionAssignmentTest {
    static final CyclePlan PLAN = new CyclePlan(1, "-infinity", List.of(
            new Partition(0, "-infinity", "2024-01-01"), new Partition(1, "2024-01-02", "2024-02-01"),
            new Partition(2, "2024-02-02", "2024-03-01"), new Partition(3, "2024-03-02", "2024-04-01"),
            new Partition(4, "2024-04-02", "2024-05-01")), "2024-05-02", 1_700_000_000_000_000L);
    static final CyclePlan XMIN = new CyclePlan(1, null, List.of(new Partition(0, null, "740"),
            new Partition(1, "740", "790")), "790", 5);

    static BitSet bits(int... set) {
        BitSet b = new BitSet();
        for (int i : set) {
            b.set(i);
        }
        return b;
    }

    static List<Integer> todo(BitSet done, int tasks, int task) {
        return PartitionAssignment.todo(PLAN, done, tasks, task).stream().map(Partition::index).toList();
    }

    @Test
    void taskIOfNReadsThePartitionsKModNEqualToI() {
        assertThat(todo(new BitSet(), 2, 0)).containsExactly(0, 2, 4);
        assertThat(todo(new BitSet(), 2, 1)).containsExactly(1, 3);
        assertThat(todo(new BitSet(), 1, 0)).containsExactly(0, 1, 2, 3, 4);
        assertThat(todo(new BitSet(), 8, 6)).as("more tasks than partitions: idle").isEmpty();
    }

    @Test
    void finishedPartitionsAreSkippedAndTheRestIsRedistributedWhenTheTaskCountChanges() {
        BitSet done = bits(0, 1); // finished under 2 tasks
        assertThat(todo(done, 2, 0)).containsExactly(2, 4);
        assertThat(todo(done, 2, 1)).containsExactly(3);
        // tasks.max 3: every unfinished partition goes to exactly one new task
        assertThat(todo(done, 3, 0)).containsExactly(3);
        assertThat(todo(done, 3, 1)).containsExactly(4);
        assertThat(todo(done, 3, 2)).containsExactly(2);
        // tasks.max 1: all that is left
        assertThat(todo(done, 1, 0)).containsExactly(2, 3, 4);
    }

    @Test
    void taskConfigsCarryThePlanAndTheSlot() {
        Map<String, String> props = Map.of("mirror.name", "m", "tasks.max", "3");
        List<Map<String, String>> configs = PartitionAssignment.taskConfigs(props, PLAN, 3);
        assertThat(configs).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Map<String, String> c = configs.get(i);
            assertThat(c).containsEntry("mirror.name", "m").containsEntry("qrep.task.index", Integer.toString(i))
                    .containsEntry("qrep.task.count", "3");
            assertThat(PartitionAssignment.planOf(c)).isEqualTo(PLAN);
        }
        assertThat(configs.get(0)).containsEntry("qrep.plan.ends",
                "2024-01-01,2024-02-01,2024-03-01,2024-04-01,2024-05-01");
        // the same plan and count give the same configs (a connector restart restarts no task)
        assertThat(PartitionAssignment.taskConfigs(props, PLAN, 3)).isEqualTo(configs);
        Map<String, String> x = PartitionAssignment.taskConfigs(props, XMIN, 1).get(0);
        assertThat(PartitionAssignment.planOf(x)).isEqualTo(XMIN);
        CyclePlan empty = new CyclePlan(1, "-infinity", List.of(), null, 0);
        assertThat(PartitionAssignment.planOf(PartitionAssignment.taskConfigs(props, empty, 1).get(0)))
                .isEqualTo(empty);
    }

    @Test
    void aCtidCopyCarriesItsSnapshotAndBlockRanges() {
        CyclePlan ctid = PartitionPlanner.ctidPlan(List.of(new io.mirrorconnect.pgcdc.snapshot.plan.CtidPartition(0,
                0, 40L), new io.mirrorconnect.pgcdc.snapshot.plan.CtidPartition(1, 40, null)), 9);
        assertThat(ctid.partitions()).containsExactly(new Partition(0, "0", "40"),
                new Partition(1, "40", "4294967295"));
        Map<String, String> c = PartitionAssignment.taskConfigs(Map.of(), ctid, "00000003-00000002-1", 2).get(1);
        assertThat(PartitionAssignment.planOf(c)).isEqualTo(ctid);
        assertThat(PartitionAssignment.snapshotOf(c)).isEqualTo("00000003-00000002-1");
        assertThat(PartitionAssignment.snapshotOf(PartitionAssignment.taskConfigs(Map.of(), ctid, 1).get(0))).isNull();
    }

    @Test
    void withoutAPlanTasksGetAWaitingConfig() {
        List<Map<String, String>> configs = PartitionAssignment.taskConfigs(Map.of("mirror.name", "m"), null, 2);
        assertThat(configs).hasSize(2);
        assertThat(configs).allSatisfy(c -> assertThat(PartitionAssignment.planOf(c)).isNull());
        assertThat(configs.get(1)).containsEntry("qrep.task.index", "1");
    }
}
