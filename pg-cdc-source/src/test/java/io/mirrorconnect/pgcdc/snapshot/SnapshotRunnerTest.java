package io.mirrorconnect.pgcdc.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnapshotRunnerTest {
    @Test
    void chunksAreAtMostAQuarterOfTheQueueAndAtMostTheChunkLimit() {
        assertThat(SnapshotRunner.chunkRows(20_000)).isEqualTo(SnapshotRunner.CHUNK_ROWS);
        assertThat(SnapshotRunner.chunkRows(1000)).isEqualTo(250);
        assertThat(SnapshotRunner.chunkRows(3)).isEqualTo(1);
    }
}
