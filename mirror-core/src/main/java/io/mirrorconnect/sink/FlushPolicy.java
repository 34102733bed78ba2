package io.mirrorconnect.sink;

/**
 * When a table's buffer is flushed: once it holds {@code maxRows} records or an estimated {@code maxBytes},
 * or once its oldest record has waited {@code intervalMs}.
 */
public record FlushPolicy(int maxRows, long maxBytes, long intervalMs) {

    public FlushPolicy {
        if (maxRows < 1 || maxBytes < 1 || intervalMs < 0) {
            throw new IllegalArgumentException("invalid flush policy: rows " + maxRows + ", bytes " + maxBytes
                    + ", interval " + intervalMs + " ms");
        }
    }

    /** True when the buffer is full (by rows or bytes): flush it before taking more records. */
    public boolean full(TableBuffer buffer) {
        return buffer.size() >= maxRows || buffer.estimatedBytes() >= maxBytes;
    }

    /** True when the buffer must be flushed now: it is full, or its oldest record has waited long enough. */
    public boolean due(TableBuffer buffer, long nowMs) {
        if (buffer.isEmpty()) {
            return false;
        }
        return full(buffer) || nowMs - buffer.firstRecordAtMs() >= intervalMs;
    }
}
