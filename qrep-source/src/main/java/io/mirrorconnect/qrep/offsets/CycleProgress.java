package io.mirrorconnect.qrep.offsets;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mirrorconnect.qrep.plan.CyclePlan;
import io.mirrorconnect.qrep.plan.Partition;

/**
 * A task's progress in Kafka Connect source offsets (pure). Source partition: {@code {mirror, slice: "i/N"}}, one
 * per task. Offset: the current cycle's plan (start, partition ends, next start, version) and which partitions are
 * finished, so that a restart redoes only the unfinished partitions of the cycle it was in, with the same bounds
 * and version, and a finished cycle resumes at its next start.
 *
 * <p>Kafka Connect offsets hold only primitive values, so the partition bounds are two strings: the starts and
 * the ends, comma-separated, an empty token for "no start" (xmin's first partition). Bounds are Postgres's text of
 * integers, numerics, dates, timestamps and xids, which never contain a comma (checked).
 *
 * <p>Every record carries the offset as it stands when the record is emitted: the last row of a partition
 * carries the offset that lists the partition as finished, and records emitted later carry it too, so the offsets
 * Kafka Connect commits (the latest acknowledged record's) never go backwards.
 */
public final class CycleProgress {
    public static final String MIRROR = "mirror";
    public static final String SLICE = "slice";
    static final String CYCLE = "cycle";
    static final String START = "start";
    static final String STARTS = "starts";
    static final String ENDS = "ends";
    static final String NEXT = "next";
    static final String VERSION = "version";
    static final String DONE = "done";

    private final CyclePlan plan;
    private final BitSet done;

    public CycleProgress(CyclePlan plan, BitSet done) {
        this.plan = plan;
        this.done = (BitSet) done.clone();
    }

    public static CycleProgress fresh(CyclePlan plan) {
        return new CycleProgress(plan, new BitSet());
    }

    /**
     * The task's source partition. Connect finds offsets by the partition's serialized bytes, so its keys must
     * serialize in the same order in every JVM: Map.of's iteration order changes from JVM to JVM (a restarted
     * worker would not find the offsets), while a HashMap of these two keys iterates mirror, slice everywhere, the
     * order the worker's REST offsets API re-serializes a stored partition in.
     */
    public static Map<String, Object> sourcePartition(String mirror, int taskIndex, int taskCount) {
        Map<String, Object> p = new HashMap<>();
        p.put(MIRROR, mirror);
        p.put(SLICE, taskIndex + "/" + taskCount);
        return p;
    }

    public CyclePlan plan() {
        return plan;
    }

    public synchronized void markDone(int partition) {
        done.set(partition);
    }

    public synchronized boolean isDone(int partition) {
        return done.get(partition);
    }

    public synchronized boolean complete() {
        return done.cardinality() == plan.partitions().size();
    }

    public synchronized List<Partition> unfinished() {
        List<Partition> out = new ArrayList<>();
        for (Partition p : plan.partitions()) {
            if (!done.get(p.index())) {
                out.add(p);
            }
        }
        return out;
    }

    /** The offset as it stands now. */
    public synchronized Map<String, Object> toOffset() {
        Map<String, Object> m = new HashMap<>();
        m.put(CYCLE, plan.cycle());
        m.put(START, plan.start());
        List<String> starts = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        StringBuilder d = new StringBuilder();
        for (Partition p : plan.partitions()) {
            starts.add(p.start());
            ends.add(p.end());
            d.append(done.get(p.index()) ? '1' : '0');
        }
        m.put(STARTS, join(starts));
        m.put(ENDS, join(ends));
        m.put(NEXT, plan.next());
        m.put(VERSION, plan.version());
        m.put(DONE, d.toString());
        return m;
    }

    static String join(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v != null && (v.isEmpty() || v.indexOf(',') >= 0)) {
                throw new IllegalArgumentException("a watermark bound cannot be stored in the offset: '" + v + "'");
            }
            if (i > 0) {
                sb.append(',');
            }
            sb.append(v == null ? "" : v);
        }
        return sb.toString();
    }

    /** The tokens of {@link #join}: {@code count} values (one empty token is one null). */
    static List<String> split(String text, int count) {
        List<String> out = new ArrayList<>();
        if (count == 0) {
            return out;
        }
        for (String t : text.split(",", -1)) {
            out.add(t.isEmpty() ? null : t);
        }
        return out;
    }

    /** Reads an offset written by {@link #toOffset}; null for null. */
    public static CycleProgress fromOffset(Map<String, ?> offset) {
        if (offset == null) {
            return null;
        }
        String doneText = (String) offset.get(DONE);
        List<String> ends = split((String) offset.get(ENDS), doneText.length());
        List<String> starts = split((String) offset.get(STARTS), doneText.length());
        List<Partition> parts = new ArrayList<>();
        BitSet done = new BitSet();
        for (int i = 0; i < ends.size(); i++) {
            parts.add(new Partition(i, starts.get(i), ends.get(i)));
            if (doneText.charAt(i) == '1') {
                done.set(i);
            }
        }
        CyclePlan plan = new CyclePlan(((Number) offset.get(CYCLE)).longValue(), (String) offset.get(START), parts,
                (String) offset.get(NEXT), ((Number) offset.get(VERSION)).longValue());
        return new CycleProgress(plan, done);
    }
}
