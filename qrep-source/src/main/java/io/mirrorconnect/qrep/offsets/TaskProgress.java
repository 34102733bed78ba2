package io.mirrorconnect.qrep.offsets;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The source offset of one task slot (pure). Source partition: {@code {mirror, task: "i"}}. Offset: the initial
 * copy's plan with every partition this slot knows finished (those it read, and those other slots had finished when
 * the task started), the task count it ran under ({@code tasks}, so that the connector knows which slots to read
 * after {@code tasks.max} shrank), and, on task 0 once it has begun the incremental cycles, the current incremental
 * cycle under the field prefix {@code inc.}.
 *
 * <p>Every record carries the offset as it stands when the record is emitted: the last row of a partition carries
 * the offset that lists the partition as finished, and records emitted later carry it too, so the offsets Kafka
 * Connect commits (the latest acknowledged record's) never go backwards.
 */
public final class TaskProgress {
    public static final String MIRROR = "mirror";
    public static final String TASK = "task";
    static final String TASKS = "tasks";
    static final String READ = "read";
    static final String INCREMENTAL = "inc.";

    private final CycleProgress initial;
    private final int taskCount;
    private final BitSet read;
    private volatile CycleProgress incremental;

    public TaskProgress(CycleProgress initial, int taskCount, CycleProgress incremental) {
        this(initial, taskCount, new BitSet(), incremental);
    }

    /**
     * @param read the initial partitions this slot's tasks read themselves (kept across restarts of the slot; the
     *             evidence that each partition was read by one task)
     */
    public TaskProgress(CycleProgress initial, int taskCount, BitSet read, CycleProgress incremental) {
        this.initial = initial;
        this.taskCount = taskCount;
        this.read = (BitSet) read.clone();
        this.incremental = incremental;
    }

    /**
     * The source partition of task slot {@code taskIndex}. Connect finds offsets by the partition's serialized
     * bytes, so its keys must serialize in the same order in every JVM: Map.of's iteration order changes from JVM
     * to JVM (a restarted worker would not find the offsets), while a HashMap of these two keys iterates mirror,
     * task everywhere, the order the worker's REST offsets API re-serializes a stored partition in.
     */
    public static Map<String, Object> sourcePartition(String mirror, int taskIndex) {
        Map<String, Object> p = new HashMap<>();
        p.put(MIRROR, mirror);
        p.put(TASK, Integer.toString(taskIndex));
        return p;
    }

    public CycleProgress initial() {
        return initial;
    }

    /** Task 0's incremental cycle in progress; null before the first. */
    public CycleProgress incremental() {
        return incremental;
    }

    /** A partition of the initial copy this task read is finished. */
    public synchronized void markRead(int partition) {
        initial.markDone(partition);
        read.set(partition);
    }

    public synchronized BitSet read() {
        return (BitSet) read.clone();
    }

    public void startIncremental(CycleProgress cycle) {
        this.incremental = cycle;
    }

    public int taskCount() {
        return taskCount;
    }

    /** The offset as it stands now. */
    public synchronized Map<String, Object> toOffset() {
        Map<String, Object> m = new HashMap<>();
        initial.putOffset(m, "");
        m.put(TASKS, taskCount);
        StringBuilder r = new StringBuilder();
        for (int i = 0; i < initial.plan().partitions().size(); i++) {
            r.append(read.get(i) ? '1' : '0');
        }
        m.put(READ, r.toString());
        CycleProgress inc = incremental;
        if (inc != null) {
            inc.putOffset(m, INCREMENTAL);
        }
        return m;
    }

    /** Reads an offset written by {@link #toOffset}; null for null or an offset of another format. */
    public static TaskProgress fromOffset(Map<String, ?> offset) {
        if (offset == null || !(offset.get(TASKS) instanceof Number tasks)) {
            return null;
        }
        BitSet read = new BitSet();
        if (offset.get(READ) instanceof String r) {
            for (int i = 0; i < r.length(); i++) {
                if (r.charAt(i) == '1') {
                    read.set(i);
                }
            }
        }
        return new TaskProgress(CycleProgress.fromOffset(offset, ""), tasks.intValue(), read,
                CycleProgress.fromOffset(offset, INCREMENTAL));
    }
}
