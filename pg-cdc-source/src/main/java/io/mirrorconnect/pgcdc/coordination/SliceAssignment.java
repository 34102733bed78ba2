package io.mirrorconnect.pgcdc.coordination;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.offsets.BlockRanges.Range;

/**
 * Assigns the block ranges of a spread snapshot to at most {@code n} slices (one task each), balancing estimated
 * rows. Pure and deterministic (the same plan gives the same task configs, so Connect sees no change).
 *
 * <p>Greedy longest-processing-time: ranges by estimated rows, largest first, each to the slice with the fewest
 * rows so far (lowest index on ties). Its makespan is within 4/3 of the optimum; ranges are sized alike by the
 * planner, so in practice slices differ by at most one range. Slices that get nothing are left out.
 */
public final class SliceAssignment {
    /** The ranges of one slice, per table (tables in plan order), each table's ranges in block order. */
    public record Slice(Map<TableId, List<Range>> ranges, long estimatedRows) {
        public Slice {
            Map<TableId, List<Range>> copy = new LinkedHashMap<>();
            ranges.forEach((t, rs) -> copy.put(t, List.copyOf(rs)));
            ranges = java.util.Collections.unmodifiableMap(copy);
        }

        public int rangeCount() {
            return ranges.values().stream().mapToInt(List::size).sum();
        }
    }

    private SliceAssignment() {
    }

    public static List<Slice> assign(List<PlannedRange> plan, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("at least one slice is needed, got " + n);
        }
        List<TableId> tableOrder = plan.stream().map(PlannedRange::table).distinct().toList();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingLong(i -> plan.get(i).estimatedRows()).reversed()
                .thenComparing(i -> i));
        long[] load = new long[n];
        List<List<PlannedRange>> slices = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            slices.add(new ArrayList<>());
        }
        for (int i : order) {
            int best = 0;
            for (int k = 1; k < n; k++) {
                if (load[k] < load[best] || (load[k] == load[best] && slices.get(k).size() < slices.get(best).size())) {
                    best = k;
                }
            }
            PlannedRange r = plan.get(i);
            slices.get(best).add(r);
            load[best] += Math.max(1, r.estimatedRows());
        }
        List<Slice> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            List<PlannedRange> mine = slices.get(k);
            if (mine.isEmpty()) {
                continue;
            }
            Map<TableId, List<Range>> byTable = new LinkedHashMap<>();
            for (TableId t : tableOrder) {
                List<Range> rs = mine.stream().filter(r -> r.table().equals(t)).map(PlannedRange::range)
                        .sorted(Comparator.comparingLong(Range::from)).toList();
                if (!rs.isEmpty()) {
                    byTable.put(t, rs);
                }
            }
            out.add(new Slice(byTable, mine.stream().mapToLong(PlannedRange::estimatedRows).sum()));
        }
        return out;
    }

    /**
     * Estimated rows of {@code [from, to)} in a table of {@code blocks} heap blocks holding {@code rows} rows
     * (spread evenly); an open-ended range counts up to {@code blocks}. At least 1: every planned range holds a row.
     */
    public static long estimateRows(Range r, long blocks, double rows) {
        if (blocks <= 0 || rows <= 0) {
            return 1;
        }
        long end = r.unbounded() ? Math.max(blocks, r.from() + 1) : Math.min(r.to(), Math.max(blocks, r.from() + 1));
        double perBlock = rows / blocks;
        return Math.max(1, Math.round((end - r.from()) * perBlock));
    }
}
