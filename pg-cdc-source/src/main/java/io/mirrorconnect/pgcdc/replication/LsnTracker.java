package io.mirrorconnect.pgcdc.replication;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import io.mirrorconnect.pgcdc.Lsn;

/**
 * Decides which LSN may be confirmed to the replication slot (pure, thread-safe). Transactions are registered in
 * commit order as they stream; each record handed to Connect counts against its transaction until Kafka
 * acknowledges it. The flushable LSN is the commit LSN of the newest transaction that has committed and all of
 * whose records - and those of every earlier transaction - were acknowledged. Never more.
 */
public final class LsnTracker {
    private static final class Txn {
        final Lsn commitLsn;
        int outstanding;
        boolean committed;

        Txn(Lsn commitLsn) {
            this.commitLsn = commitLsn;
        }
    }

    private final Deque<Txn> open = new ArrayDeque<>();
    private final Map<Long, Txn> byCommitLsn = new HashMap<>();
    private Lsn flushable;

    public LsnTracker(Lsn initial) {
        this.flushable = initial;
    }

    /** A transaction began; {@code commitLsn} is Begin's final LSN. Idempotent for a transaction still open. */
    public synchronized void begin(Lsn commitLsn) {
        if (byCommitLsn.containsKey(commitLsn.asLong())) {
            return; // resent after a reconnect: still the same transaction, still waiting for the same records
        }
        Txn t = new Txn(commitLsn);
        open.addLast(t);
        byCommitLsn.put(commitLsn.asLong(), t);
    }

    /** One record of the transaction was handed to Connect. */
    public synchronized void recordSent(Lsn commitLsn) {
        Txn t = byCommitLsn.get(commitLsn.asLong());
        if (t == null) {
            throw new IllegalStateException("record of unknown transaction " + commitLsn);
        }
        t.outstanding++;
    }

    /** Kafka acknowledged one record of the transaction. */
    public synchronized void recordAcked(Lsn commitLsn) {
        Txn t = byCommitLsn.get(commitLsn.asLong());
        if (t == null) {
            return; // already retired (cannot happen for a correct caller)
        }
        t.outstanding--;
        drain();
    }

    /** The transaction's Commit message arrived: no more records will come for it. */
    public synchronized void commit(Lsn commitLsn) {
        Txn t = byCommitLsn.get(commitLsn.asLong());
        if (t != null) {
            t.committed = true;
            drain();
        }
    }

    /** The LSN that may be reported as flushed. */
    public synchronized Lsn flushable() {
        return flushable;
    }

    /** Transactions still waiting for acknowledgements (or their Commit). */
    public synchronized int pending() {
        return open.size();
    }

    private void drain() {
        while (!open.isEmpty() && open.peekFirst().committed && open.peekFirst().outstanding <= 0) {
            Txn t = open.removeFirst();
            byCommitLsn.remove(t.commitLsn.asLong());
            if (t.commitLsn.compareTo(flushable) > 0) {
                flushable = t.commitLsn;
            }
        }
    }
}
