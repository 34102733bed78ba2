package io.mirrorconnect.sink;

import static io.mirrorconnect.sink.Records.deleteKeyOnly;
import static io.mirrorconnect.sink.Records.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.TableId;

/**
 * The task's buffering, offsets, retries and error routing against an in-memory destination that keeps the
 * highest version per key (what ReplacingMergeTree / version-guarded MERGE do).
 */
class MirrorSinkTaskTest {
    static final TopicPartition TP = new TopicPartition(Records.TOPIC, 0);
    static final TableId TABLE = TableId.of(null, "items");

    record Stored(boolean deleted, long version, Map<String, Object> values) {
    }

    /** In-memory destination: highest version per key wins, missing values come from the current row. */
    static class MemoryWriter implements TableWriter {
        final Map<List<Object>, Stored> rows = new HashMap<>();
        final List<Integer> batchSizes = new ArrayList<>();
        /** Each written row's kept Connect record (null when the task did not keep it). */
        final List<SinkRecord> keptRecords = new ArrayList<>();
        int failNext;
        int truncates;
        final List<Long> truncatedBefore = new ArrayList<>();
        Integer rejectId;
        Schema ensuredValueSchema;

        @Override
        public void ensureTable(TableId table, Schema keySchema, Schema valueSchema) {
            ensuredValueSchema = valueSchema;
        }

        @Override
        public void write(TableId table, CollapsedBatch batch) {
            if (failNext > 0) {
                failNext--;
                throw new IllegalStateException("destination unavailable");
            }
            for (CollapsedRow r : batch.rows()) {
                if (rejectId != null && rejectId.equals(r.values().get("id"))) {
                    throw new RecordRejectedException(r, "id", "value not accepted", null);
                }
            }
            batchSizes.add(batch.rows().size());
            for (CollapsedRow r : batch.rows()) {
                keptRecords.add(r.source().record());
                Stored old = rows.get(r.key());
                if (old != null && old.version() > r.version()) {
                    continue;
                }
                Map<String, Object> values = new HashMap<>();
                if (old != null && r.lookupAll()) {
                    values.putAll(old.values());
                }
                values.putAll(r.values());
                for (String f : r.lookupFields()) {
                    values.put(f, old == null ? null : old.values().get(f));
                }
                rows.put(r.key(), new Stored(r.deleted(), r.version(), values));
            }
        }

        @Override
        public void truncate(TableId table) {
            truncates++;
            rows.clear();
        }

        @Override
        public void truncateBefore(TableId table, long version) {
            truncatedBefore.add(version);
            rows.values().removeIf(r -> r.version() < version);
        }

        @Override
        public boolean isTransient(Throwable error) {
            return error instanceof IllegalStateException;
        }

        @Override
        public void close() {
        }
    }

    static final class Context implements SinkTaskContext {
        final Map<String, String> props;
        final List<SinkRecord> errant = new ArrayList<>();
        long timeout = -1;

        Context(Map<String, String> props) {
            this.props = props;
        }

        @Override public Map<String, String> configs() { return props; }
        @Override public void offset(Map<TopicPartition, Long> offsets) { }
        @Override public void offset(TopicPartition tp, long offset) { }
        @Override public void timeout(long timeoutMs) { timeout = timeoutMs; }
        @Override public Set<TopicPartition> assignment() { return Set.of(TP); }
        @Override public void pause(TopicPartition... partitions) { }
        @Override public void resume(TopicPartition... partitions) { }
        @Override public void requestCommit() { }
        @Override public PluginMetrics pluginMetrics() { return null; }

        @Override
        public ErrantRecordReporter errantRecordReporter() {
            return (record, error) -> {
                errant.add(record);
                return CompletableFuture.completedFuture(null);
            };
        }
    }

    static final class TestTask extends MirrorSinkTask {
        final MemoryWriter writer;
        /**
         * False: writes run inline on the task thread even with {@code max.in.flight.writes=1}, so a test sees each
         * write's effect as soon as the flush returns and its outcome is handled at the task's next collection point
         * (the end of the put, the next flush, preCommit). True: the task's real background thread.
         */
        final boolean background;

        TestTask() {
            this(new MemoryWriter());
        }

        /** A task writing to {@code writer}: several tasks may share one destination. */
        TestTask(MemoryWriter writer) {
            this(writer, false);
        }

        TestTask(MemoryWriter writer, boolean background) {
            this.writer = writer;
            this.background = background;
        }

        @Override
        WriteSlot openWriteSlot(TableWriter writer, SinkCoreConfig config) {
            return background ? super.openWriteSlot(writer, config) : WriteSlot.inline(writer);
        }

        @Override
        protected SinkCoreConfig parseConfig(Map<String, String> props) {
            return SinkCoreConfig.of(props);
        }

        @Override
        protected TableWriter openWriter(SinkCoreConfig config) {
            return writer;
        }

        @Override
        public String version() {
            return "test";
        }

        Context ctx() {
            return (Context) context;
        }
    }

    final AtomicLong now = new AtomicLong(1_000);

    TestTask start(Map<String, String> extra) {
        return start(extra, new MemoryWriter());
    }

    TestTask start(Map<String, String> extra, MemoryWriter writer) {
        return start(extra, writer, false);
    }

    TestTask start(Map<String, String> extra, MemoryWriter writer, boolean background) {
        Map<String, String> props = new HashMap<>(Map.of(
                "mirror.name", "m",
                "table.mapping", Records.TOPIC + ":items",
                "max.batch.size", "100",
                "flush.interval.ms", "5000",
                "max.retries", "2"));
        props.putAll(extra);
        TestTask task = new TestTask(writer, background);
        task.initialize(new Context(props));
        task.clock(now::get);
        task.start(props);
        return task;
    }

    static Map<TopicPartition, OffsetAndMetadata> current(long offset) {
        return Map.of(TP, new OffsetAndMetadata(offset));
    }

    @Test
    void commitsOnlyWhatIsDurablyWritten() {
        TestTask task = start(Map.of());
        task.put(List.of(upsert(0, ChangeOp.SNAPSHOT, 0, 1, "a", "x"), upsert(1, ChangeOp.INSERT, 10, 2, "b", "y")));
        assertThat(task.writer.rows).isEmpty();
        assertThat(task.preCommit(current(2))).isEmpty();

        now.addAndGet(5_000); // the interval passed: preCommit flushes what is due
        assertThat(task.preCommit(current(2))).isEqualTo(Map.of(TP, new OffsetAndMetadata(2)));
        assertThat(task.writer.rows).hasSize(2);
    }

    @Test
    void aBufferedBatchAsksConnectToPollAgainByItsFlushDeadline() {
        // the worker's consumer poll blocks until its next offset commit (offset.flush.interval.ms, 60 s by
        // default) when no record comes: without a shorter timeout a quiet table would wait that long, not 5 s
        TestTask task = start(Map.of());
        task.put(List.of(upsert(0, ChangeOp.INSERT, 1, 1, "a", "x")));
        assertThat(task.ctx().timeout).isEqualTo(5_000);
        now.addAndGet(2_000);
        task.ctx().timeout = -1;
        task.put(List.of());
        assertThat(task.ctx().timeout).isEqualTo(3_000);
        now.addAndGet(3_000);
        task.ctx().timeout = -1;
        task.put(List.of());
        assertThat(task.writer.rows).hasSize(1);
        assertThat(task.ctx().timeout).as("nothing buffered: no deadline").isEqualTo(-1);
    }

    @Test
    void aPartialBatchIsFlushedOnceTheConsumerHasCaughtUp() {
        // caught up: no record for 50 ms (the idle time is longer); the table was never flushed before
        TestTask task = start(Map.of("flush.idle.ms", "1000"));
        task.put(List.of(upsert(0, ChangeOp.INSERT, 1, 1, "a", "x")));
        assertThat(task.ctx().timeout).isEqualTo(FlushPolicy.CAUGHT_UP_QUIET_MS);
        now.addAndGet(40);
        task.put(List.of(upsert(1, ChangeOp.INSERT, 2, 2, "b", "y"))); // still arriving: keep buffering
        assertThat(task.writer.rows).isEmpty();
        now.addAndGet(49);
        task.put(List.of());
        assertThat(task.writer.rows).as("quiet for 49 ms only").isEmpty();
        assertThat(task.ctx().timeout).isEqualTo(1);
        now.addAndGet(1);
        task.put(List.of()); // the consumer has caught up: write now, not when the interval ends
        assertThat(task.writer.batchSizes).containsExactly(2);
        assertThat(task.preCommit(current(2))).isEqualTo(Map.of(TP, new OffsetAndMetadata(2)));
    }

    @Test
    void aTableGetsAtMostOneIdleFlushPerIdleTime() {
        TestTask task = start(Map.of("flush.idle.ms", "1000"));
        task.put(List.of(upsert(0, ChangeOp.INSERT, 1, 1, "a", "x")));
        now.addAndGet(200);
        task.put(List.of());
        assertThat(task.writer.batchSizes).containsExactly(1);
        // a trickle: the next record 100 ms after that flush, then quiet; its idle flush waits until 1 s after
        // the previous one (at most one such write per table per flush.idle.ms)
        now.addAndGet(100);
        task.put(List.of(upsert(1, ChangeOp.INSERT, 2, 2, "b", "y")));
        now.addAndGet(200);
        task.put(List.of());
        assertThat(task.writer.batchSizes).as("300 ms after the previous flush").containsExactly(1);
        assertThat(task.ctx().timeout).isEqualTo(700);
        now.addAndGet(699);
        task.put(List.of());
        assertThat(task.writer.batchSizes).containsExactly(1);
        now.addAndGet(1);
        task.put(List.of());
        assertThat(task.writer.batchSizes).containsExactly(1, 1);
    }

    @Test
    void aBacklogsLastPartialBatchIsWrittenOnceCaughtUpEvenRightAfterAFullBatch() {
        // the end of a backlog: a full batch was cut 300 ms before the last records came; the idle flush of the
        // rest waits only for the consumer to catch up, not flush.idle.ms since that (full) flush
        TestTask task = start(Map.of("flush.idle.ms", "1000", "max.batch.size", "2"));
        task.put(List.of(upsert(0, ChangeOp.INSERT, 1, 1, "a", "x"), upsert(1, ChangeOp.INSERT, 2, 2, "b", "y")));
        assertThat(task.writer.batchSizes).containsExactly(2);
        now.addAndGet(300);
        task.put(List.of(upsert(2, ChangeOp.INSERT, 3, 3, "c", "z")));
        assertThat(task.ctx().timeout).isEqualTo(FlushPolicy.CAUGHT_UP_QUIET_MS);
        now.addAndGet(200);
        task.put(List.of());
        assertThat(task.writer.batchSizes).containsExactly(2, 1);
        // and the partial flush it made counts for the next one: a trickle after it waits the idle time
        now.addAndGet(100);
        task.put(List.of(upsert(3, ChangeOp.INSERT, 4, 4, "d", "w")));
        now.addAndGet(200);
        task.put(List.of());
        assertThat(task.writer.batchSizes).containsExactly(2, 1);
        assertThat(task.ctx().timeout).isEqualTo(700);
    }

    @Test
    void timeSpentWritingInsideAPutIsNotQuiet() {
        // a put whose flush waits 300 ms for a slow insert, then an empty poll: the consumer has not been quiet,
        // the task was busy; the records taken after the cut stay buffered
        TestTask task = start(Map.of("flush.idle.ms", "1000", "max.batch.size", "2"), new MemoryWriter() {
            @Override
            public void write(TableId table, CollapsedBatch batch) {
                now.addAndGet(300);
                super.write(table, batch);
            }
        });
        task.put(List.of(upsert(0, ChangeOp.INSERT, 1, 1, "a", "x"), upsert(1, ChangeOp.INSERT, 2, 2, "b", "y"),
                upsert(2, ChangeOp.INSERT, 3, 3, "c", "z")));
        assertThat(task.writer.batchSizes).containsExactly(2);
        assertThat(task.ctx().timeout).isEqualTo(FlushPolicy.CAUGHT_UP_QUIET_MS);
        task.put(List.of());
        assertThat(task.writer.batchSizes).as("no record for 0 ms since the put ended").containsExactly(2);
        now.addAndGet(200);
        task.put(List.of());
        assertThat(task.writer.batchSizes).containsExactly(2, 1);
    }

    @Test
    void anIdleTimeBelowTheCaughtUpQuietIsTheQuietItself() {
        TestTask task = start(Map.of("flush.idle.ms", "50"));
        task.put(List.of(upsert(0, ChangeOp.INSERT, 1, 1, "a", "x")));
        assertThat(task.ctx().timeout).isEqualTo(50);
        now.addAndGet(50);
        task.put(List.of());
        assertThat(task.writer.batchSizes).containsExactly(1);
    }

    @Test
    void theIdleFlushIsOffByDefaultInTheCore() {
        TestTask task = start(Map.of());
        task.put(List.of(upsert(0, ChangeOp.INSERT, 1, 1, "a", "x")));
        now.addAndGet(4_999);
        task.put(List.of());
        assertThat(task.writer.rows).isEmpty();
    }

    @Test
    void flushesWhenTheBatchIsFull() {
        TestTask task = start(Map.of("max.batch.size", "2"));
        task.put(List.of(upsert(0, ChangeOp.INSERT, 1, 1, "a", "x"), upsert(1, ChangeOp.INSERT, 2, 2, "b", "y"),
                upsert(2, ChangeOp.INSERT, 3, 3, "c", "z")));
        assertThat(task.writer.batchSizes).containsExactly(2);
        assertThat(task.preCommit(current(3))).isEqualTo(Map.of(TP, new OffsetAndMetadata(2)));
    }

    @Test
    void transientFailureIsRetriedThroughRedeliveryWithoutLosingRecords() {
        TestTask task = start(Map.of("flush.interval.ms", "0", "retry.backoff.ms", "100", "retry.backoff.max.ms", "150",
                "max.retries", "5"));
        task.writer.failNext = 3;
        List<SinkRecord> batch = List.of(upsert(0, ChangeOp.INSERT, 1, 1, "a", "x"), upsert(1, ChangeOp.UPDATE, 2, 1, "b", "y"));
        Context ctx = task.ctx();
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
        assertThat(ctx.timeout).isEqualTo(100);
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
        assertThat(ctx.timeout).isEqualTo(150);
        now.addAndGet(150); // the backoff passed
        assertThat(task.preCommit(current(2))).isEmpty(); // its flush fails too: nothing is committed
        task.put(batch); // Connect redelivers the same records: taken once, flushed now
        assertThat(task.writer.rows.values()).singleElement().satisfies(r -> assertThat(r.values()).containsEntry("name", "b"));
        assertThat(task.writer.batchSizes).containsExactly(1);
        assertThat(task.preCommit(current(2))).isEqualTo(Map.of(TP, new OffsetAndMetadata(2)));
    }

    @Test
    void offsetCommitsDuringTheBackoffNeitherWriteNorSpendRetries() {
        TestTask task = start(Map.of("flush.interval.ms", "0", "retry.backoff.ms", "10000", "retry.backoff.max.ms", "10000"));
        task.writer.failNext = 2; // max.retries = 2: two failures are allowed, a third gives up
        List<SinkRecord> batch = List.of(upsert(0, ChangeOp.INSERT, 1, 1, "a", "x"));
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
        for (int i = 0; i < 5; i++) { // the worker commits offsets every second while the task waits out the backoff
            assertThat(task.preCommit(current(1))).isEmpty();
        }
        assertThat(task.writer.batchSizes).isEmpty();
        now.addAndGet(10_000);
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class); // the second failure
        now.addAndGet(10_000);
        task.put(batch);
        assertThat(task.writer.batchSizes).containsExactly(1);
        assertThat(task.preCommit(current(1))).isEqualTo(Map.of(TP, new OffsetAndMetadata(1)));
    }

    @Test
    void givesUpAfterMaxRetries() {
        TestTask task = start(Map.of("flush.interval.ms", "0", "retry.backoff.ms", "1", "retry.backoff.max.ms", "1"));
        task.writer.failNext = 10;
        List<SinkRecord> batch = List.of(upsert(0, ChangeOp.INSERT, 1, 1, "a", "x"));
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(ConnectException.class)
                .isNotInstanceOf(RetriableException.class).hasMessageContaining("max.retries=2");
    }

    @Test
    void badRecordFailsTheTaskNamingIt() {
        TestTask task = start(Map.of());
        SinkRecord noHeaders = new SinkRecord(Records.TOPIC, 4, null, null, Records.VALUE, Records.row(1, "a", "b"), 77);
        assertThatThrownBy(() -> task.put(List.of(noHeaders))).isInstanceOf(ConnectException.class)
                .hasMessageContaining("topic m.public.items partition 4 offset 77");
    }

    @Test
    void badRecordGoesToTheErrantReporterWhenTolerated() {
        TestTask task = start(Map.of("errors.tolerance", "all", "flush.interval.ms", "0"));
        SinkRecord unmapped = Records.record(0, 0, ChangeOp.INSERT, 1, Records.key(1), Records.row(1, "a", "b"));
        unmapped = unmapped.newRecord("other.topic", 0, unmapped.keySchema(), unmapped.key(), unmapped.valueSchema(),
                unmapped.value(), unmapped.timestamp(), unmapped.headers());
        task.put(List.of(unmapped));
        assertThat((task.ctx()).errant).containsExactly(unmapped);
        assertThat(task.preCommit(Map.of(new TopicPartition("other.topic", 0), new OffsetAndMetadata(1))))
                .isEqualTo(Map.of(new TopicPartition("other.topic", 0), new OffsetAndMetadata(1)));
    }

    @Test
    void rowTheDestinationRejectsFailsTheTaskNamingTheColumn() {
        TestTask task = start(Map.of("flush.interval.ms", "0"));
        task.writer.rejectId = 2;
        assertThatThrownBy(() -> task.put(List.of(upsert(0, ChangeOp.INSERT, 1, 1, "a", "x"),
                upsert(1, ChangeOp.INSERT, 2, 2, "b", "y"))))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("mirror m: cannot write to table ")
                .hasMessageContaining("topic m.public.items partition 0 offset 1, key [2], column id: value not accepted")
                .hasMessageContaining("dead_letter_topic");
    }

    @Test
    void rowTheDestinationRejectsIsReportedAndTheRestWritten() {
        TestTask task = start(Map.of("flush.interval.ms", "0", "errors.tolerance", "all"));
        task.writer.rejectId = 2;
        SinkRecord rejected = upsert(1, ChangeOp.INSERT, 2, 2, "b", "y");
        task.put(List.of(upsert(0, ChangeOp.INSERT, 1, 1, "a", "x"), rejected));
        // the very record the worker handed over (it carries the consumed bytes the dead letter topic gets)
        assertThat((task.ctx()).errant).singleElement().isSameAs(rejected);
        assertThat(task.writer.rows).hasSize(1);
        assertThat(task.preCommit(current(2))).isEqualTo(Map.of(TP, new OffsetAndMetadata(2)));
    }

    @Test
    void bufferedRowsKeepTheirRecordOnlyForAnErrantRecordReporter() {
        TestTask plain = start(Map.of("flush.interval.ms", "0"));
        plain.put(List.of(upsert(0, ChangeOp.INSERT, 1, 1, "a", "x")));
        assertThat(plain.writer.keptRecords).hasSize(1).containsOnlyNulls();
        TestTask reporting = start(Map.of("flush.interval.ms", "0", "errors.tolerance", "all"));
        SinkRecord r = upsert(0, ChangeOp.INSERT, 1, 1, "a", "x");
        reporting.put(List.of(r));
        assertThat(reporting.writer.keptRecords).singleElement().isSameAs(r);
    }

    @Test
    void tombstonesAreSkippedAndCommitted() {
        TestTask task = start(Map.of());
        SinkRecord tombstone = new SinkRecord(Records.TOPIC, 0, Records.KEY, Records.key(1), null, null, 5);
        task.put(List.of(tombstone));
        assertThat(task.preCommit(current(6))).isEqualTo(Map.of(TP, new OffsetAndMetadata(6)));
    }

    @Test
    void truncateFlushesFirstThenEmptiesTheTable() {
        TestTask task = start(Map.of());
        task.put(List.of(upsert(0, ChangeOp.INSERT, 1, 1, "a", "x"),
                Records.record(0, 1, ChangeOp.TRUNCATE, 2, null, null),
                upsert(2, ChangeOp.INSERT, 3, 2, "b", "y")));
        assertThat(task.writer.truncatedBefore).containsExactly(2L);
        assertThat(task.writer.truncates).as("a source truncate is version-guarded, never TRUNCATE TABLE").isZero();
        assertThat(task.writer.batchSizes).containsExactly(1);
        assertThat(task.preCommit(current(3))).isEqualTo(Map.of(TP, new OffsetAndMetadata(2)));
    }

    @Test
    void overwriteEmptiesTheTableWhenAPartitionIsReadFromItsStart() {
        TestTask task = start(Map.of("write.mode", "overwrite", "flush.interval.ms", "0"));
        task.put(List.of(upsert(0, ChangeOp.SNAPSHOT, 0, 1, "a", "x"), upsert(1, ChangeOp.SNAPSHOT, 0, 2, "b", "y")));
        assertThat(task.writer.truncates).isEqualTo(1);
        task.put(List.of(upsert(2, ChangeOp.SNAPSHOT, 0, 3, "c", "z")));
        assertThat(task.writer.truncates).as("only a batch holding offset 0 empties the table").isEqualTo(1);
        assertThat(task.writer.batchSizes).containsExactly(2, 1);
    }

    @Test
    void replayConverges() {
        TestTask task = start(Map.of("flush.interval.ms", "0"));
        List<SinkRecord> stream = List.of(upsert(0, ChangeOp.SNAPSHOT, 0, 1, "a", "x"), upsert(1, ChangeOp.UPDATE, 5, 1, "b", "y"),
                deleteKeyOnly(2, 6, 1), upsert(3, ChangeOp.INSERT, 7, 2, "c", "z"));
        task.put(stream);
        Map<List<Object>, Stored> before = Map.copyOf(task.writer.rows);
        assertThat(before.get(List.of(1))).isEqualTo(new Stored(true, 6, Map.of("id", 1, "name", "b", "body", "y")));
        task.close(Set.of(TP)); // the consumer group was reset: the same records arrive again
        task.put(stream.subList(0, 2));
        task.put(stream.subList(2, 4));
        assertThat(task.writer.rows).isEqualTo(before);
    }

    @Test
    void closeDropsBufferedRecordsOfRevokedPartitions() {
        TestTask task = start(Map.of());
        task.put(List.of(upsert(0, ChangeOp.INSERT, 1, 1, "a", "x")));
        task.close(Set.of(TP));
        now.addAndGet(60_000);
        task.put(List.of());
        assertThat(task.writer.rows).isEmpty();
    }
}
