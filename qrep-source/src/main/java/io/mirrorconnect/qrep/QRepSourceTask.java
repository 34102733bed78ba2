package io.mirrorconnect.qrep;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mirrorconnect.pgcdc.PgConnections;
import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.pgcdc.ChangeRecordFactory;
import io.mirrorconnect.pgcdc.schema.TableSchema;
import io.mirrorconnect.qrep.offsets.CycleProgress;
import io.mirrorconnect.qrep.offsets.PlanRecovery;
import io.mirrorconnect.qrep.offsets.TaskProgress;
import io.mirrorconnect.qrep.plan.CyclePlan;
import io.mirrorconnect.qrep.plan.CyclePlanner;
import io.mirrorconnect.qrep.plan.Partition;
import io.mirrorconnect.qrep.plan.PartitionAssignment;
import io.mirrorconnect.qrep.read.PartitionReader;
import io.mirrorconnect.qrep.read.QueryDescriber;
import io.mirrorconnect.qrep.read.ReadEvent;
import io.mirrorconnect.qrep.watermark.Watermark;

/**
 * One task of a query-replication mirror. Its config carries the connector's plan of the initial copy
 * ({@link PartitionAssignment}); without one the task waits idle (poll() returns nothing, one wake-up a second).
 * A driver thread reads this task's unfinished partitions of the plan (k mod N = i, skipping those any task slot's
 * offset records as finished, {@link PlanRecovery}) on {@code parallelism} readers ({@link PartitionReader}, one
 * connection each); then task 0 plans and reads the incremental cycles past the plan's high watermark
 * ({@link CyclePlanner}), the other tasks go idle. poll() turns the readers' rows into records carrying the task
 * slot's progress ({@link TaskProgress}) as source offset.
 */
public class QRepSourceTask extends SourceTask {
    private static final Logger LOG = LoggerFactory.getLogger(QRepSourceTask.class);

    /** Queue events that only poll() sees: a cycle begins (switch progress) or ends. */
    private record CycleStart(CycleProgress progress, boolean initial) implements Marker {
    }

    private record CycleEnd(CycleProgress progress, int partitionsRead, long rows, long millis) implements Marker {
    }

    private sealed interface Marker permits CycleStart, CycleEnd {
    }

    private QRepSourceConfig config;
    private String mirror;
    private PgConnections connections;
    private Connection planConnection;
    private final BlockingQueue<Connection> readerConnections = new LinkedBlockingQueue<>();
    private final List<Connection> allReaderConnections = new ArrayList<>();
    private Watermark watermark;
    private TableSchema schema;
    private String copyWithStart;
    private String copyWithoutStart;
    private String initialSnapshot;
    private ChangeRecordFactory records;
    private Map<String, Object> sourcePartition;
    private BlockingQueue<Object> queue;
    private ExecutorService readers;
    private Thread driver;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile boolean finished;
    private boolean waiting;

    // poll() thread only
    private TaskProgress progress;
    private CycleProgress current;
    private Map<String, Object> currentOffset;

    @Override
    public String version() {
        return QRepSourceConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new QRepSourceConfig(props);
        mirror = config.mirrorName();
        CyclePlan initialPlan = PartitionAssignment.planOf(props);
        if (initialPlan == null) {
            waiting = true;
            LOG.info("mirror {}: task {} of {} waits for the connector's plan of the initial copy", mirror,
                    config.taskIndex(), config.taskCount());
            return;
        }
        connections = new PgConnections(config.endpoint());
        sourcePartition = TaskProgress.sourcePartition(mirror, config.taskIndex());
        records = new ChangeRecordFactory(mirror);
        try {
            planConnection = connections.open("plan-" + config.taskIndex());
            QueryDescriber.MirrorDescription described = QueryDescriber.describeMirror(planConnection, config);
            watermark = described.watermark();
            schema = described.schema();
            copyWithStart = described.copyWithStart();
            copyWithoutStart = described.copyWithoutStart();
        } catch (SQLException e) {
            closeQuietly(planConnection);
            throw new QRepException(mirror, "cannot start: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(planConnection);
            throw e;
        }
        PlanRecovery recovered = PlanRecovery.read(context.offsetStorageReader(), mirror, config.taskCount());
        BitSet done = initialPlan.equals(recovered.plan()) ? recovered.done() : new BitSet();
        TaskProgress own = initialPlan.equals(recovered.plan()) ? recovered.slots().get(config.taskIndex()) : null;
        progress = new TaskProgress(new CycleProgress(initialPlan, done), config.taskCount(),
                own == null ? new BitSet() : own.read(), own == null || config.taskIndex() != 0 ? null
                : own.incremental());
        List<Partition> todo = PartitionAssignment.todo(initialPlan, done, config.taskCount(), config.taskIndex());
        initialSnapshot = PartitionAssignment.snapshotOf(props);
        if (watermark.isCtid() && initialSnapshot == null && !todo.isEmpty()) {
            closeQuietly(planConnection);
            throw new QRepException(mirror, "the ctid copy has " + todo.size() + " unfinished partitions for task "
                    + config.taskIndex() + " but its snapshot is gone (the connector restarted after planning it); "
                    + "a ctid copy is consistent only within one snapshot: drop the mirror and create it again");
        }
        queue = new ArrayBlockingQueue<>(config.maxBatchSize());
        AtomicInteger n = new AtomicInteger();
        readers = Executors.newFixedThreadPool(config.parallelism(), r -> {
            Thread t = new Thread(r, "qrep-" + mirror + "-" + config.taskIndex() + "-reader-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        driver = new Thread(() -> drive(todo), "qrep-" + mirror + "-" + config.taskIndex() + "-cycles");
        driver.setDaemon(true);
        driver.start();
        CycleProgress inc = progress.incremental();
        LOG.info("mirror {}: query replication task {} of {} started ({} watermark {}.{}, mode {}, {} partitions "
                        + "in parallel); initial copy: {} of its {} partitions to read ({} of {} finished by all "
                        + "tasks){}", mirror, config.taskIndex(), config.taskCount(),
                watermark.kind().name().toLowerCase(), config.watermarkTable(), watermark.column(),
                config.writeMode().name().toLowerCase(), config.parallelism(), todo.size(),
                PartitionAssignment.todo(initialPlan, new BitSet(), config.taskCount(), config.taskIndex()).size(),
                done.cardinality(), initialPlan.partitions().size(),
                inc == null ? "" : "; resuming incremental cycle " + inc.plan().cycle()
                        + (inc.complete() ? " (finished)" : " (" + inc.unfinished().size() + " of "
                        + inc.plan().partitions().size() + " partitions unfinished)"));
    }

    /**
     * The driver thread: this task's share of the initial copy, then (task 0 only, without initial.copy.only) cycle
     * after cycle until stopped. A cycle is over for the driver when its readers are done; poll() marks partitions
     * finished as it emits their last rows.
     */
    private void drive(List<Partition> initialTodo) {
        try {
            CycleProgress initial = progress.initial();
            runCycle(initial, initialTodo, true);
            if (stopping) {
                return;
            }
            if (config.initialCopyOnly() || config.taskIndex() != 0) {
                announceFinished();
                return;
            }
            CyclePlan last = initial.plan();
            CycleProgress restored = progress.incremental();
            if (restored != null) {
                if (!restored.complete()) {
                    runCycle(restored, restored.unfinished(), false);
                }
                last = restored.plan();
                if (stopping) {
                    return;
                }
                sleepRefresh();
            }
            CyclePlanner planner = new CyclePlanner(mirror, watermark, config.rowsPerPartition());
            while (!stopping) {
                CyclePlan plan = planner.plan(planConnection, last.cycle() + 1, last.next(), last.version(),
                        () -> stopping);
                if (plan == null) {
                    return;
                }
                if (!plan.isEmpty()) {
                    CycleProgress cycle = CycleProgress.fresh(plan);
                    runCycle(cycle, cycle.unfinished(), false);
                    last = plan;
                    if (stopping) {
                        return;
                    }
                }
                sleepRefresh();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            fail(new QRepException(mirror, "planning a cycle failed: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void runCycle(CycleProgress cycle, List<Partition> todo, boolean initial) throws InterruptedException {
        if (todo.isEmpty() && initial) {
            return;
        }
        long t0 = System.currentTimeMillis();
        queue.put(new CycleStart(cycle, initial));
        List<Future<Long>> futures = new ArrayList<>();
        String snapshot = initial ? initialSnapshot : null;
        for (Partition p : todo) {
            String sql = p.start() == null ? copyWithoutStart : copyWithStart;
            futures.add(readers.submit(() -> readPartition(sql, p, snapshot)));
        }
        long rows = 0;
        for (Future<Long> f : futures) {
            try {
                rows += f.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                for (Future<Long> other : futures) {
                    other.cancel(true);
                }
                throw cause instanceof RuntimeException r ? r
                        : new QRepException(mirror, "reading a partition failed: " + cause.getMessage(), cause);
            }
        }
        queue.put(new CycleEnd(cycle, todo.size(), rows, System.currentTimeMillis() - t0));
    }

    private long readPartition(String copySql, Partition p, String snapshot) throws Exception {
        Connection c = readerConnections.poll();
        if (c == null) {
            c = connections.open("read-" + config.taskIndex());
            synchronized (allReaderConnections) {
                allReaderConnections.add(c);
            }
        }
        boolean ok = false;
        try {
            long t0 = System.currentTimeMillis();
            long rows = new PartitionReader(mirror, schema, copySql, snapshot).read(c, p, queue::put);
            LOG.info("mirror {}: partition {} ({} .. {}) read: {} rows in {} ms", mirror, p.index(),
                    p.start() == null ? "the beginning" : p.start(), p.end(), rows, System.currentTimeMillis() - t0);
            ok = true;
            return rows;
        } finally {
            if (ok) {
                readerConnections.add(c);
            } else {
                closeQuietly(c);
            }
        }
    }

    private void sleepRefresh() throws InterruptedException {
        stopped.await(config.refreshIntervalMs(), TimeUnit.MILLISECONDS);
    }

    /** Nothing more to read: closes the connections (the driver's and the idle readers') and says so. */
    private void announceFinished() {
        finished = true;
        closeQuietly(planConnection);
        Connection c;
        while ((c = readerConnections.poll()) != null) {
            closeQuietly(c);
        }
        if (config.initialCopyOnly()) {
            LOG.info("mirror {}: initial copy done (initial.copy.only) by task {}; it stays idle until the connector "
                    + "is deleted", mirror, config.taskIndex());
        } else {
            LOG.info("mirror {}: task {} finished its share of the initial copy and stays idle (task 0 runs the "
                    + "incremental cycles)", mirror, config.taskIndex());
        }
    }

    private void fail(RuntimeException e) {
        if (stopping) {
            return;
        }
        LOG.error("mirror {}: task {} failed: {}", mirror, config.taskIndex(), e.getMessage());
        try {
            queue.clear();
            queue.put(new ReadEvent.Failed(e));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * True once this task has nothing more to read: its share of the initial copy is done and it is not the task
     * running the incremental cycles (for tests and monitoring).
     */
    public boolean isFinished() {
        return finished;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (waiting) {
            stopped.await(1, TimeUnit.SECONDS);
            return null;
        }
        Object first = queue.poll(1, TimeUnit.SECONDS);
        if (first == null) {
            return null;
        }
        List<Object> events = new ArrayList<>(Math.min(queue.size() + 1, config.maxBatchSize()));
        events.add(first);
        queue.drainTo(events, config.maxBatchSize() - 1);
        List<SourceRecord> out = new ArrayList<>(events.size());
        for (Object e : events) {
            if (e instanceof ReadEvent.Row row) {
                if (row.last()) {
                    finished(row.partition());
                }
                if (currentOffset == null) {
                    currentOffset = progress.toOffset();
                }
                long version = current.plan().version();
                out.add(records.record(sourcePartition, currentOffset, schema.topic(), schema.keySchema(), row.key(),
                        schema.valueSchema(), row.value(), ChangeOp.SNAPSHOT, version, version, Set.of()));
            } else if (e instanceof ReadEvent.EmptyPartition empty) {
                finished(empty.partition());
            } else if (e instanceof CycleStart s) {
                current = s.progress();
                if (!s.initial()) {
                    progress.startIncremental(s.progress());
                }
                currentOffset = null;
            } else if (e instanceof CycleEnd end) {
                CyclePlan p = end.progress().plan();
                LOG.info("mirror {}: cycle {} done: {} partitions ({} read by this run), {} rows in {} ms, {} rows/s; "
                                + "the next cycle starts at {}", mirror, p.cycle(), p.partitions().size(),
                        end.partitionsRead(), end.rows(), end.millis(), end.millis() == 0 ? end.rows()
                                : end.rows() * 1000 / end.millis(), p.next());
            } else if (e instanceof ReadEvent.Failed f) {
                throw f.error();
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** poll(): a partition of the current cycle is finished; the next record carries the new offset. */
    private void finished(int partition) {
        if (current == progress.initial()) {
            progress.markRead(partition);
        } else {
            current.markDone(partition);
        }
        currentOffset = null;
    }

    @Override
    public void stop() {
        stopping = true;
        stopped.countDown();
        if (driver != null) {
            driver.interrupt();
        }
        if (readers != null) {
            readers.shutdownNow();
            try {
                readers.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (driver != null) {
            try {
                driver.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(planConnection);
        synchronized (allReaderConnections) {
            allReaderConnections.forEach(QRepSourceTask::closeQuietly);
        }
        LOG.info("mirror {}: task {} stopped", mirror, config == null ? -1 : config.taskIndex());
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing
        }
    }
}
