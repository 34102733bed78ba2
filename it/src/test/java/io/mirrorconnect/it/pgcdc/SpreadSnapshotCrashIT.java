package io.mirrorconnect.it.pgcdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.ddl.connect.ConnectRestException;
import io.mirrorconnect.ddl.connect.ConnectorStatus;
import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.Fixtures;
import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * A snapshot spread over two pg-cdc-source tasks (tasks.max = 2) on two Connect worker processes (one group for
 * the class; a killed worker is replaced by a new process before the next case), and one worker killed with
 * SIGKILL while the slices are being read: no clean leave, no task stop, no offset flush; its Postgres connections
 * drop with the process and the group notices after {@code session.timeout.ms}. Two cases on one Kafka and one
 * Postgres (fsync on): the worker running the connector (whose coordinator holds the exported snapshot) dies, and
 * the worker running only a slice task dies; each time once the victim's slice has committed some of its ranges.
 * A writer updates, deletes and inserts rows from just before the kill until the recovery, more changes follow the
 * kill and the recovery; the topic, applied like a version-guarded sink, must equal the table, the surviving
 * worker must run the connector and a single task in the stream role (the coordinator hands over only when every
 * range is delivered), and a change made after the recovery must arrive. A third case stops the coordinator's
 * worker with SIGSTOP instead (its Postgres connections, the old export among them, stay open: a vanished node).
 * See docs/pg-cdc-source.md, "A worker killed during a spread snapshot".
 */
class SpreadSnapshotCrashIT {
    private static final int ROWS = 60_000;
    private static final Duration RECOVERY = Duration.ofMinutes(3);
    /**
     * A killed worker's connector and tasks move after about 6 s + 1 s instead of 10 s + 5 min; plugins are found
     * through their ServiceLoader manifests only (a scan of the test class path takes a worker half a minute here).
     */
    private static final Map<String, String> WORKER = Map.of(
            "session.timeout.ms", "6000",
            "heartbeat.interval.ms", "1000",
            "scheduled.rebalance.max.delay.ms", "1000",
            "plugin.discovery", "service_load");

    private static final ObjectMapper JSON = new ObjectMapper();
    /** pg-cdc-source's task-config key for a task's role (coordination.TaskRole.ROLE): stream, snapshot or wait. */
    private static final String ROLE = "pgcdc.task.role";
    private static ConnectFixture connect;
    private static PostgresFixture pg;
    /** The worker processes of the one Connect group both cases share; a killed one is replaced by a new one. */
    private static final List<ExternalWorker> workers = new ArrayList<>();
    private static Path work;
    private static String group;

    @BeforeAll
    static void start() throws Exception {
        connect = ConnectFixture.start(Map.of("plugin.discovery", "service_load"), "pg-cdc-source");
        pg = PostgresFixture.start("17", true);
        work = Files.createTempDirectory("pgcdc-spread-crash-");
        group = "spread-crash-" + System.nanoTime();
    }

    @AfterAll
    static void stop() throws Exception {
        for (ExternalWorker w : workers) {
            w.close();
        }
        Fixtures.closeAll(pg, connect);
    }

    /** Starts worker processes (at the same time) until there are two. */
    private static void twoWorkers() throws Exception {
        List<CompletableFuture<ExternalWorker>> starting = new ArrayList<>();
        for (int i = workers.size(); i < 2; i++) {
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return ExternalWorker.start(connect, group, work, WORKER);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<ExternalWorker> f : starting) {
            workers.add(f.get());
        }
    }

    /** What happens to which worker. */
    private enum Fault {
        KILL_COORDINATOR, KILL_SLICE, FREEZE_COORDINATOR;

        boolean coordinator() {
            return this != KILL_SLICE;
        }
    }

    @Test
    void theWorkerRunningTheCoordinatorDiesMidSnapshot() throws Exception {
        crashMidSnapshot("crashcoord", Fault.KILL_COORDINATOR);
    }

    @Test
    void aWorkerRunningOnlyASliceDiesMidSnapshot() throws Exception {
        crashMidSnapshot("crashslice", Fault.KILL_SLICE);
    }

    /**
     * The coordinator's worker stops (SIGSTOP) instead: its Postgres connections stay open, as when a node vanishes
     * without closing them, so the old export outlives the connector's move. Then it is killed.
     */
    @Test
    void theCoordinatorsWorkerFreezesWithItsConnectionsOpen() throws Exception {
        crashMidSnapshot("crashfreeze", Fault.FREEZE_COORDINATOR);
    }

    private static void crashMidSnapshot(String mirror, Fault fault) throws Exception {
        boolean freeze = fault == Fault.FREEZE_COORDINATOR;
        String table = mirror;
        String topic = mirror + ".public." + table;
        pg.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, v int NOT NULL, pad text)",
                "INSERT INTO " + table + " SELECT g, 0, repeat(md5(g::text), 3) FROM generate_series(1, " + ROWS + ") g",
                "ANALYZE " + table);
        Map<String, String> cfg = pg.cdcSourceConfig(mirror, "public." + table);
        cfg.put("tasks.max", "2");
        // ~115 small ranges read one at a time per task, in small batches: the snapshot takes seconds, so the
        // kill lands in its middle
        cfg.put("snapshot.rows.per.partition", "500");
        cfg.put("snapshot.max.parallel.workers", "1");
        cfg.put("max.batch.size", "1000");
        cfg.put("heartbeat.interval.ms", "1000");

        twoWorkers();
        ExternalWorker survivor = null;
        ExternalWorker frozen = null;
        Writer writer = null;
        try (TopicReader reader = new TopicReader(connect, topic);
             KafkaConsumer<byte[], byte[]> probe = connect.consumer("it-probe-" + UUID.randomUUID())) {
            workers.get(0).rest().putConfig(mirror, cfg);

            // both slices run: find who runs what; kill once the victim's slice has recorded some ranges as
            // delivered (committed offsets) and not all of them
            ConnectorStatus status = awaitSlicesRunning(workers.get(0), mirror);
            String connectorWorker = status.connector().workerId();
            Map<Integer, String> taskWorkers = new HashMap<>();
            status.tasks().forEach(t -> taskWorkers.put(t.id(), t.state().workerId()));
            ExternalWorker victim = fault.coordinator() ? byId(workers, connectorWorker)
                    : workers.stream().filter(w -> !w.isWorker(connectorWorker)
                            && taskWorkers.values().stream().anyMatch(w::isWorker)).findFirst().orElse(null);
            Assumptions.assumeTrue(victim != null, "Connect placed both slice tasks with the connector ("
                    + status + "): no worker runs only a slice");
            int victimSlice = taskWorkers.entrySet().stream().filter(e -> victim.isWorker(e.getValue()))
                    .mapToInt(Map.Entry::getKey).findFirst().orElse(-1); // task k reads slice k
            if (victimSlice >= 0) {
                awaitCommittedProgress(mirror, victimSlice);
            } else {
                reader.untilCount(1000); // the victim runs only the connector: kill once rows flow
            }
            // a writer runs through the kill and the recovery: growing updates move rows to other blocks (from
            // ranges not yet read into ranges already read, between the old snapshot and a fresh one), deletes, inserts
            writer = new Writer(table);
            writer.start();
            long producedAtKill = produced(probe, topic);
            if (freeze) {
                victim.freeze();
                frozen = victim;
            } else {
                victim.kill();
            }
            workers.remove(victim);
            survivor = workers.get(0);
            System.out.printf("%s %s: %s %s (connector on %s, tasks %s) after %d of %d snapshot rows; slice %d had "
                    + "committed blocks %s%n", Instant.now(), mirror, fault, victim.url(), connectorWorker, taskWorkers,
                    producedAtKill, ROWS, victimSlice, victimSlice < 0 ? "-" : committedProgress(mirror, victimSlice));
            assertThat(producedAtKill).as("the snapshot was under way at the kill").isLessThan(ROWS);

            // changes while the survivor has not yet noticed the death
            pg.execute("UPDATE " + table + " SET v = v + 1 WHERE id % 100 = 0",
                    "DELETE FROM " + table + " WHERE id % 250 = 1",
                    "INSERT INTO " + table + " SELECT g, 1, 'new' FROM generate_series(100001, 100200) g",
                    "UPDATE " + table + " SET pad = 'moved', v = 7 WHERE id BETWEEN 30000 AND 30050");

            // the survivor runs the connector and, the snapshot handed over, the one streaming task
            awaitStreamingOn(survivor, mirror);
            System.out.printf("%s %s: the survivor streams%n", Instant.now(), mirror);
            if (freeze) {
                // the new coordinator closed its own export before the hand-over: what is left is the frozen one's
                assertThat(pg.queryRows("SELECT pid FROM pg_stat_activity WHERE application_name = 'mirrorconnect-"
                        + mirror + "-snapshot-export'")).as("the frozen worker's export is still open").isNotEmpty();
            }
            int writes = writer.stopAndCount();
            assertThat(writes).as("changes written through the kill and the recovery").isPositive();

            // a change after the recovery arrives, and the topic equals the table
            pg.execute("UPDATE " + table + " SET v = -5 WHERE id BETWEEN 10 AND 20",
                    "DELETE FROM " + table + " WHERE id BETWEEN 59990 AND 60000",
                    "INSERT INTO " + table + " VALUES (-1, -1, 'marker')");
            List<Change> all = reader.until(cs -> cs.stream().anyMatch(c -> c.key().getInt32("id") == -1
                    && c.op() == ChangeOp.INSERT), RECOVERY);
            long snapshotRecords = all.stream().filter(c -> c.op() == ChangeOp.SNAPSHOT).count();
            System.out.printf("%s: %d snapshot records for %d rows (%d more than the rows), %d writes%n", mirror,
                    snapshotRecords, ROWS, snapshotRecords - ROWS, writes);

            Map<Integer, String> mirrored = new HashMap<>();
            Change.fold(all, "id").forEach((k, row) -> mirrored.put((Integer) k, row(row)));
            assertThat(mirrored).as("topic applied like a sink equals the table").isEqualTo(tableRows(table));
        } finally {
            if (writer != null && writer.isAlive()) {
                writer.stopAndCount();
            }
            if (frozen != null) {
                frozen.kill();
            }
            // the next case starts on a quiet group
            (survivor != null ? survivor : workers.get(0)).rest().delete(mirror);
        }
    }

    /** Single-row updates (growing the row), deletes and inserts, each its own transaction, until stopped. */
    private static final class Writer extends Thread {
        private final String table;
        private final AtomicBoolean writing = new AtomicBoolean(true);
        private final AtomicInteger writes = new AtomicInteger();
        private volatile Exception failure;

        Writer(String table) {
            super("it-writer-" + table);
            this.table = table;
        }

        @Override
        public void run() {
            try (Connection c = pg.connect(); Statement st = c.createStatement()) {
                for (int i = 1; writing.get(); i++) {
                    int id = (int) ((i * 7919L) % ROWS) + 1;
                    st.execute("UPDATE " + table + " SET v = v + 1, pad = pad || '+' WHERE id = " + id);
                    if (i % 5 == 0) {
                        st.execute("DELETE FROM " + table + " WHERE id = " + ((int) ((i * 104_729L) % ROWS) + 1));
                    }
                    if (i % 3 == 0) {
                        st.execute("INSERT INTO " + table + " VALUES (" + (200_000 + i) + ", " + i + ", 'w')");
                    }
                    writes.incrementAndGet();
                    Thread.sleep(2); // a steady trickle, not a load test
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        int stopAndCount() throws InterruptedException {
            writing.set(false);
            join();
            if (failure != null) {
                throw new IllegalStateException("the writer failed", failure);
            }
            return writes.get();
        }
    }

    private static String row(Struct r) {
        return r.getInt32("v") + "|" + r.getString("pad");
    }

    private static Map<Integer, String> tableRows(String table) throws Exception {
        Map<Integer, String> rows = new HashMap<>();
        try (Connection c = pg.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, v, pad FROM " + table)) {
            while (rs.next()) {
                rows.put(rs.getInt(1), rs.getInt(2) + "|" + rs.getString(3));
            }
        }
        return rows;
    }

    private static ExternalWorker byId(List<ExternalWorker> workers, String workerId) {
        return workers.stream().filter(w -> w.isWorker(workerId)).findFirst()
                .orElseThrow(() -> new AssertionError("no worker " + workerId));
    }

    /** Waits until the slice's source partition has a committed offset (some of its ranges delivered). */
    private static void awaitCommittedProgress(String connector, int slice) throws Exception {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (committedProgress(connector, slice) == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("slice " + slice + " of " + connector + " recorded no progress");
            }
            Thread.sleep(200);
        }
    }

    /** The delivered block ranges of a slice in the group's offsets topic (its last committed offset), or null. */
    private static String committedProgress(String connector, int slice) throws Exception {
        String topic = group + "-offsets";
        try (KafkaConsumer<byte[], byte[]> c = connect.consumer("it-offsets-" + UUID.randomUUID())) {
            List<TopicPartition> tps = Objects.requireNonNull(c.partitionsFor(topic, Duration.ofSeconds(10)))
                    .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            String done = null;
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    JsonNode key = JSON.readTree(r.key());
                    JsonNode partition = key.get(1);
                    if (r.value() != null && connector.equals(key.get(0).asText()) && partition != null
                            && String.valueOf(slice).equals(partition.path("slice").asText())) {
                        String d = JSON.readTree(r.value()).path("done").asText();
                        done = d.isEmpty() ? null : d; // records before a range's last row carry nothing done
                    }
                }
            }
            return done;
        }
    }

    /** Waits until the connector runs two tasks (the snapshot slices), both RUNNING. */
    private static ConnectorStatus awaitSlicesRunning(ExternalWorker w, String name) throws Exception {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        ConnectorStatus s = null;
        while (System.nanoTime() < deadline) {
            s = statusOrNull(w, name);
            if (s != null) {
                assertThat(s.tasks()).as("no task failed: " + s)
                        .noneMatch(t -> "FAILED".equals(t.state().state()));
                if (s.tasks().size() == 2 && allRunning(s)) {
                    return s;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the two snapshot slices did not start: " + s);
    }

    /**
     * Waits until the survivor runs the connector and exactly one task, RUNNING, whose config gives it the stream
     * role (the coordinator publishes it only once every range is delivered; a waiting task is one task too).
     */
    private static void awaitStreamingOn(ExternalWorker survivor, String name) throws Exception {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        ConnectorStatus s = null;
        while (System.nanoTime() < deadline) {
            s = statusOrNull(survivor, name);
            if (s != null) {
                // a slice that fails to import a snapshot that died with the coordinator is FAILED until the new
                // connector instance's task configs replace it: only the end state counts
                if (survivor.isWorker(s.connector().workerId())
                        && "RUNNING".equals(s.connector().state())
                        && s.tasks().size() == 1 && allRunning(s)
                        && survivor.isWorker(s.tasks().get(0).state().workerId())) {
                    JsonNode configs = survivor.taskConfigs(name);
                    if (configs != null && configs.size() == 1
                            && "stream".equals(configs.get(0).path("config").path(ROLE).asText())) {
                        return;
                    }
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the survivor did not take over and finish the snapshot: " + s);
    }

    private static boolean allRunning(ConnectorStatus status) {
        return status.tasks().stream().allMatch(t -> "RUNNING".equals(t.state().state()));
    }

    /** The connector's status on this worker, or null while the worker does not know the connector yet. */
    private static ConnectorStatus statusOrNull(ExternalWorker w, String name) {
        try {
            return w.rest().status(name);
        } catch (ConnectRestException e) {
            if (e.isNotFound()) {
                return null;
            }
            throw e;
        }
    }

    /** Records in the topic so far. */
    private static long produced(KafkaConsumer<byte[], byte[]> probe, String topic) {
        List<TopicPartition> tps = Objects.requireNonNull(probe.partitionsFor(topic, Duration.ofSeconds(10)))
                .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        return probe.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
    }
}
