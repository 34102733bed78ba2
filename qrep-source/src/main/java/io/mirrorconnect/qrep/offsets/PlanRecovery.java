package io.mirrorconnect.qrep.offsets;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.storage.OffsetStorageReader;

import io.mirrorconnect.qrep.plan.CyclePlan;

/**
 * What the task slots' offsets say about the initial copy: its plan and the union of the partitions any slot
 * recorded as finished. Used by the connector (to give the tasks the same plan after a restart) and by each task
 * at start (to skip partitions another slot finished, e.g. under a previous {@code tasks.max}).
 *
 * <p>Slots read: 0..N-1 for the current task count N, and further up to the largest task count any of them
 * recorded (slots of a larger, earlier {@code tasks.max} keep their offsets). Offsets of another plan version than
 * the newest found are ignored.
 *
 * @param plan     the initial plan, null when no slot has an offset (nothing was ever recorded)
 * @param done     the partitions of {@code plan} some slot recorded as finished
 * @param slots    the offsets read, by slot (for task 0's incremental cycle)
 */
public record PlanRecovery(CyclePlan plan, BitSet done, Map<Integer, TaskProgress> slots) {

    /** Pure: merges the slots' offsets. */
    public static PlanRecovery merge(Map<Integer, TaskProgress> slots) {
        CyclePlan plan = null;
        for (TaskProgress p : slots.values()) {
            if (plan == null || p.initial().plan().version() > plan.version()) {
                plan = p.initial().plan();
            }
        }
        BitSet done = new BitSet();
        Map<Integer, TaskProgress> same = new HashMap<>();
        if (plan != null) {
            for (Map.Entry<Integer, TaskProgress> e : slots.entrySet()) {
                if (e.getValue().initial().plan().equals(plan)) {
                    done.or(e.getValue().initial().done());
                    same.put(e.getKey(), e.getValue());
                }
            }
        }
        return new PlanRecovery(plan, done, same);
    }

    /** Reads the slots' offsets (see the class comment) and merges them. */
    public static PlanRecovery read(OffsetStorageReader reader, String mirror, int taskCount) {
        Map<Integer, TaskProgress> slots = new HashMap<>();
        int from = 0;
        int to = taskCount;
        while (from < to) {
            List<Map<String, Object>> keys = new ArrayList<>();
            for (int i = from; i < to; i++) {
                keys.add(TaskProgress.sourcePartition(mirror, i));
            }
            Map<Map<String, Object>, Map<String, Object>> found = reader.offsets(keys);
            int largest = to;
            for (int i = from; i < to; i++) {
                TaskProgress p = TaskProgress.fromOffset(found.get(keys.get(i - from)));
                if (p != null) {
                    slots.put(i, p);
                    largest = Math.max(largest, p.taskCount());
                }
            }
            from = to;
            to = largest;
        }
        return merge(slots);
    }

    /** For logs: which partitions are finished, e.g. "3 of 8". */
    public String summary() {
        return plan == null ? "no plan recorded" : done.cardinality() + " of " + plan.partitions().size()
                + " partitions finished";
    }

}
