package io.mirrorconnect.pgcdc.coordination;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceConnectorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.PgCdcSourceConfig;
import io.mirrorconnect.pgcdc.PgConnections;
import io.mirrorconnect.pgcdc.catalog.CatalogReader;
import io.mirrorconnect.pgcdc.offsets.BlockRanges.Range;
import io.mirrorconnect.pgcdc.offsets.ResumePlan;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets.SnapshotProgress;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets.StreamPosition;
import io.mirrorconnect.pgcdc.offsets.StoredProgress;
import io.mirrorconnect.pgcdc.preflight.Preflight;
import io.mirrorconnect.pgcdc.replication.SlotManager;
import io.mirrorconnect.pgcdc.snapshot.SnapshotPlanning;

/**
 * The connector's side of a snapshot spread over several tasks (tasks.max &gt; 1). On its own thread (creating a
 * slot waits for running transactions; the herder must never wait):
 *
 * <ol>
 *   <li>creates the slot with an exported snapshot (or, when the slot exists and tables still need a snapshot,
 *       exports a fresh one: the single task's recovery rule) and keeps the exporting connection open;</li>
 *   <li>plans every table's remaining CTID ranges under that snapshot, drops the ranges without a visible row
 *       (so every assigned range ends with a record that carries its completion), and assigns them to slices
 *       ({@link SliceAssignment});</li>
 *   <li>publishes one {@code snapshot} task config per slice and asks Connect to reconfigure;</li>
 *   <li>watches the committed offsets of the slices until every assigned range is delivered, then closes the
 *       export and publishes a single {@code stream} task that streams from the slot's consistent point.</li>
 * </ol>
 *
 * If the exporting connection dies meanwhile (Postgres restarted, the backend was terminated), it plans again
 * under a fresh snapshot from the progress stored so far. See docs/pg-cdc-source.md, "Spreading the snapshot".
 */
public final class SnapshotCoordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCoordinator.class);
    private static final long WATCH_INTERVAL_MS = 1000;

    private final PgCdcSourceConfig config;
    private final Map<String, String> props;
    private final int tasks;
    private final SourceConnectorContext context;
    private final PgConnections connections;
    private volatile List<Map<String, String>> taskConfigs;
    private volatile boolean stopping;
    private Thread thread;
    private Connection exporter;
    private int exporterPid;

    public SnapshotCoordinator(PgCdcSourceConfig config, Map<String, String> props, int tasks,
                               SourceConnectorContext context) {
        this.config = config;
        this.props = Map.copyOf(props);
        this.tasks = tasks;
        this.context = context;
        this.connections = new PgConnections(config);
        this.taskConfigs = initialConfigs();
    }

    /**
     * What the tasks do before the plan is made: wait, unless streaming already began after a complete snapshot
     * (a connector restart in the streaming phase then keeps its streaming task running, same config) or no
     * snapshot is wanted.
     */
    private List<Map<String, String>> initialConfigs() {
        if (!config.snapshotEnabled()) {
            return List.of(TaskRole.stream(props, null));
        }
        StreamPosition stored = StreamPosition.fromOffset(
                context.offsetStorageReader().offset(SourceOffsets.streamPartition(config.mirrorName())));
        if (stored != null && stored.snapshotted().containsAll(config.tables())) {
            return List.of(TaskRole.stream(props, stored.epoch()));
        }
        return List.of(TaskRole.waiting(props));
    }

    public void start() {
        thread = new Thread(this::run, "pgcdc-snapshot-coordinator-" + config.mirrorName());
        thread.setDaemon(true);
        thread.start();
    }

    /** The task configs of the current phase (one waiting task until the plan is made). */
    public List<Map<String, String>> taskConfigs() {
        return taskConfigs;
    }

    private void publish(List<Map<String, String>> configs) {
        if (!configs.equals(taskConfigs)) {
            taskConfigs = List.copyOf(configs);
            if (!stopping) {
                context.requestTaskReconfiguration();
            }
        }
    }

    private void run() {
        while (!stopping) {
            try {
                coordinate();
                return;
            } catch (InterruptedException e) {
                return;
            } catch (ExportLost e) {
                LOG.warn("mirror {}: the exported snapshot is gone ({}); planning again under a fresh snapshot",
                        config.mirrorName(), e.getMessage());
            } catch (SQLException e) {
                if (stopping) {
                    return;
                }
                String state = e.getSQLState();
                if (state == null || !(state.startsWith("08") || state.startsWith("57P"))) {
                    LOG.error("mirror {}: snapshot coordination failed", config.mirrorName(), e);
                    context.raiseError(new ConnectException("mirror " + config.mirrorName() + ": " + e.getMessage(), e));
                    return;
                }
                LOG.warn("mirror {}: lost the database connection ({}); planning again", config.mirrorName(),
                        e.getMessage());
            } catch (RuntimeException e) {
                if (!stopping) {
                    LOG.error("mirror {}: snapshot coordination failed", config.mirrorName(), e);
                    context.raiseError(e);
                }
                return;
            } finally {
                closeExporter();
            }
            if (!sleep(2000)) {
                return;
            }
        }
    }

    private void coordinate() throws SQLException, InterruptedException {
        String mirror = config.mirrorName();
        List<TableId> tables = config.tables();
        if (!config.snapshotEnabled()) {
            publish(List.of(TaskRole.stream(props, null)));
            return;
        }
        Map<String, List<String>> problems = Preflight.run(config);
        if (!problems.isEmpty()) {
            throw new ConnectException("mirror " + mirror + " cannot start: " + problems);
        }
        try (Connection admin = connections.open("coordinator")) {
            SlotManager.ensurePublication(admin, config.publicationName(), tables, config.publicationUserSupplied());
            StreamPosition stored = StreamPosition.fromOffset(
                    context.offsetStorageReader().offset(SourceOffsets.streamPartition(mirror)));
            Map<TableId, SnapshotProgress> progress = StoredProgress.read(context.offsetStorageReader(), mirror, tables);
            Optional<SlotManager.SlotInfo> slot = SlotManager.slot(admin, config.slotName());
            ResumePlan plan;
            String snapshotName;
            if (slot.isEmpty()) {
                Connection repl = connections.openReplication("snapshot-export");
                exporter = repl; // stays open, running nothing else, until every range is delivered
                exporterPid = backendPid(repl);
                SlotManager.CreatedSlot created = SlotManager.createSlot(repl, config.slotName(), true,
                        SlotManager.serverVersionNum(admin));
                plan = ResumePlan.newSlot(tables, true, created.consistentPoint());
                snapshotName = created.snapshotName();
            } else {
                plan = ResumePlan.existingSlot(tables, true, slot.get().confirmedFlush(), stored, progress);
                if (plan.toSnapshot().isEmpty()) {
                    LOG.info("mirror {}: no table needs a snapshot; one task streams", mirror);
                    publish(List.of(TaskRole.stream(props, plan.epoch())));
                    return;
                }
                snapshotName = exportFresh();
            }
            long epoch = plan.epoch();
            List<PlannedRange> ranges = planRanges(plan, snapshotName);
            if (ranges.isEmpty()) {
                LOG.info("mirror {}: nothing to copy under snapshot {}; one task streams", mirror, snapshotName);
                closeExporter();
                publish(List.of(TaskRole.stream(props, epoch)));
                return;
            }
            List<SliceAssignment.Slice> slices = SliceAssignment.assign(ranges, tasks);
            List<Map<String, String>> configs = new ArrayList<>();
            for (int k = 0; k < slices.size(); k++) {
                SliceAssignment.Slice s = slices.get(k);
                configs.add(TaskRole.snapshot(props, snapshotName, epoch, k, s.ranges()));
                LOG.info("mirror {}: snapshot slice {}: {} ranges, about {} rows", mirror, k, s.rangeCount(),
                        s.estimatedRows());
            }
            LOG.info("mirror {}: snapshot {} of {} spread over {} tasks ({} ranges)", mirror, snapshotName,
                    plan.toSnapshot(), slices.size(), ranges.size());
            publish(configs);
            awaitDelivered(admin, epoch, ranges);
            closeExporter();
            LOG.info("mirror {}: every snapshot range delivered; one task streams from the slot", mirror);
            publish(List.of(TaskRole.stream(props, epoch)));
        }
    }

    /** The remaining ranges of every table to snapshot that hold a row under the snapshot. */
    private List<PlannedRange> planRanges(ResumePlan plan, String snapshotName) throws SQLException {
        SnapshotPlanning planning = new SnapshotPlanning(config.snapshotRowsPerPartition(), config.snapshotCopyFormat());
        List<PlannedRange> out = new ArrayList<>();
        try (Connection c = connections.open("snapshot-plan")) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION SNAPSHOT '" + checkedName(snapshotName) + "'");
            }
            for (TableId t : plan.toSnapshot()) {
                long oid = CatalogReader.oid(c, t);
                CatalogReader.TableStats stats = CatalogReader.stats(c, oid);
                if (stats.needsCount()) {
                    stats = stats.withExactCount(CatalogReader.count(c, t));
                }
                double rows = stats.needsCount() ? stats.exactCount() : SnapshotPlanning.estimatedTuples(stats);
                int kept = 0;
                List<Range> remaining = SnapshotPlanning.remaining(planning.plan(t, stats), plan.doneOf(t));
                for (Range r : remaining) {
                    if (hasRow(c, t, r)) {
                        out.add(new PlannedRange(t, r, SliceAssignment.estimateRows(r, stats.blocks(), rows)));
                        kept++;
                    }
                }
                LOG.info("snapshot of {}: {} of {} remaining ranges hold rows (already done: {})", t, kept,
                        remaining.size(), plan.doneOf(t).isEmpty() ? "none" : plan.doneOf(t));
            }
            c.commit();
        }
        return out;
    }

    private static boolean hasRow(Connection c, TableId t, Range r) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SnapshotPlanning.existsSql(t, r))) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Waits until the committed offsets cover every assigned range (or the export dies). */
    private void awaitDelivered(Connection admin, long epoch, List<PlannedRange> ranges)
            throws SQLException, InterruptedException {
        List<TableId> tables = ranges.stream().map(PlannedRange::table).distinct().toList();
        long lastLog = System.currentTimeMillis();
        while (true) {
            if (stopping) {
                throw new InterruptedException("stopping");
            }
            if (!alive(admin, exporterPid)) {
                throw new ExportLost("the exporting backend " + exporterPid + " ended");
            }
            Map<TableId, SnapshotProgress> progress = StoredProgress.read(context.offsetStorageReader(),
                    config.mirrorName(), tables);
            int delivered = SnapshotWatch.delivered(epoch, ranges, progress);
            if (delivered == ranges.size()) {
                return;
            }
            if (System.currentTimeMillis() - lastLog > 30_000) {
                lastLog = System.currentTimeMillis();
                LOG.info("mirror {}: {}/{} snapshot ranges delivered", config.mirrorName(), delivered, ranges.size());
            }
            if (!sleep(WATCH_INTERVAL_MS)) {
                throw new InterruptedException("stopping");
            }
        }
    }

    private static boolean alive(Connection admin, int pid) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = ?)")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static int backendPid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** A REPEATABLE READ transaction exports a fresh snapshot; it stays open until every range is delivered. */
    private String exportFresh() throws SQLException {
        Connection c = connections.open("snapshot-export");
        exporter = c;
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        c.setAutoCommit(false);
        exporterPid = backendPid(c);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String checkedName(String name) {
        if (name == null || !name.matches("[0-9A-Fa-f-]+")) {
            throw new IllegalArgumentException("unexpected snapshot name '" + name + "'");
        }
        return name;
    }

    private boolean sleep(long ms) {
        try {
            Thread.sleep(ms);
            return !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized void closeExporter() {
        if (exporter != null) {
            try {
                exporter.close();
            } catch (SQLException e) {
                LOG.debug("closing the snapshot export: {}", e.getMessage());
            }
            exporter = null;
        }
    }

    @Override
    public void close() {
        stopping = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeExporter();
    }

    /** The exporting connection ended while ranges were still to be read. */
    private static final class ExportLost extends RuntimeException {
        ExportLost(String message) {
            super(message);
        }
    }
}
