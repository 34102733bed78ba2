package io.mirrorconnect.pgcdc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.catalog.CatalogReader;
import io.mirrorconnect.pgcdc.catalog.ShapeFactory;
import io.mirrorconnect.pgcdc.catalog.TableShapes;
import io.mirrorconnect.pgcdc.coordination.TaskRole;
import io.mirrorconnect.pgcdc.offsets.BlockRanges;
import io.mirrorconnect.pgcdc.offsets.BlockRanges.Range;
import io.mirrorconnect.pgcdc.offsets.ResumePlan;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets.SnapshotProgress;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets.StreamPosition;
import io.mirrorconnect.pgcdc.offsets.StoredProgress;
import io.mirrorconnect.pgcdc.preflight.Preflight;
import io.mirrorconnect.pgcdc.replication.LsnTracker;
import io.mirrorconnect.pgcdc.schema.TableSchema;
import io.mirrorconnect.pgcdc.replication.ReplicationStream;
import io.mirrorconnect.pgcdc.replication.SlotManager;
import io.mirrorconnect.pgcdc.snapshot.SnapshotEvent;
import io.mirrorconnect.pgcdc.snapshot.SnapshotPlanning;
import io.mirrorconnect.pgcdc.snapshot.SnapshotRunner;
import io.mirrorconnect.pgcdc.snapshot.TableJob;
import io.mirrorconnect.pgcdc.streaming.ChangeStream;

/**
 * A task of a mirror. In its {@code stream} role (the only one when tasks.max = 1): snapshot the tables that
 * need it (under the slot's exported snapshot, or a fresh one when resuming), then stream the slot. In a snapshot
 * spread over several tasks ({@link TaskRole}): read the assigned block ranges under the connector's exported
 * snapshot, or wait. See docs/pg-cdc-source.md for the algorithm and its offsets.
 */
public class PgCdcSourceTask extends SourceTask {
    private static final Logger LOG = LoggerFactory.getLogger(PgCdcSourceTask.class);
    static final String HEARTBEAT_PREFIX = "mirrorconnect_heartbeat";
    /**
     * Most records one poll() hands to Connect, whatever max.batch.size allows, and about the rows the snapshot's
     * queue holds. On a backlog the stream never runs dry, and a poll of max.batch.size (250,000 by default)
     * changes read for seconds, holding them all on the heap (young collections copying them), before the worker
     * converted and sent the first; the snapshot's queue of up to 20,000 rows plus a poll's as many kept ~40,000
     * records in flight, and the worker's GC time with them (docs/perf/pg-cdc-source-profile.md, "In a worker").
     */
    static final int POLL_RECORDS = 5_000;

    private PgCdcSourceConfig config;
    private TaskRole.Kind role;
    private Long completeEpoch;
    /** A snapshot-role task read all its ranges (or a waiting task): poll() only idles. */
    private boolean idle;
    private PgConnections connections;
    private Connection admin;
    private ChangeRecordFactory records;
    private ShapeFactory shapes;

    private long epoch;
    private Lsn streamStart;
    private StreamPosition resumeAfter;
    private Set<TableId> snapshotted;

    private Connection exporter;
    private SnapshotRunner snapshot;
    private long snapshotTimeMicros;
    /** A chunk of snapshot rows partly handed out (max.batch.size reached inside it), and its next row. */
    private SnapshotEvent.Rows pendingRows;
    private int pendingAt;

    private LsnTracker tracker;
    private ChangeStream changes;
    private long lastHeartbeat;
    private volatile boolean stopping;
    /** This start's steps and the time to its first records (logged once). */
    private StartupTimer startup;

    @Override
    public String version() {
        return new PgCdcSourceConnector().version();
    }

    @Override
    public void start(Map<String, String> props) {
        startup = StartupTimer.start();
        config = new PgCdcSourceConfig(props);
        role = TaskRole.kind(props);
        completeEpoch = TaskRole.completeEpoch(props);
        connections = new PgConnections(config);
        records = new ChangeRecordFactory(config.topicPrefix(), config.tombstonesOnDelete(), config.topicPartitions());
        if (role == TaskRole.Kind.WAIT) {
            idle = true;
            LOG.info("mirror {}: waiting for the connector to plan the snapshot", config.mirrorName());
            return;
        }
        if (role == TaskRole.Kind.SNAPSHOT) {
            startSlice(TaskRole.sliceWork(props)); // the connector ran the preflight
            return;
        }
        Map<String, List<String>> problems = Preflight.run(config);
        if (!problems.isEmpty()) {
            throw new ConnectException("mirror " + config.mirrorName() + " cannot start: " + problems);
        }
        startup.step("preflight");
        try {
            admin = connections.open("admin");
            shapes = TableShapes.factory(config, records);
            shapes.refreshTypes(admin);
            startup.step("admin connection and types");
            SlotManager.ensurePublication(admin, config.publicationName(), config.tables(),
                    config.publicationUserSupplied());
            startup.step("publication");
            prepare();
            LOG.info("mirror {}: task started: {}", config.mirrorName(), startup.summary());
        } catch (SQLException e) {
            closeQuietly();
            throw new ConnectException("mirror " + config.mirrorName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A share of a spread snapshot: read the assigned ranges not yet delivered (a restarted task redoes only
     * those) under the connector's exported snapshot, recording them under this slice's source partitions.
     */
    private void startSlice(TaskRole.SliceWork work) {
        String mirror = config.mirrorName();
        epoch = work.epoch();
        try {
            admin = connections.open("admin");
            shapes = TableShapes.factory(config, records);
            shapes.refreshTypes(admin);
            Map<TableId, SnapshotProgress> progress = StoredProgress.read(context.offsetStorageReader(), mirror,
                    List.copyOf(work.ranges().keySet()));
            List<TableJob> jobs = new ArrayList<>();
            Map<TableJob, List<Range>> toRead = new HashMap<>();
            for (Map.Entry<TableId, List<Range>> e : work.ranges().entrySet()) {
                TableId t = e.getKey();
                SnapshotProgress p = progress.get(t);
                BlockRanges done = p != null && p.epoch() == epoch ? p.done() : BlockRanges.empty();
                List<Range> missing = new ArrayList<>();
                for (Range r : e.getValue()) {
                    missing.addAll(done.missingFrom(r));
                }
                if (missing.isEmpty()) {
                    continue;
                }
                long oid = CatalogReader.oid(admin, t);
                TableJob job = new TableJob(oid, shapes.forTable(admin, oid, t), done,
                        SourceOffsets.snapshotSlicePartition(mirror, t, work.slice()));
                jobs.add(job);
                toRead.put(job, missing);
            }
            admin.close();
            admin = null;
            if (jobs.isEmpty()) {
                LOG.info("mirror {}: snapshot slice {} was already delivered", mirror, work.slice());
                idle = true;
                return;
            }
            snapshotTimeMicros = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
            int capacity = snapshotQueueRows(config.maxBatchSize());
            snapshot = new SnapshotRunner(connections, work.snapshotName(), jobs,
                    new AssignedRanges(toRead, new SnapshotPlanning(config.snapshotRowsPerPartition(), config.snapshotCopyFormat())),
                    config.snapshotTablesInParallel(), config.snapshotWorkersPerTable(), capacity);
            snapshot.start();
            LOG.info("mirror {}: snapshot slice {} started: {} (epoch {})", mirror, work.slice(),
                    toRead.values().stream().mapToInt(List::size).sum() + " ranges of " + jobs.size() + " tables",
                    epoch);
        } catch (SQLException e) {
            closeQuietly();
            throw new ConnectException("mirror " + config.mirrorName() + ": " + e.getMessage(), e);
        }
    }

    /** The ranges the connector assigned to this task (no size statistics needed). */
    private record AssignedRanges(Map<TableJob, List<Range>> ranges, SnapshotPlanning sql)
            implements SnapshotRunner.Planner {
        @Override
        public List<Range> ranges(TableJob job, CatalogReader.TableStats stats) {
            return ranges.get(job);
        }

        @Override
        public String copySql(TableJob job, Range range) {
            return sql.copySql(job, range);
        }

        @Override
        public boolean needsStats() {
            return false;
        }
    }

    /** Decides what to snapshot and where to stream from, from the slot and the stored offsets. */
    private void prepare() throws SQLException {
        String mirror = config.mirrorName();
        StreamPosition stored = StreamPosition.fromOffset(
                context.offsetStorageReader().offset(SourceOffsets.streamPartition(mirror)));
        Map<TableId, SnapshotProgress> progress = new HashMap<>(
                StoredProgress.read(context.offsetStorageReader(), mirror, config.tables()));
        if (completeEpoch != null) {
            // after a spread snapshot the connector saw every range of this epoch delivered (ranges without
            // rows were never assigned, so no offset records them); a stream position of another epoch
            // belongs to an older slot
            if (stored != null && stored.epoch() != completeEpoch) {
                stored = null;
            }
            for (TableId t : config.tables()) {
                progress.put(t, new SnapshotProgress(completeEpoch,
                        BlockRanges.of(List.of(new Range(0, BlockRanges.UNBOUNDED))), true));
            }
        }
        int version = SlotManager.serverVersionNum(admin);
        Optional<SlotManager.SlotInfo> slot = SlotManager.slot(admin, config.slotName());
        startup.step("offsets and slot");
        String snapshotName = null;
        ResumePlan plan;
        if (slot.isEmpty()) {
            Connection repl = connections.openReplication("slot");
            SlotManager.CreatedSlot created = SlotManager.createSlot(repl, config.slotName(),
                    config.snapshotEnabled(), version);
            if (stored != null || !progress.isEmpty()) {
                LOG.warn("slot {} was missing and is new: offsets of the old slot are ignored; every table is "
                        + "copied again", config.slotName());
            }
            plan = ResumePlan.newSlot(config.tables(), config.snapshotEnabled(), created.consistentPoint());
            streamStart = created.consistentPoint();
            if (config.snapshotEnabled()) {
                exporter = repl; // must stay open, running nothing else, until the snapshot ends
                snapshotName = created.snapshotName();
            } else {
                repl.close();
            }
        } else {
            streamStart = slot.get().confirmedFlush();
            plan = ResumePlan.existingSlot(config.tables(), config.snapshotEnabled(), streamStart, stored, progress);
            if (!plan.toSnapshot().isEmpty()) {
                snapshotName = exportFreshSnapshot();
                LOG.info("resuming mirror {}: snapshot of {} (unfinished or new) under a fresh snapshot {}, then "
                        + "streaming from {}", mirror, plan.toSnapshot(), snapshotName, streamStart);
            }
        }
        epoch = plan.epoch();
        resumeAfter = plan.resumeAfter();
        List<TableId> toSnapshot = plan.toSnapshot();
        snapshotted = new LinkedHashSet<>(config.tables());
        tracker = new LsnTracker(streamStart);
        startup.step(slot.isEmpty() ? "slot created" : snapshotName != null ? "snapshot exported" : "plan");
        if (toSnapshot.isEmpty()) {
            startStreaming();
            startup.step("replication started");
            return;
        }
        List<TableJob> jobs = new ArrayList<>();
        for (TableId t : toSnapshot) {
            long oid = CatalogReader.oid(admin, t);
            jobs.add(new TableJob(oid, shapes.forTable(admin, oid, t), plan.doneOf(t),
                    SourceOffsets.snapshotPartition(mirror, t)));
        }
        snapshotTimeMicros = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
        int capacity = snapshotQueueRows(config.maxBatchSize());
        snapshot = new SnapshotRunner(connections, snapshotName, jobs,
                new SnapshotPlanning(config.snapshotRowsPerPartition(), config.snapshotCopyFormat()),
                config.snapshotTablesInParallel(), config.snapshotWorkersPerTable(), capacity);
        snapshot.start();
        startup.step("snapshot started");
        LOG.info("mirror {}: snapshot of {} tables started (epoch {})", mirror, jobs.size(), epoch);
    }

    /** A coordinator transaction exports a fresh snapshot; it stays open until the snapshot ends. */
    private String exportFreshSnapshot() throws SQLException {
        exporter = connections.open("snapshot-export");
        exporter.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        exporter.setReadOnly(true);
        exporter.setAutoCommit(false);
        try (Statement st = exporter.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void startStreaming() throws SQLException {
        closeExporter();
        if (admin == null || admin.isClosed() || !admin.isValid(5)) {
            admin = connections.open("admin");
        }
        ReplicationStream stream = openStream();
        changes = new ChangeStream(stream, tracker, resumeAfter, epoch, new LinkedHashSet<>(config.tables()),
                snapshotted, shapes, admin, records, config.mirrorName());
        lastHeartbeat = System.currentTimeMillis();
    }

    /**
     * Starts the stream; while the slot is still held by a previous reader (a crashed worker's walsender lingers
     * until Postgres notices, at most wal_sender_timeout), retries for up to two minutes.
     */
    private ReplicationStream openStream() throws SQLException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            Connection repl = connections.openReplication("stream");
            try {
                return ReplicationStream.start(repl, config.slotName(), config.publicationName(), streamStart,
                        config.statusIntervalMs());
            } catch (SQLException e) {
                repl.close();
                if (!"55006".equals(e.getSQLState()) || System.currentTimeMillis() > deadline || stopping) {
                    throw e;
                }
                LOG.info("slot {} is still in use ({}); retrying", config.slotName(), e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> out = pollRecords();
        if (out != null && startup != null) {
            long ms = startup.firstRecords();
            if (ms >= 0) {
                LOG.info("mirror {}: first {} records handed to Connect {} ms after the task's start began",
                        config.mirrorName(), out.size(), ms);
            }
        }
        return out;
    }

    private List<SourceRecord> pollRecords() throws InterruptedException {
        try {
            if (snapshot != null) {
                return pollSnapshot();
            }
            if (idle) {
                Thread.sleep(1000); // a snapshot slice done (or a waiting task): the connector reconfigures
                return null;
            }
            if (changes == null) {
                startStreaming(); // reconnecting after a lost connection
            }
            heartbeatIfDue();
            List<SourceRecord> out = changes.poll(pollRecords(config.maxBatchSize()), 500);
            return out.isEmpty() ? null : out;
        } catch (SQLException e) {
            if (stopping) {
                return null;
            }
            if (snapshot == null && connectionLost(e)) {
                dropStream(e);
                Thread.sleep(1000);
                return null;
            }
            throw new ConnectException("mirror " + config.mirrorName() + ": " + e.getMessage(), e);
        }
    }

    /** Most records of one poll: max.batch.size, at most {@link #POLL_RECORDS}. */
    static int pollRecords(int maxBatchSize) {
        return Math.min(maxBatchSize, POLL_RECORDS);
    }

    /** About how many rows the snapshot's queue holds: max.batch.size, within 1,000 and {@link #POLL_RECORDS}. */
    static int snapshotQueueRows(int maxBatchSize) {
        return Math.max(1000, Math.min(maxBatchSize, POLL_RECORDS));
    }

    /** Connection failures and server shutdowns (SQLSTATE class 08, 57P01-57P03) are retried; nothing else. */
    static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    /**
     * Forgets the broken stream. The next poll reconnects and resumes after the last record handed to Connect
     * (those are in the producer's hands); Postgres resends from the slot's confirmed position, the tracker keeps
     * waiting for the acknowledgements still outstanding, so nothing is confirmed early and nothing is lost.
     */
    private void dropStream(SQLException cause) {
        LOG.warn("mirror {}: replication connection lost ({}); reconnecting", config.mirrorName(), cause.getMessage());
        if (changes != null) {
            StreamPosition last = changes.lastPosition();
            if (last != null) {
                resumeAfter = last;
            }
            changes.close();
            changes = null;
        }
        streamStart = tracker.flushable();
    }

    /**
     * Up to max.batch.size snapshot records. Readers hand rows over in chunks; a chunk that does not fit whole is
     * finished by the next poll. A partition is marked done at its last row, so every record's offset covers
     * exactly the partitions whose rows were all handed out up to and including that record.
     */
    private List<SourceRecord> pollSnapshot() throws InterruptedException, SQLException {
        int max = pollRecords(config.maxBatchSize());
        List<SourceRecord> out = new ArrayList<>(Math.min(max, 4096));
        while (out.size() < max) {
            if (pendingRows != null) {
                takeRows(out, max);
                continue;
            }
            SnapshotEvent e = out.isEmpty() ? snapshot.queue().poll(500, TimeUnit.MILLISECONDS)
                    : snapshot.queue().poll();
            if (e == null) {
                break;
            }
            if (e instanceof SnapshotEvent.Rows rows) {
                pendingRows = rows;
                pendingAt = 0;
            } else if (e instanceof SnapshotEvent.EmptyPartition empty) {
                empty.job().markDone(empty.partition());
            } else if (e instanceof SnapshotEvent.Failed failed) {
                if (role == TaskRole.Kind.SNAPSHOT && snapshotGone(failed.error())) {
                    throw new ConnectException("snapshot of mirror " + config.mirrorName() + " failed: the "
                            + "connector's exported snapshot is gone (its worker or connection ended); the "
                            + "connector plans again under a fresh snapshot and restarts this task: "
                            + failed.error().getMessage(), failed.error());
                }
                throw new ConnectException("snapshot of mirror " + config.mirrorName() + " failed: "
                        + failed.error().getMessage(), failed.error());
            } else if (e instanceof SnapshotEvent.Finished && role == TaskRole.Kind.SNAPSHOT) {
                LOG.info("mirror {}: snapshot slice read; the connector starts streaming once every slice is "
                        + "delivered", config.mirrorName());
                snapshot.close();
                snapshot = null;
                idle = true;
                break;
            } else if (e instanceof SnapshotEvent.Finished) {
                LOG.info("mirror {}: snapshot finished; streaming from {}", config.mirrorName(), streamStart);
                snapshot.close();
                snapshot = null;
                startStreaming();
                break;
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** Records of the pending chunk, as many as fit in {@code max}; forgets the chunk once all are taken. */
    private void takeRows(List<SourceRecord> out, int max) {
        SnapshotEvent.Rows rows = pendingRows;
        TableJob job = rows.job();
        TableSchema shape = job.shape();
        int end = Math.min(rows.size(), pendingAt + (max - out.size()));
        for (int i = pendingAt; i < end; i++) {
            if (rows.lastOfPartition() && i == rows.size() - 1) {
                job.markDone(rows.partition());
            }
            out.add(records.snapshotRecord(job.sourcePartition(), job.offset(epoch), shape.topic(),
                    shape.keySchema(), rows.keys()[i], shape.valueSchema(), rows.values()[i], snapshotTimeMicros));
        }
        pendingAt = end;
        if (end == rows.size()) {
            pendingRows = null;
        }
    }

    /** SET TRANSACTION SNAPSHOT of a snapshot that no longer exists: SQLSTATE 42704 (undefined_object). */
    private static boolean snapshotGone(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && "42704".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private void heartbeatIfDue() {
        long interval = config.heartbeatIntervalMs();
        long now = System.currentTimeMillis();
        if (interval <= 0 || now - lastHeartbeat < interval) {
            return;
        }
        lastHeartbeat = now;
        try {
            if (admin == null || admin.isClosed() || !admin.isValid(2)) {
                admin = connections.open("admin");
            }
            SlotManager.heartbeat(admin, HEARTBEAT_PREFIX);
        } catch (SQLException e) {
            LOG.warn("heartbeat failed (retried in {} ms): {}", interval, e.getMessage());
        }
    }

    /** Kafka acknowledged the record: its transaction may now become confirmable to the slot. */
    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        Object commitLsn = record.sourceOffset().get(SourceOffsets.COMMIT_LSN);
        if (commitLsn != null && tracker != null) {
            tracker.recordAcked(Lsn.valueOf(((Number) commitLsn).longValue()));
        }
    }

    @Override
    public void stop() {
        stopping = true;
        closeQuietly();
    }

    private void closeExporter() {
        if (exporter != null) {
            try {
                exporter.close();
            } catch (SQLException e) {
                LOG.debug("closing the snapshot exporter: {}", e.getMessage());
            }
            exporter = null;
        }
    }

    private void closeQuietly() {
        if (snapshot != null) {
            snapshot.close();
        }
        closeExporter();
        if (changes != null) {
            changes.close();
        }
        if (admin != null) {
            try {
                admin.close();
            } catch (SQLException e) {
                LOG.debug("closing the admin connection: {}", e.getMessage());
            }
        }
    }
}
