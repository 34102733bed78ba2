package io.mirrorconnect.pgcdc.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.offsets.BlockRanges;
import io.mirrorconnect.pgcdc.offsets.BlockRanges.Range;

class SliceAssignmentTest {
    private static final TableId A = TableId.of("public", "a");
    private static final TableId B = TableId.of("public", "b");

    private static PlannedRange r(TableId t, long from, long to, long rows) {
        return new PlannedRange(t, new Range(from, to), rows);
    }

    @Test
    void everyRangeGoesToExactlyOneSliceAndLoadsBalance() {
        List<PlannedRange> plan = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            plan.add(r(A, i * 100L, i == 9 ? BlockRanges.UNBOUNDED : (i + 1) * 100L, 1000));
        }
        for (int i = 0; i < 5; i++) {
            plan.add(r(B, i * 10L, (i + 1) * 10L, 300));
        }
        List<SliceAssignment.Slice> slices = SliceAssignment.assign(plan, 3);
        assertThat(slices).hasSize(3);
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (SliceAssignment.Slice s : slices) {
            for (var e : s.ranges().entrySet()) {
                for (Range range : e.getValue()) {
                    assertThat(seen.add(e.getKey() + ":" + range)).as("assigned once: " + range).isTrue();
                    total++;
                }
            }
        }
        assertThat(total).isEqualTo(plan.size());
        long max = slices.stream().mapToLong(SliceAssignment.Slice::estimatedRows).max().getAsLong();
        long min = slices.stream().mapToLong(SliceAssignment.Slice::estimatedRows).min().getAsLong();
        assertThat(max - min).as("slices differ by at most one range").isLessThanOrEqualTo(1000);
        assertThat(slices.stream().mapToLong(SliceAssignment.Slice::estimatedRows).sum()).isEqualTo(11_500);
    }

    @Test
    void rangesOfATableStayInBlockOrderAndTablesInPlanOrder() {
        List<PlannedRange> plan = List.of(r(A, 0, 10, 5), r(A, 10, 20, 50), r(A, 20, 30, 5), r(B, 0, 5, 40),
                r(A, 30, BlockRanges.UNBOUNDED, 5));
        List<SliceAssignment.Slice> slices = SliceAssignment.assign(plan, 2);
        for (SliceAssignment.Slice s : slices) {
            for (List<Range> rs : s.ranges().values()) {
                assertThat(rs).isSortedAccordingTo((x, y) -> Long.compare(x.from(), y.from()));
            }
            List<TableId> tables = new ArrayList<>(s.ranges().keySet());
            if (tables.size() == 2) {
                assertThat(tables).containsExactly(A, B);
            }
        }
        // the 50-row range alone in one slice, everything else (55 rows) in the other
        assertThat(slices).extracting(SliceAssignment.Slice::estimatedRows).containsExactlyInAnyOrder(50L, 55L);
    }

    @Test
    void moreTasksThanRangesLeavesNoEmptySlice() {
        List<SliceAssignment.Slice> slices = SliceAssignment.assign(List.of(r(A, 0, 10, 3), r(B, 0, 1, 1)), 5);
        assertThat(slices).hasSize(2).allSatisfy(s -> assertThat(s.rangeCount()).isEqualTo(1));
        assertThat(SliceAssignment.assign(List.of(), 3)).isEmpty();
    }

    @Test
    void theSamePlanGivesTheSameAssignment() {
        List<PlannedRange> plan = List.of(r(A, 0, 10, 7), r(A, 10, 20, 7), r(B, 0, 5, 7), r(B, 5, 9, 7));
        assertThat(SliceAssignment.assign(plan, 2)).isEqualTo(SliceAssignment.assign(plan, 2));
        assertThatThrownBy(() -> SliceAssignment.assign(plan, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowEstimatesFollowTheHeapAndNeverDropToZero() {
        assertThat(SliceAssignment.estimateRows(new Range(0, 50), 100, 1000)).isEqualTo(500);
        assertThat(SliceAssignment.estimateRows(new Range(50, BlockRanges.UNBOUNDED), 100, 1000)).isEqualTo(500);
        // beyond the estimated heap (the table grew): still one row at least
        assertThat(SliceAssignment.estimateRows(new Range(200, BlockRanges.UNBOUNDED), 100, 1000)).isEqualTo(10);
        assertThat(SliceAssignment.estimateRows(new Range(0, 10), 0, -1)).isEqualTo(1);
    }
}
