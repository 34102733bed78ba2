package io.mirrorconnect.bigquery.writer;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Names of staging tables (pure): {@code _mc_staging_<mirror>_<crc>_t<task>_<table>_<nonce>}. A task recognises its
 * own leftovers (from a crash between create and drop) by the prefix {@link #taskPrefix()} and drops them at start.
 */
public final class StagingNames {
    static final String PREFIX = "_mc_staging_";
    private static final int MAX_PART = 60;

    private final String taskPrefix;

    public StagingNames(String mirror, int taskIndex) {
        CRC32 crc = new CRC32();
        crc.update(mirror.getBytes(StandardCharsets.UTF_8));
        this.taskPrefix = PREFIX + sanitize(mirror) + "_" + String.format("%08x", crc.getValue()) + "_t" + taskIndex + "_";
    }

    /** Every staging table of this task starts with this. */
    public String taskPrefix() {
        return taskPrefix;
    }

    /** A fresh staging table name for a destination table. */
    public String next(String table) {
        return taskPrefix + sanitize(table) + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public boolean isOwn(String tableName) {
        return tableName.startsWith(taskPrefix);
    }

    static String sanitize(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < MAX_PART; i++) {
            char c = s.charAt(i);
            sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        return sb.toString();
    }
}
