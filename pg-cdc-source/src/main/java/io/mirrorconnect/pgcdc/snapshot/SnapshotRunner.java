package io.mirrorconnect.pgcdc.snapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mirrorconnect.pgcdc.PgConnections;
import io.mirrorconnect.pgcdc.catalog.CatalogReader;
import io.mirrorconnect.pgcdc.offsets.BlockRanges.Range;

/**
 * Runs a snapshot: {@code tablesInParallel} tables at a time, each split into CTID block ranges read by up to
 * {@code workersPerTable} readers. Every reader opens its own connection and imports the snapshot
 * ({@code SET TRANSACTION SNAPSHOT} in a REPEATABLE READ, READ ONLY transaction), so all of them see the same
 * consistent state. Rows go to a bounded queue the task drains, in chunks of up to {@link #CHUNK_ROWS} rows of
 * one partition (one queue operation per chunk): a full queue stops the readers (backpressure). The queue holds
 * about {@code queueCapacity} rows, plus the chunk each reader is filling.
 */
public final class SnapshotRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotRunner.class);
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("[0-9A-Fa-f-]+");
    /**
     * Rows per hand-off at most. A queue operation per row cost the readers ~13% of their time (lock, signal,
     * node); per chunk it is noise. Small enough that a chunk is filled in well under a millisecond.
     */
    static final int CHUNK_ROWS = 256;

    /** Builds the partition plan and the COPY statement of a table (pure parts live in the planner/SQL classes). */
    public interface Planner {
        List<Range> ranges(TableJob job, CatalogReader.TableStats stats);

        String copySql(TableJob job, Range range);

        /** False when the ranges are known already (a task's share of a spread snapshot): no size statistics. */
        default boolean needsStats() {
            return true;
        }
    }

    private final PgConnections connections;
    private final String snapshotName;
    private final List<TableJob> jobs;
    private final Planner planner;
    private final int tablesInParallel;
    private final int workersPerTable;
    private final BlockingQueue<SnapshotEvent> queue;
    private final int chunkRows;
    private final List<Connection> open = new ArrayList<>();
    private ExecutorService tablePool;
    private ExecutorService readerPool;
    private Thread coordinator;
    private volatile boolean stopping;

    public SnapshotRunner(PgConnections connections, String snapshotName, List<TableJob> jobs, Planner planner,
                          int tablesInParallel, int workersPerTable, int queueCapacity) {
        if (!SNAPSHOT_NAME.matcher(snapshotName).matches()) {
            throw new IllegalArgumentException("unexpected snapshot name '" + snapshotName + "'");
        }
        this.connections = connections;
        this.snapshotName = snapshotName;
        this.jobs = List.copyOf(jobs);
        this.planner = planner;
        this.tablesInParallel = tablesInParallel;
        this.workersPerTable = workersPerTable;
        this.chunkRows = chunkRows(queueCapacity);
        this.queue = new LinkedBlockingQueue<>(Math.max(2, queueCapacity / chunkRows));
    }

    /** Rows per chunk for a queue of about {@code queueCapacity} rows: at most a quarter of it. */
    static int chunkRows(int queueCapacity) {
        return Math.max(1, Math.min(CHUNK_ROWS, queueCapacity / 4));
    }

    public BlockingQueue<SnapshotEvent> queue() {
        return queue;
    }

    public void start() {
        AtomicInteger n = new AtomicInteger();
        tablePool = Executors.newFixedThreadPool(tablesInParallel, r -> daemon(r, "pgcdc-snapshot-table-" + n.incrementAndGet()));
        readerPool = Executors.newFixedThreadPool(tablesInParallel * workersPerTable,
                r -> daemon(r, "pgcdc-snapshot-reader-" + n.incrementAndGet()));
        coordinator = daemon(this::runAll, "pgcdc-snapshot-coordinator");
        coordinator.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void runAll() {
        long started = System.nanoTime();
        try {
            List<Future<?>> tables = new ArrayList<>();
            for (TableJob job : jobs) {
                tables.add(tablePool.submit(() -> {
                    runTable(job);
                    return null;
                }));
            }
            for (Future<?> f : tables) {
                f.get();
            }
            long rows = jobs.stream().mapToLong(j -> j.rowsRead().get()).sum();
            double secs = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
            LOG.info("snapshot read {} rows of {} tables in {} s ({} rows/s)", rows, jobs.size(),
                    String.format("%.1f", secs), Math.round(rows / secs));
            queue.put(new SnapshotEvent.Finished());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!stopping) {
                Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
                LOG.error("snapshot failed", cause);
                queue.clear();
                queue.offer(new SnapshotEvent.Failed(cause));
            }
        }
    }

    private void runTable(TableJob job) throws Exception {
        List<Range> ranges;
        if (!planner.needsStats()) {
            ranges = planner.ranges(job, null);
        } else {
            ranges = planWithStats(job);
        }
        readRanges(job, ranges);
    }

    private List<Range> planWithStats(TableJob job) throws Exception {
        List<Range> ranges;
        Connection c = openReader();
        try {
            CatalogReader.TableStats stats = CatalogReader.stats(c, job.oid());
            if (stats.needsCount()) {
                LOG.info("snapshot of {}: no planner statistics, counting rows", job.table());
                stats = stats.withExactCount(CatalogReader.count(c, job.table()));
            }
            ranges = planner.ranges(job, stats);
            c.commit();
        } finally {
            release(c);
        }
        return ranges;
    }

    private void readRanges(TableJob job, List<Range> ranges) throws Exception {
        job.partitionsTotal(ranges.size());
        LOG.info("snapshot of {}: {} partitions to read (already done: {})", job.table(), ranges.size(),
                job.done().isEmpty() ? "none" : job.done());
        long started = System.nanoTime();
        List<Future<?>> parts = new ArrayList<>();
        for (Range r : ranges) {
            parts.add(readerPool.submit(() -> {
                readPartition(job, r, started);
                return null;
            }));
        }
        for (Future<?> f : parts) {
            f.get();
        }
    }

    private void readPartition(TableJob job, Range r, long started) throws SQLException, InterruptedException {
        Connection c = openReader();
        try {
            long rows = PartitionReader.read(c, job, r, planner.copySql(job, r), queue, chunkRows);
            c.commit();
            long total = job.rowsRead().addAndGet(rows);
            long done = job.partitionsRead().incrementAndGet();
            double secs = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
            LOG.info("snapshot of {}: partition {} done ({} rows); {}/{} partitions, {} rows, {} rows/s",
                    job.table(), r, rows, done, job.partitionsTotal(), total, Math.round(total / secs));
        } finally {
            release(c);
        }
    }

    private void release(Connection c) {
        synchronized (open) {
            open.remove(c);
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing a snapshot connection: {}", e.getMessage());
        }
    }

    /** A reader connection inside a REPEATABLE READ, READ ONLY transaction that imported the snapshot. */
    private Connection openReader() throws SQLException {
        Connection c = connections.open("snapshot");
        synchronized (open) {
            if (stopping) {
                c.close();
                throw new ConnectException("snapshot stopping");
            }
            open.add(c);
        }
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION SNAPSHOT '" + snapshotName + "'");
        }
        return c;
    }

    @Override
    public void close() {
        stopping = true;
        if (coordinator != null) {
            coordinator.interrupt();
        }
        if (tablePool != null) {
            tablePool.shutdownNow();
        }
        if (readerPool != null) {
            readerPool.shutdownNow();
        }
        synchronized (open) {
            for (Connection c : open) {
                try {
                    c.close();
                } catch (SQLException e) {
                    LOG.debug("closing a snapshot connection: {}", e.getMessage());
                }
            }
            open.clear();
        }
        queue.clear();
        try {
            if (readerPool != null) {
                readerPool.awaitTermination(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
