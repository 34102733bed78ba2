package io.mirrorconnect.pgcdc.snapshot;

import java.util.Locale;

/**
 * How snapshot partitions are read: {@code COPY ... (FORMAT binary)} with a binary decoder per type (columns of
 * types without one selected as text), or {@code COPY ... TO STDOUT} in the text format, every column parsed by
 * the text converters (the fallback). Both give the same records.
 */
public enum SnapshotCopyFormat {
    BINARY,
    TEXT;

    public static SnapshotCopyFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a snapshot COPY format (expected binary or "
                    + "text)");
        }
    }
}
