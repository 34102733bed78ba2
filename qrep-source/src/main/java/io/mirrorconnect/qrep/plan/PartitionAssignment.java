package io.mirrorconnect.qrep.plan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mirrorconnect.qrep.QRepSourceConfig;
import io.mirrorconnect.qrep.offsets.CycleProgress;

/**
 * How the initial copy's partitions are spread over the connector's tasks (pure). The connector plans the initial
 * copy once; task i of N reads the partitions k with {@code k mod N = i} that are not finished yet. The rule
 * depends only on the plan and N, so a connector restart with the same {@code tasks.max} produces the same task
 * configs (Connect then restarts no task), and after a change of {@code tasks.max} the unfinished partitions are
 * spread over the new tasks by the same rule (finished ones are skipped by every task; see
 * {@link io.mirrorconnect.qrep.offsets.PlanRecovery}).
 *
 * <p>Every task config carries the whole plan (its bounds as Postgres text, as in the offsets): each task's offset
 * records the plan, so that the connector can recover it from any task's offset.
 */
public final class PartitionAssignment {
    static final String PLAN = "qrep.plan.";
    static final String PARTITIONS = PLAN + "partitions";
    static final String START = PLAN + "start";
    static final String STARTS = PLAN + "starts";
    static final String ENDS = PLAN + "ends";
    static final String NEXT = PLAN + "next";
    static final String VERSION = PLAN + "version";
    static final String SNAPSHOT = PLAN + "snapshot";

    private PartitionAssignment() {
    }

    /** The task owning partition {@code k} among {@code taskCount} tasks. */
    public static int owner(int partition, int taskCount) {
        return partition % taskCount;
    }

    /** The unfinished partitions of {@code plan} that task {@code taskIndex} of {@code taskCount} reads. */
    public static List<Partition> todo(CyclePlan plan, BitSet done, int taskCount, int taskIndex) {
        List<Partition> out = new ArrayList<>();
        for (Partition p : plan.partitions()) {
            if (!done.get(p.index()) && owner(p.index(), taskCount) == taskIndex) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * One config per task: the connector's properties, the task's index and count and, once the plan exists, the
     * plan. Before it exists ({@code plan == null}) the tasks get no plan and wait idle.
     */
    public static List<Map<String, String>> taskConfigs(Map<String, String> props, CyclePlan plan, int taskCount) {
        return taskConfigs(props, plan, null, taskCount);
    }

    /**
     * As above, with the snapshot the partitions are read in (a ctid copy: exported by the connector, which keeps it
     * open until every partition is read); null when each partition has its own.
     */
    public static List<Map<String, String>> taskConfigs(Map<String, String> props, CyclePlan plan, String snapshot,
                                                        int taskCount) {
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < taskCount; i++) {
            Map<String, String> t = new HashMap<>(props);
            t.put(QRepSourceConfig.TASK_INDEX, Integer.toString(i));
            t.put(QRepSourceConfig.TASK_COUNT, Integer.toString(taskCount));
            if (plan != null) {
                t.put(PARTITIONS, Integer.toString(plan.partitions().size()));
                putIfNotNull(t, START, plan.start());
                t.put(STARTS, CycleProgress.join(plan.partitions().stream().map(Partition::start).toList()));
                t.put(ENDS, CycleProgress.join(plan.partitions().stream().map(Partition::end).toList()));
                putIfNotNull(t, NEXT, plan.next());
                t.put(VERSION, Long.toString(plan.version()));
                putIfNotNull(t, SNAPSHOT, snapshot);
            }
            out.add(t);
        }
        return out;
    }

    private static void putIfNotNull(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** The exported snapshot the initial partitions are read in; null when none. */
    public static String snapshotOf(Map<String, ?> taskProps) {
        Object s = taskProps.get(SNAPSHOT);
        return s == null ? null : s.toString();
    }

    /** The plan in a task config; null while the connector is still planning (the task waits). */
    public static CyclePlan planOf(Map<String, ?> taskProps) {
        Object count = taskProps.get(PARTITIONS);
        if (count == null) {
            return null;
        }
        int n = Integer.parseInt(count.toString());
        List<String> starts = CycleProgress.split(String.valueOf(taskProps.get(STARTS)), n);
        List<String> ends = CycleProgress.split(String.valueOf(taskProps.get(ENDS)), n);
        List<Partition> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(new Partition(i, starts.get(i), ends.get(i)));
        }
        return new CyclePlan(1, (String) taskProps.get(START), parts, (String) taskProps.get(NEXT),
                Long.parseLong(taskProps.get(VERSION).toString()));
    }
}
