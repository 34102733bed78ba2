package io.mirrorconnect.pgcdc.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.offsets.BlockRanges;
import io.mirrorconnect.pgcdc.offsets.BlockRanges.Range;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets.SnapshotProgress;

class TaskRoleTest {
    private static final Map<String, String> PROPS = Map.of("mirror.name", "m", "tasks.max", "2");

    @Test
    void aConnectorConfigWithoutRoleIsTheSingleStreamingTask() {
        assertThat(TaskRole.kind(PROPS)).isEqualTo(TaskRole.Kind.STREAM);
        assertThat(TaskRole.completeEpoch(PROPS)).isNull();
    }

    @Test
    void sliceWorkRoundTripsWithoutMergingAdjacentRanges() {
        Map<TableId, List<Range>> ranges = new LinkedHashMap<>();
        TableId odd = TableId.of("Sales", "a,b=c");
        ranges.put(odd, List.of(new Range(0, 10), new Range(10, 20), new Range(40, BlockRanges.UNBOUNDED)));
        ranges.put(TableId.of("public", "t"), List.of(new Range(5, 6)));
        Map<String, String> cfg = TaskRole.snapshot(PROPS, "00000003-00000002-1", 123L, 1, ranges);
        assertThat(cfg).containsEntry("mirror.name", "m");
        assertThat(TaskRole.kind(cfg)).isEqualTo(TaskRole.Kind.SNAPSHOT);
        TaskRole.SliceWork w = TaskRole.sliceWork(cfg);
        assertThat(w.snapshotName()).isEqualTo("00000003-00000002-1");
        assertThat(w.epoch()).isEqualTo(123L);
        assertThat(w.slice()).isEqualTo(1);
        assertThat(w.ranges()).isEqualTo(ranges);
    }

    @Test
    void streamAndWaitConfigsDropEarlierInternalKeys() {
        Map<String, String> slice = TaskRole.snapshot(PROPS, "1-2-3", 9L, 0, Map.of(TableId.of("public", "t"),
                List.of(new Range(0, 1))));
        Map<String, String> stream = TaskRole.stream(slice, 9L);
        assertThat(TaskRole.kind(stream)).isEqualTo(TaskRole.Kind.STREAM);
        assertThat(TaskRole.completeEpoch(stream)).isEqualTo(9L);
        assertThat(stream.keySet()).noneMatch(k -> k.startsWith("pgcdc.snapshot.ranges"));
        assertThat(TaskRole.kind(TaskRole.waiting(PROPS))).isEqualTo(TaskRole.Kind.WAIT);
        assertThat(TaskRole.stream(PROPS, null)).doesNotContainKey(TaskRole.COMPLETE_EPOCH);
    }

    @Test
    void watchCountsRangesCoveredByTheMergedProgressOfTheEpoch() {
        TableId t = TableId.of("public", "t");
        List<PlannedRange> ranges = List.of(new PlannedRange(t, new Range(0, 10), 1),
                new PlannedRange(t, new Range(10, 20), 1), new PlannedRange(t, new Range(20, BlockRanges.UNBOUNDED), 1));
        SnapshotProgress p = new SnapshotProgress(4, BlockRanges.parse("0-15"), false);
        assertThat(SnapshotWatch.delivered(4, ranges, Map.of(t, p))).isEqualTo(1);
        assertThat(SnapshotWatch.delivered(5, ranges, Map.of(t, p))).as("another epoch counts nothing").isZero();
        assertThat(SnapshotWatch.delivered(4, ranges, Map.of(t, new SnapshotProgress(4, BlockRanges.parse("0-20,30-inf"),
                false)))).isEqualTo(2);
        assertThat(SnapshotWatch.delivered(4, ranges, Map.of())).isZero();
    }

    @Test
    void slicePartitionsDifferFromTheTablePartitionAndFromEachOther() {
        TableId t = TableId.of("public", "t");
        assertThat(SourceOffsets.snapshotSlicePartition("m", t, 0)).isNotEqualTo(SourceOffsets.snapshotPartition("m", t))
                .isNotEqualTo(SourceOffsets.snapshotSlicePartition("m", t, 1));
        // the order the worker's JsonConverter reads a partition back in (SourceOffsetsTest)
        assertThat(SourceOffsets.snapshotSlicePartition("m", t, 3).keySet()).containsExactly("mirror", "slice", "table");
    }
}
