package io.mirrorconnect.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mirrorconnect.contract.ChangeMetadata;
import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.TableId;

/**
 * The sink task every destination extends: reads contract records, buffers them per destination table, flushes
 * a table when its buffer is full or old enough (collapsing it to the newest version per key), and commits only
 * offsets whose records are durably written.
 *
 * <p>Writes: with {@code max.in.flight.writes=1} a flushed batch is written on the task's own background thread
 * ({@link WriteSlot}) while the task goes on reading; at most one write runs at a time, and before any other writer
 * call (the next write, {@code ensureTable}, a truncate, {@code close}) the task waits for it and handles its
 * outcome, on the task thread. With 0 the task waits for each write right away.
 *
 * <p>Errors: a transient destination error makes {@link #put} throw {@link RetriableException} after setting
 * the backoff as Connect's retry timeout; Connect redelivers the same records, which the task recognizes by
 * offset, and the flush is tried again, at most {@code max.retries} times in a row. A batch whose background write
 * failed transiently is kept ({@link PendingWrite}) and written again at the next {@link #put}, under the same
 * rules. A record the sink or the destination cannot take goes to Connect's errant-record reporter when
 * {@code errors.tolerance=all}; otherwise the task fails with a message naming its topic, partition, offset (and
 * column, when one is at fault). Nothing is dropped silently.
 */
public abstract class MirrorSinkTask extends SinkTask {
    private static final Logger log = LoggerFactory.getLogger(MirrorSinkTask.class);
    /** How long {@link #close} and {@link #stop} wait for a write in flight. */
    static final long CLOSE_WAIT_MS = 30_000;
    /** With a write in flight, Connect is asked to call {@link #put} again this soon, so its outcome is handled. */
    static final long IN_FLIGHT_POLL_MS = 100;

    private SinkCoreConfig config;
    private TableRouter router;
    private KeyExtractor keys;
    private BatchCollapser collapser;
    private FlushPolicy flushPolicy;
    private RetryPolicy retryPolicy;
    private TableWriter writer;
    private ErrantRecordReporter reporter;
    private final Map<TableId, TableBuffer> buffers = new LinkedHashMap<>();
    private final OffsetTracker offsets = new OffsetTracker();
    private final TruncateLedger truncates = new TruncateLedger();
    /** Where batch writes run (one at a time). */
    private WriteSlot slot;
    /** True: a flush hands its batch to the slot and returns; false: it waits for the write. */
    private boolean pipelined;
    /** A batch whose write failed transiently, written again at the next put (or offset commit after the backoff). */
    private PendingWrite retry;
    private int consecutiveFailures;
    /** When the last {@link #put} with records finished taking them (the idle flush counts quiet from there). */
    private long lastArrivalMs;
    /** After a transient failure: no flush is tried before this time (offset commits wait out the backoff too). */
    private long retryAtMs;
    private RuntimeException deferredFailure;
    private LongSupplier clock = System::currentTimeMillis;
    /** The last record's metadata, shared by the following rows whose metadata is equal (heap per buffered row). */
    private ChangeMetadata lastMeta;
    private long closeWaitMs = CLOSE_WAIT_MS;

    /** Parses the task's properties into the sink's config (a subclass of {@link SinkCoreConfig}). */
    protected abstract SinkCoreConfig parseConfig(Map<String, String> props);

    /** Opens the destination writer for this task. */
    protected abstract TableWriter openWriter(SinkCoreConfig config);

    /** Where the task's batch writes run: one background thread, or inline for {@code max.in.flight.writes=0}. */
    WriteSlot openWriteSlot(TableWriter writer, SinkCoreConfig config) {
        return config.maxInFlightWrites() > 0 ? WriteSlot.background(writer, config.mirrorName()) : WriteSlot.inline(writer);
    }

    /** For tests: how long close and stop wait for a write in flight. */
    void closeWaitMs(long ms) {
        closeWaitMs = ms;
    }

    /** For tests: true while a write runs on the writer thread. */
    boolean writeRunning() {
        return slot.running();
    }

    /** For tests: a controllable clock. */
    protected void clock(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public void start(Map<String, String> props) {
        config = parseConfig(props);
        router = new TableRouter(config.tableMapping());
        keys = new KeyExtractor(config.uniqueKeyColumns());
        collapser = new BatchCollapser(config.writeMode(), keys);
        flushPolicy = config.flushPolicy();
        retryPolicy = config.retryPolicy();
        reporter = "all".equalsIgnoreCase(props.getOrDefault("errors.tolerance", "none").trim()) ? errantReporter() : null;
        writer = openWriter(config);
        pipelined = config.maxInFlightWrites() > 0;
        slot = openWriteSlot(writer, config);
        log.info("mirror {}: sink task started for {} table(s), write mode {}, errant records {}, {}", config.mirrorName(),
                config.tableMapping().size(), config.writeMode().configValue(),
                reporter == null ? "fail the task" : "go to the errant-record reporter",
                pipelined ? "one write in flight while reading" : "waiting for each write");
    }

    private ErrantRecordReporter errantReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null; // worker older than Kafka 2.6
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (deferredFailure != null) {
            throw deferredFailure;
        }
        collectFinishedWrite();
        long now = clock.getAsLong();
        // after a transient failure Connect waited the backoff and redelivers: the kept batch is written first (a
        // failure an offset commit collected is retried at once, as a failed flush there always was)
        submitRetry();
        for (SinkRecord r : records) {
            TopicPartition tp = new TopicPartition(r.topic(), r.kafkaPartition());
            if (!offsets.alreadyTaken(tp, r.kafkaOffset())) {
                take(r, tp, now);
            }
        }
        if (!records.isEmpty()) {
            // quiet counts from the end of taking them: a flush among them may have waited for a write, and the
            // consumer was not quiet meanwhile, the task was busy
            now = clock.getAsLong();
            lastArrivalMs = now;
        }
        flushDue(now, true);
        collectFinishedWrite();
        pollAgainByNextDeadline(clock.getAsLong());
    }

    /**
     * With rows buffered, asks Connect to call {@link #put} again (with no records if none came) by the time the
     * first buffer becomes due. Without this the worker's consumer poll blocks until its next offset commit
     * ({@code offset.flush.interval.ms}, 60 s by default), and neither the flush interval nor the idle flush
     * would be kept. With a write in flight it asks for a call within {@link #IN_FLIGHT_POLL_MS}, so the write's
     * outcome (its offsets, or a failure to retry) is handled soon even when no record comes.
     */
    private void pollAgainByNextDeadline(long now) {
        long wait = slot.busy() ? IN_FLIGHT_POLL_MS : -1;
        for (TableBuffer buffer : buffers.values()) {
            long until = flushPolicy.untilDue(buffer, now, lastArrivalMs);
            if (until > 0 && (wait < 0 || until < wait)) {
                wait = until;
            }
        }
        if (wait > 0) {
            context.timeout(wait);
        }
    }

    private void take(SinkRecord r, TopicPartition tp, long now) {
        if (ChangeRow.isTombstone(r)) {
            offsets.done(tp, r.kafkaOffset());
            return;
        }
        ChangeRow row;
        TableId table;
        try {
            // the record itself is kept only for the errant-record reporter (it holds the consumed bytes)
            row = ChangeRow.read(r, reporter != null, lastMeta);
            lastMeta = row.meta();
            table = router.route(r.topic());
            if (row.op() != ChangeOp.TRUNCATE) {
                collapser.check(row);
            }
        } catch (DataException e) {
            reject(r, ChangeRow.where(r), e, null);
            offsets.done(tp, r.kafkaOffset());
            return;
        }
        if (row.op() == ChangeOp.TRUNCATE) {
            // the table's older rows first: the write in flight, then what is buffered
            TableBuffer pending = buffers.get(table);
            if (pending != null) {
                flush(pending);
            }
            awaitWriter();
            long version = row.version();
            if (truncates.needed(table, version)) {
                // version-guarded: removes what the source truncated, keeps later changes another task wrote
                attempt(() -> writer.truncateBefore(table, version), "truncating " + table);
                truncates.applied(table, version);
                consecutiveFailures = 0;
                log.info("mirror {}: truncated {}: removed rows older than version {} ({})", config.mirrorName(),
                        table, version, row.where());
            } else {
                log.debug("mirror {}: truncate {} at version {} already applied ({})", config.mirrorName(), table,
                        version, row.where());
            }
            offsets.done(tp, r.kafkaOffset());
            return;
        }
        TableBuffer buffer = buffers.computeIfAbsent(table, TableBuffer::new);
        buffer.add(row, now);
        offsets.buffered(tp, r.kafkaOffset(), table);
        if (flushPolicy.full(buffer)) {
            flush(buffer);
        }
    }

    /**
     * Flushes the due tables. With {@code mayWait} false (an offset commit) it stops at the first one that would
     * have to wait for a write in flight.
     */
    private void flushDue(long now, boolean mayWait) {
        for (TableBuffer buffer : buffers.values()) {
            if (!mayWait && slot.busy()) {
                return;
            }
            if (flushPolicy.due(buffer, now, lastArrivalMs)) {
                flush(buffer);
            }
        }
    }

    /**
     * Cuts the table's buffer into a batch and hands it to the write slot, after the write in flight (if any) has
     * ended and the table is ready ({@code ensureTable}, and overwrite's emptying, on the task thread). The batch's
     * records are collapsed by the write itself ({@link PendingWrite#batch}), on the writer thread when pipelined.
     * Without pipelining it also waits for this write.
     */
    private void flush(TableBuffer buffer) {
        if (buffer.isEmpty()) {
            return;
        }
        awaitWriter();
        TableId table = buffer.table();
        log.debug("mirror {}: cutting a batch of {} record(s) for {}", config.mirrorName(), buffer.size(), table);
        List<ChangeRow> rows = new ArrayList<>(buffer.rows());
        Schema valueSchema = buffer.valueSchema();
        Schema keySchema = collapser.keySchema(rows);
        attempt(() -> writer.ensureTable(table, keySchema, valueSchema), "preparing table " + table);
        buffer.schemaApplied();
        if (config.writeMode() == WriteMode.OVERWRITE && BatchCollapser.fromFirstOffset(rows)) {
            attempt(() -> writer.truncate(table), "emptying " + table + " for overwrite");
        }
        PendingWrite write = PendingWrite.collapsing(table, rows.size(),
                () -> collapser.collapse(table, rows, valueSchema), offsets.cut(table));
        buffer.clear(clock.getAsLong(), flushPolicy.full(buffer));
        submit(write);
        if (!pipelined) {
            awaitWriter();
        }
    }

    /** Writes the batch kept after a transient failure, if any (the slot is then empty: its failure was collected). */
    private void submitRetry() {
        if (retry != null && !slot.busy()) {
            PendingWrite write = retry;
            retry = null;
            submit(write);
        }
    }

    private void submit(PendingWrite write) {
        if (write.knownEmpty()) {
            written(write); // every row went to the errant-record reporter
        } else {
            slot.submit(write);
        }
    }

    /** Handles the outcome of a write that has ended, without waiting for one still running. */
    private void collectFinishedWrite() {
        WriteSlot.Outcome outcome;
        while ((outcome = slot.poll()) != null) {
            handle(outcome);
        }
    }

    /**
     * Waits until no write is in flight or kept: the write in flight, the rewrites a rejected row causes, and the
     * batch kept for a retry (always written before any newer one); handles each outcome.
     */
    private void awaitWriter() {
        submitRetry();
        while (slot.busy()) {
            handle(slot.await());
        }
    }

    /**
     * On the task thread: the bookkeeping of a successful write; a rejected row reported and the rest written again;
     * a transient failure kept for a retry (thrown as {@link RetriableException}, Connect waits the backoff); any
     * other failure, or too many in a row, fails the task.
     */
    private void handle(WriteSlot.Outcome outcome) {
        PendingWrite write = outcome.write();
        Throwable error = outcome.error();
        if (error == null) {
            written(write);
        } else if (error instanceof RecordRejectedException e) {
            reject(e.row().source().record(), e.row().source().where(), e, write.table());
            submit(write.without(e.row()));
        } else if (error instanceof RuntimeException e) {
            retry = write; // kept for the retry if the failure is transient; any other fails the task
            failed(e, write.description());
        } else {
            throw new ConnectException("mirror " + config.mirrorName() + ": " + write.description() + " failed: " + error,
                    error);
        }
    }

    private void written(PendingWrite write) {
        CollapsedBatch batch = write.batch();
        log.debug("mirror {}: flushed {} record(s) as {} row(s) to {}", config.mirrorName(), batch.records(),
                batch.rows().size(), write.table());
        consecutiveFailures = 0;
        truncates.written(write.table(), minVersion(batch));
        offsets.written(write.segment());
    }

    private static long minVersion(CollapsedBatch batch) {
        long min = Long.MAX_VALUE;
        for (CollapsedRow r : batch.rows()) {
            min = Math.min(min, r.version());
        }
        return min;
    }

    /**
     * Runs a destination operation. Transient failures become a {@link RetriableException} (Connect waits the
     * backoff, then redelivers) until {@code max.retries} consecutive failures; other failures fail the task.
     */
    private void attempt(Runnable op, String what) {
        try {
            op.run();
        } catch (RecordRejectedException e) {
            throw e;
        } catch (RuntimeException e) {
            failed(e, what);
        }
    }

    /** A destination operation failed: always throws, {@link RetriableException} while retries are left. */
    private void failed(RuntimeException e, String what) {
        if (!writer.isTransient(e)) {
            throw new ConnectException("mirror " + config.mirrorName() + ": " + what + " failed: " + e.getMessage(), e);
        }
        consecutiveFailures++;
        if (!retryPolicy.mayRetry(consecutiveFailures)) {
            throw new ConnectException("mirror " + config.mirrorName() + ": " + what + " failed " + consecutiveFailures
                    + " times in a row, giving up (max.retries=" + retryPolicy.maxRetries() + "): " + e.getMessage(), e);
        }
        long wait = retryPolicy.backoffMs(consecutiveFailures);
        retryAtMs = clock.getAsLong() + wait;
        log.warn("mirror {}: {} failed (attempt {} of {}), retrying in {} ms: {}", config.mirrorName(), what,
                consecutiveFailures, retryPolicy.maxRetries() + 1, wait, e.toString());
        context.timeout(wait);
        throw new RetriableException(what + " failed: " + e.getMessage(), e);
    }

    /**
     * Sends a record the sink cannot take to the errant-record reporter, or fails the task naming it.
     *
     * @param record the record (kept whenever there is a reporter; may be null without one)
     * @param where  "topic t partition p offset o" of the record
     */
    private void reject(SinkRecord record, String where, DataException error, TableId table) {
        String message = (table == null ? "" : "to table " + table + ": ")
                + (error.getMessage() != null && error.getMessage().contains(where) ? error.getMessage()
                : "record " + where + ": " + error.getMessage());
        if (reporter == null) {
            throw new ConnectException("mirror " + config.mirrorName() + ": cannot write " + message
                    + ". To keep the mirror running and set such records aside, give the mirror a dead letter topic"
                    + " (mirror option dead_letter_topic, i.e. errors.tolerance=all with"
                    + " errors.deadletterqueue.topic.name); to keep the value, change the column's mapping or fix it"
                    + " at the source", error);
        }
        Future<Void> done = reporter.report(record, error);
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while reporting errant record " + where, e);
        } catch (ExecutionException e) {
            throw new ConnectException("could not report errant record " + where + ": " + e.getCause(), e.getCause());
        }
        log.warn("mirror {}: reported errant record: {}", config.mirrorName(), message);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        long now = clock.getAsLong();
        if (deferredFailure == null) {
            try {
                // never waits for a write in flight: it only collects one that has ended
                collectFinishedWrite();
                if (now >= retryAtMs) {
                    submitRetry();
                    flushDue(now, false);
                    collectFinishedWrite();
                }
            } catch (RetriableException e) {
                log.info("mirror {}: flush before offset commit deferred: {}", config.mirrorName(), e.getMessage());
            } catch (RuntimeException e) {
                // a throw here would make the worker rewind; fail on the next put() instead
                deferredFailure = e;
            }
        }
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        offsets.committable().forEach((tp, o) -> {
            if (currentOffsets.containsKey(tp)) {
                out.put(tp, o);
            }
        });
        return out;
    }

    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        // preCommit does the work; records not yet flushed are simply not committed
    }

    /**
     * Partitions are revoked (rebalance, or the task stops): waits for the write in flight (up to
     * {@link #CLOSE_WAIT_MS}; longer fails the task, which resumes from the committed offsets), then drops the
     * revoked partitions' buffered records and their rows from a batch kept for a retry: their next owner reads them
     * again from the committed offset.
     */
    @Override
    public void close(Collection<TopicPartition> partitions) {
        if (slot != null && slot.busy()) {
            WriteSlot.Outcome outcome;
            try {
                outcome = slot.await(closeWaitMs);
            } catch (TimeoutException e) {
                throw new ConnectException("mirror " + config.mirrorName() + ": a write was still running "
                        + closeWaitMs + " ms after partitions " + partitions + " were revoked", e);
            }
            try {
                handle(outcome);
                awaitWriter();
            } catch (RetriableException e) {
                log.info("mirror {}: a write failed while partitions were revoked; retried on the next put: {}",
                        config.mirrorName(), e.getMessage());
            } catch (RuntimeException e) {
                deferredFailure = e;
            }
        }
        if (retry != null) {
            retry = retry.withoutPartitions(partitions);
        }
        for (TableBuffer b : buffers.values()) {
            b.removePartitions(partitions);
        }
        offsets.forget(partitions);
        truncates.clear();
    }

    /**
     * Waits up to {@link #CLOSE_WAIT_MS} for a write in flight, then closes the writer. A write still running is
     * abandoned (its offsets were never committed, so its records are read again) and the writer is closed once it
     * has ended.
     */
    @Override
    public void stop() {
        if (slot != null) {
            PendingWrite abandoned = slot.close(closeWaitMs);
            if (abandoned != null) {
                log.warn("mirror {}: stopping with a write still running after {} ms, abandoned ({}); its records were"
                        + " not committed and are read again", config.mirrorName(), closeWaitMs, abandoned.description());
            }
        } else if (writer != null) {
            writer.close();
        }
    }
}
