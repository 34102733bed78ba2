package io.mirrorconnect.sink;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
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
 * <p>Errors: a transient destination error makes {@link #put} throw {@link RetriableException} after setting
 * the backoff as Connect's retry timeout; Connect redelivers the same records, which the task recognizes by
 * offset, and the flush is tried again, at most {@code max.retries} times in a row. A record the sink or the
 * destination cannot take goes to Connect's errant-record reporter when {@code errors.tolerance=all};
 * otherwise the task fails with a message naming its topic, partition, offset (and column, when one is at
 * fault). Nothing is dropped silently.
 */
public abstract class MirrorSinkTask extends SinkTask {
    private static final Logger log = LoggerFactory.getLogger(MirrorSinkTask.class);

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
    private int consecutiveFailures;
    /** When the last {@link #put} with records came (for the idle flush). */
    private long lastArrivalMs;
    /** After a transient failure: no flush is tried before this time (offset commits wait out the backoff too). */
    private long retryAtMs;
    private RuntimeException deferredFailure;
    private LongSupplier clock = System::currentTimeMillis;
    /** The last record's metadata, shared by the following rows whose metadata is equal (heap per buffered row). */
    private ChangeMetadata lastMeta;

    /** Parses the task's properties into the sink's config (a subclass of {@link SinkCoreConfig}). */
    protected abstract SinkCoreConfig parseConfig(Map<String, String> props);

    /** Opens the destination writer for this task. */
    protected abstract TableWriter openWriter(SinkCoreConfig config);

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
        log.info("mirror {}: sink task started for {} table(s), write mode {}, errant records {}", config.mirrorName(),
                config.tableMapping().size(), config.writeMode().configValue(),
                reporter == null ? "fail the task" : "go to the errant-record reporter");
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
        long now = clock.getAsLong();
        if (!records.isEmpty()) {
            lastArrivalMs = now;
        }
        for (SinkRecord r : records) {
            TopicPartition tp = new TopicPartition(r.topic(), r.kafkaPartition());
            if (!offsets.alreadyTaken(tp, r.kafkaOffset())) {
                take(r, tp, now);
            }
        }
        flushDue(now);
        pollAgainByNextDeadline(now);
    }

    /**
     * With rows buffered, asks Connect to call {@link #put} again (with no records if none came) by the time the
     * first buffer becomes due. Without this the worker's consumer poll blocks until its next offset commit
     * ({@code offset.flush.interval.ms}, 60 s by default), and neither the flush interval nor the idle flush
     * would be kept.
     */
    private void pollAgainByNextDeadline(long now) {
        long wait = -1;
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
            TableBuffer pending = buffers.get(table);
            if (pending != null) {
                flush(pending);
            }
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

    private void flushDue(long now) {
        for (TableBuffer buffer : buffers.values()) {
            if (flushPolicy.due(buffer, now, lastArrivalMs)) {
                flush(buffer);
            }
        }
    }

    private void flush(TableBuffer buffer) {
        if (buffer.isEmpty()) {
            return;
        }
        TableId table = buffer.table();
        CollapsedBatch batch = collapser.collapse(table, buffer.rows(), buffer.valueSchema());
        CollapsedBatch toEnsure = batch;
        attempt(() -> writer.ensureTable(table, toEnsure.keySchema(), toEnsure.valueSchema()), "preparing table " + table);
        buffer.schemaApplied();
        if (batch.mode() == WriteMode.OVERWRITE && batch.fromFirstOffset()) {
            attempt(() -> writer.truncate(table), "emptying " + table + " for overwrite");
        }
        while (!batch.rows().isEmpty()) {
            CollapsedBatch toWrite = batch;
            try {
                attempt(() -> writer.write(table, toWrite), "writing " + toWrite.rows().size() + " row(s) to " + table);
                break;
            } catch (RecordRejectedException e) {
                reject(e.row().source().record(), e.row().source().where(), e, table);
                batch = batch.without(e.row());
            }
        }
        log.debug("mirror {}: flushed {} record(s) as {} row(s) to {}", config.mirrorName(), batch.records(),
                batch.rows().size(), table);
        consecutiveFailures = 0;
        truncates.written(table, minVersion(batch));
        offsets.flushed(table, buffer.partitions());
        buffer.clear();
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
        if (deferredFailure == null && now >= retryAtMs) {
            try {
                flushDue(now);
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

    @Override
    public void close(Collection<TopicPartition> partitions) {
        for (TableBuffer b : buffers.values()) {
            b.removePartitions(partitions);
        }
        offsets.forget(partitions);
        truncates.clear();
    }

    @Override
    public void stop() {
        if (writer != null) {
            writer.close();
        }
    }
}
