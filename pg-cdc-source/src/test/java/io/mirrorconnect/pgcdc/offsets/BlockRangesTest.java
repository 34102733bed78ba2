package io.mirrorconnect.pgcdc.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mirrorconnect.pgcdc.offsets.BlockRanges.Range;

class BlockRangesTest {
    private static final long INF = BlockRanges.UNBOUNDED;

    @Test
    void mergesAdjacentAndOverlappingRanges() {
        BlockRanges r = BlockRanges.empty().with(new Range(10, 20)).with(new Range(0, 10)).with(new Range(30, 40))
                .with(new Range(15, 25));
        assertThat(r.ranges()).containsExactly(new Range(0, 25), new Range(30, 40));
        assertThat(r.coversEverything()).isFalse();
        assertThat(r.with(new Range(25, 30)).with(new Range(40, INF)).coversEverything()).isTrue();
    }

    @Test
    void serializesAndParsesBack() {
        BlockRanges r = BlockRanges.of(List.of(new Range(0, 128), new Range(256, INF)));
        assertThat(r.serialize()).isEqualTo("0-128,256-inf");
        assertThat(BlockRanges.parse(r.serialize())).isEqualTo(r);
        assertThat(BlockRanges.parse("")).isEqualTo(BlockRanges.empty());
        assertThatThrownBy(() -> BlockRanges.parse("0-x")).hasMessageContaining("'0-x'");
    }

    @Test
    void missingFromSubtractsDoneRanges() {
        BlockRanges done = BlockRanges.of(List.of(new Range(10, 20), new Range(30, 40)));
        assertThat(done.missingFrom(new Range(0, 50)))
                .containsExactly(new Range(0, 10), new Range(20, 30), new Range(40, 50));
        assertThat(done.missingFrom(new Range(12, 18))).isEmpty();
        assertThat(done.missingFrom(new Range(35, INF))).containsExactly(new Range(40, INF));
        assertThat(BlockRanges.empty().missingFrom(new Range(0, INF))).containsExactly(new Range(0, INF));
    }

    @Test
    void rejectsEmptyRanges() {
        assertThatThrownBy(() -> new Range(5, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
