package io.mirrorconnect.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.mirrorconnect.contract.TableId;

/**
 * Per topic partition: the last offset the task has taken, and the offset up to which everything is durably in
 * the destination (or was deliberately skipped or reported as errant). {@link #committable()} returns only the
 * latter, so offsets never run ahead of the destination. Pure: no I/O, no threads (the task calls it from its own
 * thread only).
 *
 * <p>The records buffered for a table form its <em>open</em> segment. A flush {@linkplain #cut cuts} it into a
 * {@link Segment}, which stays outstanding until the write of that batch succeeds ({@link #written}); meanwhile
 * the table's newer records start a new open segment. Each segment remembers, per partition, the first offset it
 * holds. A partition is durable up to the lowest such offset over every outstanding and open segment of every
 * table, or up to its last taken offset + 1 when no segment holds it: every record below that offset was written
 * (its segment is gone), skipped, or reported.
 */
public final class OffsetTracker {

    /**
     * The records of one table cut into a batch: per partition, the first offset of the batch (mutable only by the
     * tracker).
     */
    public static final class Segment {
        private final TableId table;
        private final Map<TopicPartition, Long> first;

        private Segment(TableId table, Map<TopicPartition, Long> first) {
            this.table = table;
            this.first = first;
        }

        public TableId table() {
            return table;
        }

        @Override
        public String toString() {
            return table + " " + first;
        }
    }

    /** What the task has taken of one partition since it was assigned. */
    private static final class Taken {
        final long first;
        long last;

        Taken(long offset) {
            first = offset;
            last = offset;
        }
    }

    private final Map<TopicPartition, Taken> taken = new HashMap<>();
    /** Per table, the first offset per partition of the records buffered and not cut yet. */
    private final Map<TableId, Map<TopicPartition, Long>> open = new LinkedHashMap<>();
    /** Batches cut and not yet written, oldest first. */
    private final List<Segment> outstanding = new ArrayList<>();

    /** True when this record's offset was already taken (redelivery after a retriable failure). */
    public boolean alreadyTaken(TopicPartition tp, long offset) {
        Taken t = taken.get(tp);
        return t != null && offset <= t.last;
    }

    /** A record was buffered for {@code table}. */
    public void buffered(TopicPartition tp, long offset, TableId table) {
        take(tp, offset);
        open.computeIfAbsent(table, t -> new HashMap<>()).putIfAbsent(tp, offset);
    }

    /**
     * A record needs no write (tombstone, errant record reported, truncate done): durable once every record before
     * it is.
     */
    public void done(TopicPartition tp, long offset) {
        take(tp, offset);
    }

    private void take(TopicPartition tp, long offset) {
        Taken t = taken.get(tp);
        if (t == null) {
            taken.put(tp, new Taken(offset));
        } else {
            t.last = offset;
        }
    }

    /**
     * The records buffered for {@code table} become one batch being written; records buffered for it from now on
     * start a new open segment.
     *
     * @return the batch's segment, to pass to {@link #written} once its write succeeded
     */
    public Segment cut(TableId table) {
        Map<TopicPartition, Long> firsts = open.remove(table);
        Segment s = new Segment(table, firsts == null ? new HashMap<>() : firsts);
        outstanding.add(s);
        return s;
    }

    /** The batch of {@code segment} is durably in the destination. */
    public void written(Segment segment) {
        for (Iterator<Segment> it = outstanding.iterator(); it.hasNext(); ) {
            if (it.next() == segment) {
                it.remove();
                return;
            }
        }
        throw new IllegalStateException("segment " + segment + " is not outstanding");
    }

    /** The offset (next offset to read) durable for {@code tp}, or -1 when nothing of it is durable yet. */
    public long durable(TopicPartition tp) {
        Taken t = taken.get(tp);
        if (t == null) {
            return -1;
        }
        long d = t.last + 1;
        for (Map<TopicPartition, Long> firsts : open.values()) {
            d = lowest(d, firsts.get(tp));
        }
        for (Segment s : outstanding) {
            d = lowest(d, s.first.get(tp));
        }
        return d > t.first ? d : -1;
    }

    private static long lowest(long d, Long first) {
        return first != null && first < d ? first : d;
    }

    /** Offsets (next offset to read) whose records are all durably handled. */
    public Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (TopicPartition tp : taken.keySet()) {
            long d = durable(tp);
            if (d >= 0) {
                out.put(tp, new OffsetAndMetadata(d));
            }
        }
        return out;
    }

    /**
     * Forgets partitions this task no longer owns, also in outstanding segments (their records are re-read by the
     * partition's next owner; a batch still written later holds none of them, see the task's {@code close}).
     */
    public void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            taken.remove(tp);
            for (Map<TopicPartition, Long> firsts : open.values()) {
                firsts.remove(tp);
            }
            for (Segment s : outstanding) {
                s.first.remove(tp);
            }
        }
    }
}
