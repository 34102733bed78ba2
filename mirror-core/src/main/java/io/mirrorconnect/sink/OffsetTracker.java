package io.mirrorconnect.sink;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.mirrorconnect.contract.TableId;

/**
 * Per topic partition: the last offset the task has taken, which tables still buffer records of it, and the
 * offset up to which everything is durably in the destination (or was deliberately skipped or reported as
 * errant). {@link #committable()} returns only the latter, so offsets never run ahead of the destination.
 */
public final class OffsetTracker {
    private final Map<TopicPartition, Long> lastTaken = new HashMap<>();
    private final Map<TopicPartition, Set<TableId>> pending = new HashMap<>();
    private final Map<TopicPartition, Long> durable = new HashMap<>();

    /** True when this record's offset was already taken (redelivery after a retriable failure). */
    public boolean alreadyTaken(TopicPartition tp, long offset) {
        Long last = lastTaken.get(tp);
        return last != null && offset <= last;
    }

    /** A record was buffered for {@code table}. */
    public void buffered(TopicPartition tp, long offset, TableId table) {
        lastTaken.put(tp, offset);
        pending.computeIfAbsent(tp, k -> new HashSet<>()).add(table);
    }

    /** A record needs no write (tombstone, errant record reported, truncate done): done once nothing is pending. */
    public void done(TopicPartition tp, long offset) {
        lastTaken.put(tp, offset);
        Set<TableId> p = pending.get(tp);
        if (p == null || p.isEmpty()) {
            durable.put(tp, offset + 1);
        }
    }

    /** Everything buffered for {@code table} from {@code partitions} is now durable in the destination. */
    public void flushed(TableId table, Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            Set<TableId> p = pending.get(tp);
            if (p != null) {
                p.remove(table);
                if (p.isEmpty()) {
                    pending.remove(tp);
                    durable.put(tp, lastTaken.get(tp) + 1);
                }
            }
        }
    }

    /** Offsets (next offset to read) whose records are all durably handled. */
    public Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        durable.forEach((tp, o) -> out.put(tp, new OffsetAndMetadata(o)));
        return out;
    }

    /** Forgets partitions this task no longer owns. */
    public void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            lastTaken.remove(tp);
            pending.remove(tp);
            durable.remove(tp);
        }
    }
}
