package io.mirrorconnect.sink;

import java.util.HashMap;
import java.util.Map;

import io.mirrorconnect.contract.TableId;

/**
 * Which source truncates a task has already applied, so that the copies of one truncate (the source sends it to
 * every partition of the topic) cost one destination delete per task rather than one per partition. Pure.
 *
 * <p>A copy may be skipped only when nothing the truncate removes was written since it was applied: the task
 * applied "remove rows older than {@code v}" for the table, and no batch with a row older than {@code v} was
 * written to it afterwards (such rows come from another partition that was behind; its own copy of the truncate
 * must then remove them again).
 */
public final class TruncateLedger {
    private final Map<TableId, Long> applied = new HashMap<>();

    /** True when the truncate at {@code version} must be applied to {@code table} (not already, or undone since). */
    public boolean needed(TableId table, long version) {
        Long v = applied.get(table);
        return v == null || v != version;
    }

    /** The truncate at {@code version} was applied to {@code table}. */
    public void applied(TableId table, long version) {
        applied.put(table, version);
    }

    /** A batch whose lowest row version is {@code minVersion} was written to {@code table}. */
    public void written(TableId table, long minVersion) {
        Long v = applied.get(table);
        if (v != null && minVersion < v) {
            applied.remove(table);
        }
    }

    /** Forgets everything (partitions were revoked or assigned: another task may have written in between). */
    public void clear() {
        applied.clear();
    }
}
