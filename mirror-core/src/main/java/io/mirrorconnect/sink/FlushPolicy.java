package io.mirrorconnect.sink;

/**
 * When a table's buffer is flushed: once it holds {@code maxRows} records or an estimated {@code maxBytes}; once
 * its oldest record has waited {@code intervalMs}; or, when {@code idleMs} is above 0, once no record at all has
 * arrived for {@code idleMs} (the consumer has caught up, so waiting longer only delays the rows).
 */
public record FlushPolicy(int maxRows, long maxBytes, long intervalMs, long idleMs) {

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
     * True when the buffer must be flushed now: it is full, its oldest record has waited long enough, or no
     * record has arrived since {@code lastArrivalMs} for the idle time.
     */
    public boolean due(TableBuffer buffer, long nowMs, long lastArrivalMs) {
        if (buffer.isEmpty()) {
            return false;
        }
        return full(buffer) || nowMs - buffer.firstRecordAtMs() >= intervalMs
                || (idleMs > 0 && nowMs - lastArrivalMs >= idleMs);
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
            deadline = Math.min(deadline, lastArrivalMs + idleMs);
        }
        return Math.max(1, deadline - nowMs);
    }
}
