package io.mirrorconnect.sink;

import static io.mirrorconnect.sink.Records.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.sink.MirrorSinkTaskTest.MemoryWriter;
import io.mirrorconnect.sink.MirrorSinkTaskTest.TestTask;

/**
 * One write in flight (max.in.flight.writes=1, the default) on the task's real background thread: the writer's
 * {@code write} blocks until the test lets it go, so each test controls when a batch is durable.
 */
class WriteInFlightTest {
    static final TopicPartition TP = MirrorSinkTaskTest.TP;
    static final Duration LONG = Duration.ofSeconds(60);

    /**
     * The in-memory destination whose writes wait for a permit. Records the calls in order, the threads they came
     * from, and how many ran at once (must never exceed one).
     */
    static final class GatedWriter extends MemoryWriter {
        final Semaphore permits = new Semaphore(0);
        /** One permit per write that has started (blocked or not). */
        final Semaphore started = new Semaphore(0);
        /** One permit per write that has ended (written or failed). */
        final Semaphore ended = new Semaphore(0);
        final List<String> calls = new CopyOnWriteArrayList<>();
        final Set<String> writeThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final AtomicInteger active = new AtomicInteger();
        final AtomicInteger maxActive = new AtomicInteger();
        volatile boolean closed;

        private void enter(String call) {
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            calls.add(call);
        }

        private void exit() {
            active.decrementAndGet();
        }

        @Override
        public void ensureTable(TableId table, Schema keySchema, Schema valueSchema) {
            enter("ensureTable");
            try {
                super.ensureTable(table, keySchema, valueSchema);
            } finally {
                exit();
            }
        }

        @Override
        public void write(TableId table, CollapsedBatch batch) {
            enter("write " + batch.rows().size());
            writeThreads.add(Thread.currentThread().getName());
            started.release();
            try {
                permits.acquire();
                super.write(table, batch);
                calls.add("written " + batch.rows().size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                calls.add("interrupted");
                throw new IllegalStateException("interrupted", e);
            } finally {
                exit();
                ended.release();
            }
        }

        @Override
        public void truncate(TableId table) {
            enter("truncate");
            try {
                super.truncate(table);
            } finally {
                exit();
            }
        }

        @Override
        public void truncateBefore(TableId table, long version) {
            enter("truncateBefore " + version);
            try {
                super.truncateBefore(table, version);
            } finally {
                exit();
            }
        }

        @Override
        public void close() {
            enter("close");
            closed = true;
            exit();
        }
    }

    final MirrorSinkTaskTest harness = new MirrorSinkTaskTest();
    final List<TestTask> started = new ArrayList<>();

    TestTask start(GatedWriter writer, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of("max.batch.size", "2", "flush.interval.ms", "60000"));
        props.putAll(extra);
        TestTask task = harness.start(props, writer, true);
        started.add(task);
        return task;
    }

    /**
     * A task with the default test settings whose first batch (records 0 and 1: full at two) is being written by
     * {@code writer}, blocked until its permits are released.
     */
    TestTask startWithTheFirstWriteInFlight(GatedWriter writer) throws InterruptedException {
        TestTask task = start(writer, Map.of());
        task.put(records(0, 2));
        await(writer.started);
        return task;
    }

    @AfterEach
    void stopTasks() {
        for (TestTask t : started) {
            ((GatedWriter) t.writer).permits.release(1000);
            t.stop();
        }
    }

    static Map<TopicPartition, OffsetAndMetadata> current(long offset) {
        return MirrorSinkTaskTest.current(offset);
    }

    static List<SinkRecord> records(int from, int to) {
        List<SinkRecord> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(upsert(i, ChangeOp.INSERT, i + 1, i + 1, "n" + i, "b" + i));
        }
        return out;
    }

    static void await(Semaphore s) throws InterruptedException {
        assertThat(s.tryAcquire(60, TimeUnit.SECONDS)).as("waited 60 s").isTrue();
    }

    /** Waits until a write has ended on the writer thread and its outcome is ready for the task to collect. */
    static void awaitEnded(GatedWriter writer, TestTask task) throws InterruptedException {
        await(writer.ended);
        waitUntil("the write's outcome is ready", () -> !task.writeRunning());
    }

    /** Waits (generously) until the condition holds, calling it on this thread. */
    static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("still waiting for: " + what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Calls preCommit until it commits {@code offset} (the write in flight ended and was collected). */
    static void awaitCommitted(TestTask task, long offset) throws InterruptedException {
        waitUntil("offset " + offset + " committed", () -> task.preCommit(current(10_000)).equals(Map.of(TP,
                new OffsetAndMetadata(offset))));
    }

    /** Runs {@code action} on a new thread and returns once that thread waits (blocked) or has ended. */
    static Thread runUntilBlocked(Runnable action) throws InterruptedException {
        Thread t = new Thread(action, "test-caller");
        t.start();
        waitUntil("the caller blocks or ends", () -> t.getState() == Thread.State.WAITING
                || t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.TERMINATED);
        return t;
    }

    /**
     * The task thread cuts a full buffer and reads on; the batch's records are collapsed on the writer thread. The
     * keys are structs that note the threads reading them: the task thread reads each at take (its check), the
     * writer thread when it collapses.
     */
    @Test
    void aCutBatchIsCollapsedOnTheWriterThread() throws Exception {
        GatedWriter writer = new GatedWriter();
        TestTask task = start(writer, Map.of());
        Set<String> keyReaders = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            org.apache.kafka.connect.data.Struct key = new org.apache.kafka.connect.data.Struct(Records.KEY) {
                @Override
                public Object get(org.apache.kafka.connect.data.Field field) {
                    keyReaders.add(Thread.currentThread().getName());
                    return super.get(field);
                }
            }.put("id", i + 1);
            records.add(Records.record(0, i, ChangeOp.INSERT, i + 1, key, Records.row(i + 1, "n" + i, "b" + i)));
        }
        String taskThread = Thread.currentThread().getName();
        task.put(records);
        await(writer.started);
        assertThat(keyReaders).contains(taskThread);
        assertThat(writer.writeThreads).hasSize(1);
        assertThat(keyReaders).containsAll(writer.writeThreads).hasSize(2);
        writer.permits.release();
        awaitEnded(writer, task);
        awaitCommitted(task, 2);
    }

    @Test
    void theTaskKeepsTakingRecordsWhileABatchIsWritten() throws Exception {
        GatedWriter writer = new GatedWriter();
        TestTask task = start(writer, Map.of("max.batch.size", "3"));
        task.put(records(0, 3)); // full: cut and handed to the writer thread
        await(writer.started);
        assertTimeoutPreemptively(LONG, () -> task.put(records(3, 5)), "put returns while the write is blocked");
        assertThat(task.preCommit(current(5))).as("nothing durable yet").isEmpty();
        assertThat(writer.rows).isEmpty();
        assertThat(writer.writeThreads).singleElement().asString().startsWith("mirror-m-sink-writer-");

        writer.permits.release();
        // 0..2 are written; 3 and 4 were buffered after the cut and are not
        awaitCommitted(task, 3);
        assertThat(writer.rows).hasSize(3);
        assertThat(task.preCommit(current(5))).isEqualTo(Map.of(TP, new OffsetAndMetadata(3)));

        task.put(records(5, 6)); // full again: the second batch goes out
        writer.permits.release();
        awaitCommitted(task, 6);
        assertThat(writer.batchSizes).containsExactly(3, 3);
        assertThat(writer.maxActive).hasValue(1);
    }

    @Test
    void theNextFlushWaitsForTheWriteInFlight() throws Exception {
        GatedWriter writer = new GatedWriter();
        TestTask task = startWithTheFirstWriteInFlight(writer);
        Thread caller = runUntilBlocked(() -> task.put(records(2, 4))); // full again: must wait for the first write
        assertThat(caller.getState()).as("the second flush waits").isNotEqualTo(Thread.State.TERMINATED);
        assertThat(writer.calls).containsExactly("ensureTable", "write 2");
        writer.permits.release(2);
        caller.join(LONG.toMillis());
        assertThat(caller.isAlive()).isFalse();
        awaitCommitted(task, 4);
        assertThat(writer.calls).containsExactly("ensureTable", "write 2", "written 2", "ensureTable", "write 2",
                "written 2");
        assertThat(writer.maxActive).hasValue(1);
    }

    @Test
    void preCommitDoesNotWaitForTheWriteInFlight() throws Exception {
        GatedWriter writer = new GatedWriter();
        TestTask task = startWithTheFirstWriteInFlight(writer);
        Map<TopicPartition, OffsetAndMetadata> committed = assertTimeoutPreemptively(LONG,
                () -> task.preCommit(current(2)), "preCommit returns while the write is blocked");
        assertThat(committed).isEmpty();
        writer.permits.release();
        awaitCommitted(task, 2);
    }

    @Test
    void aTransientFailureInTheBackgroundIsRetriedAndNothingIsCommittedBeforeItSucceeds() throws Exception {
        GatedWriter writer = new GatedWriter();
        writer.failNext = 1;
        TestTask task = start(writer, Map.of("retry.backoff.ms", "100", "retry.backoff.max.ms", "100"));
        task.put(records(0, 2));
        writer.permits.release();
        awaitEnded(writer, task); // the write failed on the writer thread
        // the next put gets the failure: Connect is to wait the backoff and deliver the same records again
        assertThatThrownBy(() -> task.put(records(2, 3))).isInstanceOf(RetriableException.class)
                .hasMessageContaining("writing 2 row(s) to items failed");
        assertThat(task.ctx().timeout).isEqualTo(100);
        assertThat(task.preCommit(current(3))).as("during the backoff: no write, no commit").isEmpty();
        assertThat(writer.calls).containsExactly("ensureTable", "write 2");

        harness.now.addAndGet(100);
        task.put(records(2, 3)); // redelivered: the kept batch is written again
        await(writer.started);
        assertThat(task.preCommit(current(3))).isEmpty();
        writer.permits.release();
        awaitCommitted(task, 2); // offset 2 is buffered, not written
        assertThat(writer.rows).hasSize(2);
        assertThat(writer.calls).containsExactly("ensureTable", "write 2", "write 2", "written 2");
    }

    @Test
    void aKeptBatchIsRetriedByAnOffsetCommitOnceTheBackoffPassed() throws Exception {
        GatedWriter writer = new GatedWriter();
        writer.failNext = 1;
        TestTask task = start(writer, Map.of("retry.backoff.ms", "100", "retry.backoff.max.ms", "100"));
        task.put(records(0, 2));
        writer.permits.release(2);
        awaitEnded(writer, task);
        assertThat(task.preCommit(current(2))).isEmpty(); // collects the failure: kept, backoff starts
        assertThat(task.preCommit(current(2))).isEmpty(); // too early to retry
        assertThat(writer.started.availablePermits()).isEqualTo(1);
        harness.now.addAndGet(100);
        awaitCommitted(task, 2);
        assertThat(writer.batchSizes).containsExactly(2);
    }

    @Test
    void exhaustingMaxRetriesFailsTheTask() throws Exception {
        GatedWriter writer = new GatedWriter();
        writer.failNext = 10;
        TestTask task = start(writer, Map.of("retry.backoff.ms", "1", "retry.backoff.max.ms", "1"));
        List<SinkRecord> batch = records(0, 2);
        task.put(batch);
        for (int failure = 1; failure <= 2; failure++) {
            writer.permits.release();
            awaitEnded(writer, task);
            assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
            task.put(batch); // after the backoff: the kept batch is written again
        }
        writer.permits.release();
        awaitEnded(writer, task);
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(ConnectException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("mirror m: writing 2 row(s) to items failed 3 times in a row, giving up (max.retries=2)");
        assertThat(task.preCommit(current(2))).isEmpty();
        assertThat(writer.rows).isEmpty();
    }

    @Test
    void aRejectedRowGoesToTheReporterAndTheRestIsWritten() throws Exception {
        GatedWriter writer = new GatedWriter();
        writer.rejectId = 2;
        TestTask task = start(writer, Map.of("errors.tolerance", "all"));
        List<SinkRecord> batch = records(0, 2);
        task.put(batch);
        writer.permits.release(2);
        awaitCommitted(task, 2);
        assertThat(task.ctx().errant).singleElement().isSameAs(batch.get(1));
        assertThat(writer.rows.keySet()).containsExactly(List.of(1));
        assertThat(writer.calls).containsExactly("ensureTable", "write 2", "write 1", "written 1");
    }

    @Test
    void aRejectedRowWithoutAReporterFailsTheTaskNamingIt() throws Exception {
        GatedWriter writer = new GatedWriter();
        writer.rejectId = 2;
        TestTask task = start(writer, Map.of());
        task.put(records(0, 2));
        writer.permits.release();
        awaitEnded(writer, task);
        assertThatThrownBy(() -> task.put(List.of())).isInstanceOf(ConnectException.class)
                .hasMessageContaining("mirror m: cannot write to table ")
                .hasMessageContaining("record topic m.public.items partition 0 offset 1, key [2], column id: value not accepted");
    }

    @Test
    void aTruncateWaitsForTheWriteInFlightAndFlushesFirst() throws Exception {
        GatedWriter writer = new GatedWriter();
        TestTask task = start(writer, Map.of("max.batch.size", "3"));
        task.put(records(0, 3)); // written in the background, blocked
        await(writer.started);
        List<SinkRecord> next = List.of(upsert(3, ChangeOp.INSERT, 4, 4, "d", "x"),
                Records.record(0, 4, ChangeOp.TRUNCATE, 10, null, null));
        Thread caller = runUntilBlocked(() -> task.put(next));
        assertThat(caller.getState()).as("the truncate waits").isNotEqualTo(Thread.State.TERMINATED);
        writer.permits.release(2);
        caller.join(LONG.toMillis());
        assertThat(caller.isAlive()).isFalse();
        assertThat(writer.calls).containsExactly("ensureTable", "write 3", "written 3", "ensureTable", "write 1",
                "written 1", "truncateBefore 10");
        assertThat(writer.rows).isEmpty();
        assertThat(task.preCommit(current(5))).isEqualTo(Map.of(TP, new OffsetAndMetadata(5)));
        assertThat(writer.maxActive).hasValue(1);
    }

    @Test
    void closeWaitsForTheWriteInFlight() throws Exception {
        GatedWriter writer = new GatedWriter();
        TestTask task = startWithTheFirstWriteInFlight(writer);
        Thread caller = runUntilBlocked(() -> task.close(Set.of(TP)));
        assertThat(caller.getState()).as("close waits").isNotEqualTo(Thread.State.TERMINATED);
        writer.permits.release();
        caller.join(LONG.toMillis());
        assertThat(caller.isAlive()).isFalse();
        assertThat(writer.rows).hasSize(2);
        assertThat(writer.calls).containsExactly("ensureTable", "write 2", "written 2");
    }

    @Test
    void stopWaitsForTheWriteInFlightThenClosesTheWriter() throws Exception {
        GatedWriter writer = new GatedWriter();
        TestTask task = startWithTheFirstWriteInFlight(writer);
        Thread caller = runUntilBlocked(task::stop);
        assertThat(caller.getState()).as("stop waits").isNotEqualTo(Thread.State.TERMINATED);
        assertThat(writer.closed).isFalse();
        writer.permits.release();
        caller.join(LONG.toMillis());
        assertThat(caller.isAlive()).isFalse();
        assertThat(writer.calls).containsExactly("ensureTable", "write 2", "written 2", "close");
    }

    @Test
    void stopAbandonsAWriteThatDoesNotEndAndClosesTheWriterAfterIt() throws Exception {
        GatedWriter writer = new GatedWriter();
        TestTask task = startWithTheFirstWriteInFlight(writer);
        task.closeWaitMs(50);
        assertTimeoutPreemptively(LONG, task::stop);
        await(writer.ended); // interrupted
        waitUntil("the writer is closed", () -> writer.closed);
        assertThat(writer.calls).containsExactly("ensureTable", "write 2", "interrupted", "close");
        assertThat(writer.maxActive).hasValue(1);
    }

    @Test
    void closeFailsTheTaskWhenTheWriteInFlightOutlivesTheCloseWait() throws Exception {
        // a rebalance must not hand the partitions on while their rows may still be landing: past the bound the
        // task fails, and resumes from the committed offsets (the batch's offsets were never committed)
        GatedWriter writer = new GatedWriter();
        TestTask task = startWithTheFirstWriteInFlight(writer);
        task.closeWaitMs(50);
        assertThatThrownBy(() -> assertTimeoutPreemptively(LONG, () -> task.close(Set.of(TP))))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("still running 50 ms after partitions");
        assertThat(task.preCommit(Map.of(TP, new OffsetAndMetadata(2)))).isEmpty();
        writer.permits.release();
        await(writer.ended);
    }

    @Test
    void aKeptBatchLosesTheRowsOfRevokedPartitions() throws Exception {
        GatedWriter writer = new GatedWriter();
        writer.failNext = 1;
        TestTask task = start(writer, Map.of("retry.backoff.ms", "1", "retry.backoff.max.ms", "1"));
        TopicPartition p1 = new TopicPartition(Records.TOPIC, 1);
        task.put(List.of(upsert(0, ChangeOp.INSERT, 1, 1, "a", "x"),
                Records.record(1, 0, ChangeOp.INSERT, 2, Records.key(2), Records.row(2, "b", "y"))));
        writer.permits.release(2);
        await(writer.ended);
        task.close(Set.of(p1)); // collects the failure: the batch is kept, without partition 1's row
        task.put(List.of());
        awaitCommitted(task, 1);
        assertThat(writer.rows.keySet()).containsExactly(List.of(1));
        assertThat(writer.calls).containsExactly("ensureTable", "write 2", "write 1", "written 1");
    }

    @Test
    void withNoWriteInFlightTheTaskWritesOnItsOwnThread() {
        GatedWriter writer = new GatedWriter();
        writer.permits.release(10);
        TestTask task = start(writer, Map.of("max.in.flight.writes", "0"));
        task.put(records(0, 2));
        assertThat(writer.rows).as("written before put returned").hasSize(2);
        assertThat(writer.writeThreads).containsExactly(Thread.currentThread().getName());
        assertThat(task.preCommit(current(2))).isEqualTo(Map.of(TP, new OffsetAndMetadata(2)));
    }
}
