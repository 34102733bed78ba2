package io.mirrorconnect.qrep.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.qrep.plan.CyclePlan;
import io.mirrorconnect.qrep.plan.Partition;

class TaskProgressTest {
    static final CyclePlan PLAN = new CyclePlan(1, "-9223372036854775808", List.of(
            new Partition(0, "-9223372036854775808", "100"), new Partition(1, "101", "200"),
            new Partition(2, "201", "300"), new Partition(3, "301", "400")), "401", 77);

    static BitSet bits(int... set) {
        BitSet b = new BitSet();
        for (int i : set) {
            b.set(i);
        }
        return b;
    }

    static Map<String, Object> offset(CyclePlan plan, int tasks, int... done) {
        return new TaskProgress(new CycleProgress(plan, bits(done)), tasks, null).toOffset();
    }

    @Test
    void sourcePartitionNamesMirrorAndTaskSlot() {
        assertThat(TaskProgress.sourcePartition("m", 1)).isEqualTo(Map.of("mirror", "m", "task", "1"));
        // serialized byte for byte the same in every JVM (offsets are looked up by the key's bytes)
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), true);
        assertThat(new String(json.fromConnectData("o", null, TaskProgress.sourcePartition("m", 1)),
                StandardCharsets.UTF_8)).isEqualTo("{\"mirror\":\"m\",\"task\":\"1\"}");
    }

    @Test
    void theInitialPlanAndTheIncrementalCycleShareOneOffset() {
        CyclePlan cycle = new CyclePlan(2, "401", List.of(new Partition(0, "401", "420")), "421", 99);
        TaskProgress p = new TaskProgress(new CycleProgress(PLAN, bits(0)), 2, null);
        p.markRead(2);
        p.startIncremental(CycleProgress.fresh(cycle));
        p.incremental().markDone(0);
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), false);
        byte[] bytes = json.fromConnectData("offsets", null, p.toOffset());
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) json.toConnectData("offsets", bytes).value();
        TaskProgress r = TaskProgress.fromOffset(back);
        assertThat(r.initial().plan()).isEqualTo(PLAN);
        assertThat(r.initial().done()).isEqualTo(bits(0, 2));
        assertThat(r.taskCount()).isEqualTo(2);
        assertThat(r.incremental().plan()).isEqualTo(cycle);
        assertThat(r.incremental().complete()).isTrue();
        assertThat(r.read()).isEqualTo(bits(2));
        assertThat(back).containsEntry("done", "1010").containsEntry("read", "0010").containsEntry("inc.done", "1");
        assertThat(TaskProgress.fromOffset(null)).isNull();
        assertThat(TaskProgress.fromOffset(Map.of("done", "1", "slice", "0/1"))).as("an older format").isNull();
    }

    @Test
    void recoveryUnitesTheFinishedPartitionsOfEverySlotOfTheNewestPlan() {
        CyclePlan older = new CyclePlan(1, null, List.of(new Partition(0, null, "5")), "5", 10);
        Map<Integer, TaskProgress> slots = new HashMap<>();
        slots.put(0, TaskProgress.fromOffset(offset(PLAN, 2, 0)));
        slots.put(1, TaskProgress.fromOffset(offset(PLAN, 2, 1, 3)));
        slots.put(2, TaskProgress.fromOffset(offset(older, 3, 0)));
        PlanRecovery r = PlanRecovery.merge(slots);
        assertThat(r.plan()).isEqualTo(PLAN);
        assertThat(r.done()).isEqualTo(bits(0, 1, 3));
        assertThat(r.slots()).containsOnlyKeys(0, 1);
        assertThat(PlanRecovery.merge(Map.of()).plan()).isNull();
    }

    @Test
    void recoveryReadsTheSlotsOfALargerEarlierTaskCount() {
        Map<Map<String, Object>, Map<String, Object>> store = new HashMap<>();
        // tasks.max was 4 (slots 0..3), now 2: slot 1 still says 4, so slots 2 and 3 are read too
        store.put(TaskProgress.sourcePartition("m", 0), offset(PLAN, 2, 0));
        store.put(TaskProgress.sourcePartition("m", 1), offset(PLAN, 4, 1));
        store.put(TaskProgress.sourcePartition("m", 3), offset(PLAN, 4, 3));
        store.put(TaskProgress.sourcePartition("other", 2), offset(PLAN, 4, 2));
        PlanRecovery r = PlanRecovery.read(reader(store), "m", 2);
        assertThat(r.done()).isEqualTo(bits(0, 1, 3));
        assertThat(r.summary()).isEqualTo("3 of 4 partitions finished");
        assertThat(PlanRecovery.read(reader(new HashMap<>()), "m", 2).plan()).isNull();
    }

    static OffsetStorageReader reader(Map<Map<String, Object>, Map<String, Object>> store) {
        return new OffsetStorageReader() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return store.get((Map<String, Object>) partition);
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(java.util.Collection<Map<String, T>> keys) {
                Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
                keys.forEach(k -> out.put(k, offset(k)));
                return out;
            }
        };
    }
}
