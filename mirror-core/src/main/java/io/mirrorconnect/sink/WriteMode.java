package io.mirrorconnect.sink;

import java.util.Locale;

/** How a sink writes rows (the {@code write.mode} property). */
public enum WriteMode {
    /** One row per key: the newest version wins (CDC mirrors, QRep {@code upsert}). */
    UPSERT,
    /** Every record becomes a row; nothing is collapsed (QRep {@code append}). */
    APPEND,
    /**
     * Like append, but the destination table is emptied when partition 0 of the topic is read from its first
     * offset (QRep {@code overwrite}, which PeerDB allows only with {@code initial_copy_only}; its records have no
     * key, so they all go to partition 0).
     */
    OVERWRITE;

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WriteMode fromConfig(String value) {
        for (WriteMode m : values()) {
            if (m.configValue().equalsIgnoreCase(value.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown write mode '" + value + "' (expected upsert, append or overwrite)");
    }

    /** True when rows are collapsed to one per key. */
    public boolean keyed() {
        return this == UPSERT;
    }
}
