package io.mirrorconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.TableId;

/**
 * The offset rule with a write in flight: a partition is committed only up to its first record not yet durable,
 * over the batch being written and the rows buffered after it, of every table.
 */
class OffsetTrackerTest {
    static final TopicPartition P0 = new TopicPartition("t", 0);
    static final TopicPartition P1 = new TopicPartition("t", 1);
    static final TableId X = TableId.of(null, "x");
    static final TableId Y = TableId.of(null, "y");

    static Map<TopicPartition, OffsetAndMetadata> offsets(Object... tpAndOffset) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (int i = 0; i < tpAndOffset.length; i += 2) {
            out.put((TopicPartition) tpAndOffset[i], new OffsetAndMetadata((Integer) tpAndOffset[i + 1]));
        }
        return out;
    }

    @Test
    void rowsBufferedAfterTheCutAreNotCommittedWhenTheBatchInFlightIsWritten() {
        OffsetTracker t = new OffsetTracker();
        t.buffered(P0, 0, X);
        t.buffered(P0, 1, X);
        OffsetTracker.Segment inFlight = t.cut(X);
        t.buffered(P0, 2, X); // read while the batch is written
        t.buffered(P0, 3, X);
        assertThat(t.committable()).isEmpty();
        t.written(inFlight);
        assertThat(t.committable()).isEqualTo(offsets(P0, 2));
        t.written(t.cut(X));
        assertThat(t.committable()).isEqualTo(offsets(P0, 4));
    }

    @Test
    void twoTablesTwoPartitionsInterleaved() {
        OffsetTracker t = new OffsetTracker();
        t.buffered(P0, 10, X);
        t.buffered(P1, 20, X);
        t.buffered(P0, 11, Y);
        t.buffered(P1, 21, Y);
        OffsetTracker.Segment x1 = t.cut(X);
        t.buffered(P0, 12, X);
        t.done(P1, 22); // a tombstone
        t.buffered(P1, 23, X);
        t.written(x1);
        // Y still holds 11 and 21; X's new segment holds 12 and 23
        assertThat(t.committable()).isEqualTo(offsets(P0, 11, P1, 21));
        OffsetTracker.Segment y1 = t.cut(Y);
        t.buffered(P0, 13, Y);
        t.written(y1);
        assertThat(t.committable()).isEqualTo(offsets(P0, 12, P1, 23));
        OffsetTracker.Segment x2 = t.cut(X);
        t.done(P1, 24); // an errant record reported while X's batch is written
        assertThat(t.committable()).isEqualTo(offsets(P0, 12, P1, 23));
        t.written(x2);
        assertThat(t.committable()).as("P0 waits for Y's 13; P1 is durable through the errant record")
                .isEqualTo(offsets(P0, 13, P1, 25));
        t.written(t.cut(Y));
        assertThat(t.committable()).isEqualTo(offsets(P0, 14, P1, 25));
    }

    @Test
    void aSkippedRecordBeforeAnyBufferedOneIsCommittedAlone() {
        OffsetTracker t = new OffsetTracker();
        t.done(P0, 5);
        t.buffered(P0, 6, X);
        assertThat(t.committable()).isEqualTo(offsets(P0, 6));
        assertThat(t.alreadyTaken(P0, 6)).isTrue();
        assertThat(t.alreadyTaken(P0, 7)).isFalse();
    }

    @Test
    void forgetDropsAPartitionFromBuffersAndBatchesInFlight() {
        OffsetTracker t = new OffsetTracker();
        t.buffered(P0, 0, X);
        t.buffered(P1, 0, X);
        OffsetTracker.Segment inFlight = t.cut(X);
        t.buffered(P1, 1, X);
        t.forget(Set.of(P1));
        assertThat(t.alreadyTaken(P1, 0)).isFalse();
        t.written(inFlight);
        assertThat(t.committable()).isEqualTo(offsets(P0, 1));
        // reassigned: read again from the committed offset
        t.buffered(P1, 0, X);
        assertThat(t.committable()).isEqualTo(offsets(P0, 1));
        t.written(t.cut(X));
        assertThat(t.committable()).isEqualTo(offsets(P0, 1, P1, 1));
    }

    @Test
    void aSegmentIsWrittenOnce() {
        OffsetTracker t = new OffsetTracker();
        t.buffered(P0, 0, X);
        OffsetTracker.Segment s = t.cut(X);
        t.written(s);
        assertThatThrownBy(() -> t.written(s)).isInstanceOf(IllegalStateException.class);
    }

    /** The reference: every record taken, with its state; durable = the first record not yet handled. */
    static final class Model {
        static final int DONE = -1;
        static final int OPEN = -2;

        /** Per partition: offset → DONE, OPEN (buffered, not cut) or the id of the batch it was cut into. */
        final Map<TopicPartition, java.util.TreeMap<Long, Integer>> records = new HashMap<>();
        /** Per partition, the table each OPEN record is buffered for. */
        final Map<TopicPartition, Map<Long, TableId>> tableOf = new HashMap<>();

        void take(TopicPartition tp, long offset, TableId table) {
            records.computeIfAbsent(tp, k -> new java.util.TreeMap<>()).put(offset, table == null ? DONE : OPEN);
            if (table != null) {
                tableOf.computeIfAbsent(tp, k -> new HashMap<>()).put(offset, table);
            }
        }

        void cut(TableId table, int batch) {
            records.forEach((tp, rs) -> rs.replaceAll((o, state) ->
                    state == OPEN && tableOf.get(tp).get(o).equals(table) ? batch : state));
        }

        void written(int batch) {
            records.values().forEach(rs -> rs.replaceAll((o, state) -> state == batch ? DONE : state));
        }

        void forget(TopicPartition tp) {
            records.remove(tp);
            tableOf.remove(tp);
        }

        long last(TopicPartition tp) {
            java.util.TreeMap<Long, Integer> rs = records.get(tp);
            return rs == null || rs.isEmpty() ? -1 : rs.lastKey();
        }

        Map<TopicPartition, OffsetAndMetadata> committable() {
            Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
            records.forEach((tp, rs) -> {
                if (rs.isEmpty()) {
                    return;
                }
                long durable = rs.lastKey() + 1;
                for (Map.Entry<Long, Integer> e : rs.entrySet()) {
                    if (e.getValue() != DONE) {
                        durable = e.getKey();
                        break;
                    }
                }
                if (durable > rs.firstKey()) {
                    out.put(tp, new OffsetAndMetadata(durable));
                }
            });
            return out;
        }
    }

    @Test
    void agreesWithAReferenceModelOverRandomHistories() {
        List<TopicPartition> tps = List.of(P0, P1);
        List<TableId> tables = List.of(X, Y);
        for (long seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            OffsetTracker tracker = new OffsetTracker();
            Model model = new Model();
            Map<Integer, OffsetTracker.Segment> outstanding = new HashMap<>();
            int batches = 0;
            List<String> history = new ArrayList<>();
            for (int step = 0; step < 80; step++) {
                int op = random.nextInt(100);
                if (op < 55) {
                    TopicPartition tp = tps.get(random.nextInt(tps.size()));
                    long offset = model.last(tp) + 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
                    TableId table = random.nextInt(5) == 0 ? null : tables.get(random.nextInt(tables.size()));
                    if (table == null) {
                        tracker.done(tp, offset);
                    } else {
                        tracker.buffered(tp, offset, table);
                    }
                    model.take(tp, offset, table);
                    history.add((table == null ? "done " : "buffered " + table + " ") + tp + "@" + offset);
                } else if (op < 75) {
                    TableId table = tables.get(random.nextInt(tables.size()));
                    int batch = batches++;
                    outstanding.put(batch, tracker.cut(table));
                    model.cut(table, batch);
                    history.add("cut " + table + " as " + batch);
                } else if (op < 95) {
                    if (outstanding.isEmpty()) {
                        continue;
                    }
                    List<Integer> ids = new ArrayList<>(outstanding.keySet());
                    java.util.Collections.sort(ids);
                    // mostly the oldest (one write in flight at a time), sometimes another
                    int batch = random.nextInt(4) == 0 ? ids.get(random.nextInt(ids.size())) : ids.get(0);
                    tracker.written(outstanding.remove(batch));
                    model.written(batch);
                    history.add("written " + batch);
                } else {
                    TopicPartition tp = tps.get(random.nextInt(tps.size()));
                    tracker.forget(Set.of(tp));
                    model.forget(tp);
                    history.add("forget " + tp);
                }
                assertThat(tracker.committable()).as("seed %d after %s", seed, history).isEqualTo(model.committable());
            }
        }
    }
}
