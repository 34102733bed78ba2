package io.mirrorconnect.pgcdc.offsets;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of heap block ranges of one table, kept as merged, sorted half-open intervals {@code [from, to)}; {@code to}
 * may be {@link #UNBOUNDED}. Used for snapshot progress: the ranges whose rows were all delivered. Serialized as
 * text ({@code "0-128,256-inf"}) because Connect offsets hold only primitive values.
 */
public final class BlockRanges {
    public static final long UNBOUNDED = Long.MAX_VALUE;

    /** One half-open block range {@code [from, to)}. */
    public record Range(long from, long to) {
        public Range {
            if (from < 0 || to <= from) {
                throw new IllegalArgumentException("bad block range [" + from + ", " + to + ")");
            }
        }

        public boolean unbounded() {
            return to == UNBOUNDED;
        }

        @Override
        public String toString() {
            return from + "-" + (unbounded() ? "inf" : Long.toString(to));
        }
    }

    private final List<Range> ranges;

    private BlockRanges(List<Range> merged) {
        this.ranges = List.copyOf(merged);
    }

    public static BlockRanges empty() {
        return new BlockRanges(List.of());
    }

    public static BlockRanges of(List<Range> ranges) {
        return new BlockRanges(merge(ranges));
    }

    public List<Range> ranges() {
        return ranges;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public BlockRanges with(Range r) {
        List<Range> all = new ArrayList<>(ranges);
        all.add(r);
        return new BlockRanges(merge(all));
    }

    /** True when every block from 0 on is covered. */
    public boolean coversEverything() {
        return ranges.size() == 1 && ranges.get(0).from() == 0 && ranges.get(0).unbounded();
    }

    /** The parts of {@code r} not covered by this set, in block order. */
    public List<Range> missingFrom(Range r) {
        List<Range> out = new ArrayList<>();
        long cursor = r.from();
        for (Range d : ranges) {
            if (d.to() <= cursor) {
                continue;
            }
            if (d.from() >= r.to()) {
                break;
            }
            if (d.from() > cursor) {
                out.add(new Range(cursor, Math.min(d.from(), r.to())));
            }
            cursor = Math.max(cursor, d.to());
            if (cursor >= r.to()) {
                break;
            }
        }
        if (cursor < r.to()) {
            out.add(new Range(cursor, r.to()));
        }
        return out;
    }

    public String serialize() {
        StringBuilder sb = new StringBuilder();
        for (Range r : ranges) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(r);
        }
        return sb.toString();
    }

    /**
     * Parses {@link #serialize()}'s output.
     *
     * @throws IllegalArgumentException naming the text when it is malformed
     */
    public static BlockRanges parse(String text) {
        List<Range> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return empty();
        }
        for (String part : text.split(",")) {
            int dash = part.indexOf('-');
            try {
                long from = Long.parseLong(part.substring(0, dash).trim());
                String toText = part.substring(dash + 1).trim();
                long to = "inf".equals(toText) ? UNBOUNDED : Long.parseLong(toText);
                out.add(new Range(from, to));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("snapshot progress '" + text + "' is malformed at '" + part + "'", e);
            }
        }
        return of(out);
    }

    private static List<Range> merge(List<Range> in) {
        List<Range> sorted = new ArrayList<>(in);
        sorted.sort((a, b) -> Long.compare(a.from(), b.from()));
        List<Range> out = new ArrayList<>();
        for (Range r : sorted) {
            if (!out.isEmpty() && out.get(out.size() - 1).to() >= r.from()) {
                Range last = out.remove(out.size() - 1);
                out.add(new Range(last.from(), Math.max(last.to(), r.to())));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockRanges b && b.ranges.equals(ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }

    @Override
    public String toString() {
        return serialize();
    }
}
