package io.mirrorconnect.pgcdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class PgCdcSourceTaskTest {
    @Test
    void aPollHandsOverAtMostFiveThousandRecordsOrMaxBatchSize() {
        assertThat(PgCdcSourceTask.pollRecords(250_000)).isEqualTo(PgCdcSourceTask.POLL_RECORDS).isEqualTo(5_000);
        assertThat(PgCdcSourceTask.pollRecords(700)).isEqualTo(700);
    }

    @Test
    void theSnapshotQueueHoldsBetweenOneAndFiveThousandRows() {
        assertThat(PgCdcSourceTask.snapshotQueueRows(250_000)).isEqualTo(5_000);
        assertThat(PgCdcSourceTask.snapshotQueueRows(2_500)).isEqualTo(2_500);
        assertThat(PgCdcSourceTask.snapshotQueueRows(700)).isEqualTo(1_000);
    }

    @Test
    void onlyLostConnectionsAreRetried() {
        assertThat(PgCdcSourceTask.connectionLost(new SQLException("gone", "08006"))).isTrue();
        assertThat(PgCdcSourceTask.connectionLost(new SQLException("shutdown", "57P01"))).isTrue();
        assertThat(PgCdcSourceTask.connectionLost(new SQLException("syntax", "42601"))).isFalse();
        assertThat(PgCdcSourceTask.connectionLost(new SQLException("none"))).isFalse();
    }
}
