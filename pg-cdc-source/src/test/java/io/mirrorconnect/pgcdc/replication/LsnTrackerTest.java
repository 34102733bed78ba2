package io.mirrorconnect.pgcdc.replication;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.mirrorconnect.pgcdc.Lsn;

class LsnTrackerTest {
    private static Lsn l(long v) {
        return Lsn.valueOf(v);
    }

    @Test
    void advancesOnlyWhenEveryRecordOfEveryEarlierTransactionWasAcknowledged() {
        LsnTracker t = new LsnTracker(l(10));
        t.begin(l(100));
        t.recordSent(l(100));
        t.recordSent(l(100));
        t.commit(l(100));
        t.begin(l(200));
        t.recordSent(l(200));
        t.commit(l(200));
        assertThat(t.flushable()).isEqualTo(l(10));

        t.recordAcked(l(200)); // the later transaction is acknowledged first
        assertThat(t.flushable()).isEqualTo(l(10));
        t.recordAcked(l(100));
        assertThat(t.flushable()).isEqualTo(l(10));
        t.recordAcked(l(100));
        assertThat(t.flushable()).isEqualTo(l(200));
        assertThat(t.pending()).isZero();
    }

    @Test
    void aTransactionWithoutRecordsIsDoneAtCommit() {
        LsnTracker t = new LsnTracker(l(10));
        t.begin(l(50)); // e.g. a heartbeat message
        assertThat(t.flushable()).isEqualTo(l(10));
        t.commit(l(50));
        assertThat(t.flushable()).isEqualTo(l(50));
    }

    @Test
    void neverAdvancesBeforeTheCommitArrived() {
        LsnTracker t = new LsnTracker(l(10));
        t.begin(l(100));
        t.recordSent(l(100));
        t.recordAcked(l(100));
        assertThat(t.flushable()).isEqualTo(l(10));
        t.commit(l(100));
        assertThat(t.flushable()).isEqualTo(l(100));
    }

    @Test
    void neverMovesBackwards() {
        LsnTracker t = new LsnTracker(l(500));
        t.begin(l(100));
        t.commit(l(100));
        assertThat(t.flushable()).isEqualTo(l(500));
    }

    @Test
    void aTransactionResentAfterAReconnectKeepsWaitingForItsFirstRecords() {
        LsnTracker t = new LsnTracker(l(10));
        t.begin(l(100));
        t.recordSent(l(100)); // handed to Connect, then the connection broke before Commit
        t.begin(l(100)); // resent
        t.recordSent(l(100)); // the rest of the transaction
        t.commit(l(100));
        t.recordAcked(l(100));
        assertThat(t.flushable()).isEqualTo(l(10));
        t.recordAcked(l(100));
        assertThat(t.flushable()).isEqualTo(l(100));
    }
}
