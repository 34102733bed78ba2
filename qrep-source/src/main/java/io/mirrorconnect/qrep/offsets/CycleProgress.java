package io.mirrorconnect.qrep.offsets;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mirrorconnect.qrep.plan.CyclePlan;
import io.mirrorconnect.qrep.plan.Partition;

/**
 * The progress of one cycle (pure): its plan (start, partition bounds, next start, version) and which partitions
 * are finished, so that a restart redoes only the unfinished partitions of the cycle, with the same bounds and
 * version, and a finished cycle resumes at its next start. Stored in a task's source offset by {@link TaskProgress}
 * (fields optionally prefixed, so that one offset can hold two cycles).
 *
 * <p>Kafka Connect offsets hold only primitive values, so the partition bounds are two strings: the starts and
 * the ends, comma-separated, an empty token for "no start" (xmin's first partition). Bounds are Postgres's text of
 * integers, numerics, dates, timestamps and xids, which never contain a comma (checked).
 */
public final class CycleProgress {
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
    public Map<String, Object> toOffset() {
        Map<String, Object> m = new HashMap<>();
        putOffset(m, "");
        return m;
    }

    /** Puts this cycle's offset fields, each name prefixed with {@code prefix}, into {@code m}. */
    public synchronized void putOffset(Map<String, Object> m, String prefix) {
        m.put(prefix + CYCLE, plan.cycle());
        m.put(prefix + START, plan.start());
        List<String> starts = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        StringBuilder d = new StringBuilder();
        for (Partition p : plan.partitions()) {
            starts.add(p.start());
            ends.add(p.end());
            d.append(done.get(p.index()) ? '1' : '0');
        }
        m.put(prefix + STARTS, join(starts));
        m.put(prefix + ENDS, join(ends));
        m.put(prefix + NEXT, plan.next());
        m.put(prefix + VERSION, plan.version());
        m.put(prefix + DONE, d.toString());
    }

    /** A copy of the finished partitions. */
    public synchronized BitSet done() {
        return (BitSet) done.clone();
    }

    public static String join(List<String> values) {
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
    public static List<String> split(String text, int count) {
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
        return fromOffset(offset, "");
    }

    /** Reads the fields {@link #putOffset} wrote with {@code prefix}; null when there are none. */
    public static CycleProgress fromOffset(Map<String, ?> offset, String prefix) {
        if (offset == null || !(offset.get(prefix + DONE) instanceof String doneText)) {
            return null;
        }
        List<String> ends = split((String) offset.get(prefix + ENDS), doneText.length());
        List<String> starts = split((String) offset.get(prefix + STARTS), doneText.length());
        List<Partition> parts = new ArrayList<>();
        BitSet done = new BitSet();
        for (int i = 0; i < ends.size(); i++) {
            parts.add(new Partition(i, starts.get(i), ends.get(i)));
            if (doneText.charAt(i) == '1') {
                done.set(i);
            }
        }
        CyclePlan plan = new CyclePlan(((Number) offset.get(prefix + CYCLE)).longValue(),
                (String) offset.get(prefix + START), parts, (String) offset.get(prefix + NEXT),
                ((Number) offset.get(prefix + VERSION)).longValue());
        return new CycleProgress(plan, done);
    }
}
