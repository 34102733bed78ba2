package io.mirrorconnect.pgcdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class PgCdcSourceTaskTest {
    @Test
    void aStreamingPollReadsAtMostTenThousandChangesOrMaxBatchSize() {
        assertThat(PgCdcSourceTask.streamPollRecords(250_000)).isEqualTo(PgCdcSourceTask.STREAM_POLL_RECORDS)
                .isEqualTo(10_000);
        assertThat(PgCdcSourceTask.streamPollRecords(700)).isEqualTo(700);
    }

    @Test
    void onlyLostConnectionsAreRetried() {
        assertThat(PgCdcSourceTask.connectionLost(new SQLException("gone", "08006"))).isTrue();
        assertThat(PgCdcSourceTask.connectionLost(new SQLException("shutdown", "57P01"))).isTrue();
        assertThat(PgCdcSourceTask.connectionLost(new SQLException("syntax", "42601"))).isFalse();
        assertThat(PgCdcSourceTask.connectionLost(new SQLException("none"))).isFalse();
    }
}
