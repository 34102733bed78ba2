package io.mirrorconnect.sink;

/**
 * Bounded retries with exponential backoff: attempt {@code n} (1-based) waits
 * {@code min(backoffMs * 2^(n-1), maxBackoffMs)}; after {@code maxRetries} failed retries the error is final.
 */
public record RetryPolicy(int maxRetries, long backoffMs, long maxBackoffMs) {

    public RetryPolicy {
        if (maxRetries < 0 || backoffMs < 0 || maxBackoffMs < backoffMs) {
            throw new IllegalArgumentException("invalid retry policy: retries " + maxRetries + ", backoff "
                    + backoffMs + " ms, max " + maxBackoffMs + " ms");
        }
    }

    /** Whether another retry is allowed after {@code failures} consecutive failures. */
    public boolean mayRetry(int failures) {
        return failures <= maxRetries;
    }

    /** How long to wait before the retry that follows {@code failures} consecutive failures (1-based). */
    public long backoffMs(int failures) {
        if (failures <= 0) {
            return 0;
        }
        long wait = backoffMs;
        for (int i = 1; i < failures && wait < maxBackoffMs; i++) {
            wait = wait * 2;
        }
        return Math.min(wait, maxBackoffMs);
    }
}
