package io.mirrorconnect.sink;

/**
 * When a table's buffer is flushed: once it holds {@code maxRows} records or an estimated {@code maxBytes}; once
 * its oldest record has waited {@code intervalMs}; or, when {@code idleMs} is above 0, once the consumer has caught
 * up (no record at all for {@link #CAUGHT_UP_QUIET_MS}, or {@code idleMs} if that is less: waiting longer would only
 * delay the rows), provided the table's previous flush of a buffer that was not full began at least {@code idleMs}
 * ago (so a trickle of records makes at most one such write per table per {@code idleMs}, while the rest of a
 * backlog is written as soon as it has been read, however recently a full batch was cut).
 */
public record FlushPolicy(int maxRows, long maxBytes, long intervalMs, long idleMs) {

    /**
     * How long without any record means the consumer has caught up. While a backlog is read Connect hands records
     * over every few milliseconds: a poll waits at most one fetch's round trip to the broker. A longer gap (a slow
     * fetch, a rebalance) read as caught up costs one write of a partial batch, and {@code idleMs} allows at most
     * one of those per table per {@code idleMs}. Waiting longer only delays the rest of a backlog and the rows of a
     * burst (it was 200 ms until stop 21; docs/performance.md).
     */
    public static final long CAUGHT_UP_QUIET_MS = 50;

    public FlushPolicy {
        if (maxRows < 1 || maxBytes < 1 || intervalMs < 0 || idleMs < 0) {
            throw new IllegalArgumentException("invalid flush policy: rows " + maxRows + ", bytes " + maxBytes
                    + ", interval " + intervalMs + " ms, idle " + idleMs + " ms");
        }
    }

    /** True when the buffer is full (by rows or bytes): flush it before taking more records. */
    public boolean full(TableBuffer buffer) {
        return buffer.size() >= maxRows || buffer.estimatedBytes() >= maxBytes;
    }

    /**
     * True when the buffer must be flushed now: it is full, its oldest record has waited long enough, or the
     * consumer has caught up (nothing since {@code lastArrivalMs}) and the table's last partial flush is
     * {@code idleMs} old.
     */
    public boolean due(TableBuffer buffer, long nowMs, long lastArrivalMs) {
        if (buffer.isEmpty()) {
            return false;
        }
        return full(buffer) || nowMs - buffer.firstRecordAtMs() >= intervalMs
                || (idleMs > 0 && nowMs >= idleDeadline(buffer, lastArrivalMs));
    }

    /** When the idle flush is due if no record arrives: caught up, and {@code idleMs} after the last partial flush. */
    private long idleDeadline(TableBuffer buffer, long lastArrivalMs) {
        long caughtUp = lastArrivalMs + Math.min(idleMs, CAUGHT_UP_QUIET_MS);
        long lastFlush = buffer.lastPartialFlushAtMs();
        return lastFlush == TableBuffer.NEVER ? caughtUp : Math.max(caughtUp, lastFlush + idleMs);
    }

    /**
     * How long from {@code nowMs} until a buffer that is not due now becomes due if no record arrives (at least
     * 1 ms), or -1 for an empty buffer.
     */
    public long untilDue(TableBuffer buffer, long nowMs, long lastArrivalMs) {
        if (buffer.isEmpty()) {
            return -1;
        }
        long deadline = buffer.firstRecordAtMs() + intervalMs;
        if (idleMs > 0) {
            deadline = Math.min(deadline, idleDeadline(buffer, lastArrivalMs));
        }
        return Math.max(1, deadline - nowMs);
    }
}
