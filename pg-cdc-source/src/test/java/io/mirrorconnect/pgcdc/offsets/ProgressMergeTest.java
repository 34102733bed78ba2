package io.mirrorconnect.pgcdc.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mirrorconnect.pgcdc.offsets.SourceOffsets.SnapshotProgress;

class ProgressMergeTest {
    private static SnapshotProgress p(long epoch, String done, boolean complete) {
        return new SnapshotProgress(epoch, BlockRanges.parse(done), complete);
    }

    @Test
    void slicesOfOneEpochUnite() {
        SnapshotProgress m = ProgressMerge.merge(List.of(p(7, "0-10,30-40", false), p(7, "10-20", false),
                p(7, "50-inf", false)));
        assertThat(m.epoch()).isEqualTo(7);
        assertThat(m.done().serialize()).isEqualTo("0-20,30-40,50-inf");
        assertThat(m.complete()).isFalse();
    }

    @Test
    void slicesCoveringEveryBlockMakeTheTableComplete() {
        SnapshotProgress m = ProgressMerge.merge(List.of(p(7, "0-20", false), p(7, "20-inf", false)));
        assertThat(m.complete()).isTrue();
        assertThat(m.done().coversEverything()).isTrue();
    }

    @Test
    void onlyTheNewestEpochCounts() {
        SnapshotProgress m = ProgressMerge.merge(List.of(p(5, "0-inf", true), p(9, "0-10", false)));
        assertThat(m.epoch()).isEqualTo(9);
        assertThat(m.done().serialize()).isEqualTo("0-10");
        assertThat(m.complete()).isFalse();
    }

    @Test
    void aCompleteEntryWinsAndNothingMergesToNull() {
        assertThat(ProgressMerge.merge(List.of(p(3, "0-10", true), p(3, "5-8", false))).complete()).isTrue();
        assertThat(ProgressMerge.merge(List.of())).isNull();
        assertThat(ProgressMerge.merge(Arrays.asList((SnapshotProgress) null))).isNull();
    }

    @Test
    void aSingleTaskEntryIsUnchanged() {
        SnapshotProgress single = p(4, "0-374,748-inf", false);
        assertThat(ProgressMerge.merge(List.of(single))).isEqualTo(single);
    }
}
