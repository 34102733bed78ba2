package io.mirrorconnect.it.pgcdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.WorkerHandle;

import io.mirrorconnect.it.fixtures.ClickHouseFixture;
import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.Fixtures;
import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * One mirror's initial snapshot spread over two pg-cdc-source tasks (tasks.max = 2), into ClickHouse through one
 * Connect worker. Two tables (30,000 and 15,000 rows) are cut into ~2,000-row CTID ranges that the connector
 * assigns to two snapshot slices; changes run while the snapshot is planned and read, and after it. The
 * destination must equal the source, both slices must have recorded delivered ranges in their own source
 * offsets, and in the end one task streams. Then, with a second worker, the worker running the snapshot's
 * coordinator (the connector) leaves while the slices are being read: Connect moves the connector and its tasks to
 * the other worker, and the destination must still equal the source.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpreadSnapshotIT {
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String MIRROR = "spread";
    private static PostgresFixture pg;
    private static ConnectFixture connect;
    private static ClickHouseFixture clickhouse;
    private static String database;

    @BeforeAll
    static void start() {
        pg = PostgresFixture.start();
        clickhouse = ClickHouseFixture.start();
        // a worker that leaves has its connectors and tasks reassigned after this delay (Connect's default: 5 min)
        connect = ConnectFixture.start(Map.of("scheduled.rebalance.max.delay.ms", "2000"), "pg-cdc-source",
                "clickhouse-sink");
        database = clickhouse.createDatabase("spread");
    }

    @AfterAll
    static void stop() {
        Fixtures.closeAll(connect, clickhouse, pg);
    }

    private static Map<String, String> sink() {
        return sink(MIRROR, "orders", "lines");
    }

    private static Map<String, String> sink(String mirror, String... tables) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.mirrorconnect.clickhouse.ClickHouseSinkConnector");
        c.put("tasks.max", "1");
        c.put("mirror.name", mirror);
        List<String> topics = new ArrayList<>();
        List<String> mapping = new ArrayList<>();
        for (String t : tables) {
            topics.add(mirror + ".public." + t);
            mapping.add(mirror + ".public." + t + ":" + t);
        }
        c.put("topics", String.join(",", topics));
        c.put("table.mapping", String.join(",", mapping));
        c.put("soft.delete", "false");
        c.putAll(clickhouse.sinkConnection(database));
        c.put("flush.interval.ms", "500");
        c.put("retry.backoff.ms", "200");
        c.put("retry.backoff.max.ms", "2000");
        return c;
    }

    private static List<List<String>> source(String table) {
        return pg.queryRows("SELECT id::text, name, trim_scale(amount)::text FROM " + table + " ORDER BY " + table + ".id");
    }

    private static List<List<String>> destination(String table) {
        return clickhouse.query("SELECT toString(id), name, toString(amount) FROM `" + database + "`.`" + table
                + "` FINAL WHERE _PEERDB_IS_DELETED = 0 ORDER BY id");
    }

    private static void awaitSame(String table, String phase) {
        List<List<String>> expected = source(table);
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<List<String>> last = null;
        RuntimeException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = destination(table);
                lastError = null;
                if (last.equals(expected)) {
                    return;
                }
            } catch (RuntimeException notYet) {
                lastError = notYet;
            }
            pause(500);
        }
        if (lastError != null) {
            throw new AssertionError(phase + ": " + table + " still failing", lastError);
        }
        assertThat(last).as(phase + ": " + table + " vs the source (" + last.size() + " vs " + expected.size()
                + " rows)").isEqualTo(expected);
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the source connector runs exactly {@code tasks} tasks, all RUNNING. */
    private static void awaitSourceTasks(int tasks) {
        awaitSourceTasks(MIRROR, tasks);
    }

    private static void awaitSourceTasks(String mirror, int tasks) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        ConnectorStateInfo last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = connect.status(mirror + "-source");
                if (last.tasks().size() == tasks && last.tasks().stream().allMatch(t -> "RUNNING".equals(t.state()))) {
                    return;
                }
                assertThat(last.tasks()).noneMatch(t -> "FAILED".equals(t.state()));
            } catch (RuntimeException notYet) {
                // not registered yet
            }
            pause(200);
        }
        throw new AssertionError("source did not reach " + tasks + " running tasks: " + last);
    }

    /** Slice number -> "table=done ranges" of the source's slice partitions, latest per partition. */
    private static Map<String, List<String>> sliceProgress() {
        Map<String, byte[]> latest = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = connect.consumer("it-offsets-" + UUID.randomUUID())) {
            c.subscribe(Pattern.compile("connect-offset-topic-.*"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int quiet = 0;
            while (quiet < 8 && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> rs = c.poll(Duration.ofMillis(250));
                quiet = rs.isEmpty() && !c.assignment().isEmpty() ? quiet + 1 : 0;
                rs.forEach(r -> latest.put(new String(r.key(), StandardCharsets.UTF_8), r.value()));
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (Map.Entry<String, byte[]> e : latest.entrySet()) {
                JsonNode key = json.readTree(e.getKey());
                JsonNode partition = key.get(1);
                if (!key.get(0).asText().equals(MIRROR + "-source") || partition == null
                        || !partition.has("slice") || e.getValue() == null) {
                    continue;
                }
                JsonNode offset = json.readTree(e.getValue());
                out.computeIfAbsent(partition.get("slice").asText(), k -> new ArrayList<>())
                        .add(partition.get("table").asText() + "=" + offset.get("done").asText());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Test
    @Order(1)
    void twoSnapshotTasksProduceTheSameDestination() {
        pg.execute("CREATE TABLE orders (id int PRIMARY KEY, name text NOT NULL, amount numeric(12,2))",
                "INSERT INTO orders SELECT g, 'order-' || g || repeat('x', g % 50), g * 0.25 "
                        + "FROM generate_series(1, 30000) g",
                "CREATE TABLE lines (id bigint PRIMARY KEY, name text, amount numeric(12,2))",
                "INSERT INTO lines SELECT g, CASE WHEN g % 13 = 0 THEN NULL ELSE 'line ' || g END, g % 1000 "
                        + "FROM generate_series(1, 15000) g",
                "ANALYZE orders", "ANALYZE lines");
        Map<String, String> src = pg.cdcSourceConfig(MIRROR, "public.orders,public.lines");
        src.put("tasks.max", "2");
        src.put("snapshot.rows.per.partition", "2000");
        src.put("snapshot.max.parallel.workers", "2");
        src.put("max.batch.size", "2000");
        connect.configureConnector(MIRROR + "-sink", sink());
        connect.configureConnector(MIRROR + "-source", src);

        // changes while the connector creates the slot, plans and reads: each lands in the snapshot or in the
        // stream (or both; the stream's higher versions win)
        for (int round = 0; round < 6; round++) {
            int base = 100_000 + round * 100;
            pg.execute("INSERT INTO orders SELECT g, 'during-' || g, 1.5 FROM generate_series(" + base + ", "
                            + (base + 49) + ") g",
                    "UPDATE orders SET name = 'upd-" + round + "', amount = amount + 1 WHERE id % 997 = " + round,
                    "DELETE FROM orders WHERE id BETWEEN " + (round * 1000 + 1) + " AND " + (round * 1000 + 5),
                    "UPDATE lines SET amount = amount * 2 WHERE id % 101 = " + round);
            pause(300);
        }
        awaitSame("orders", "snapshot");
        awaitSame("lines", "snapshot");
        awaitSourceTasks(1);

        // both slices delivered ranges, each recorded under its own source partition (read from the worker's
        // offsets topic: what a restarted task or connector would find)
        Map<String, List<String>> doneBySlice = sliceProgress();
        assertThat(doneBySlice).as("slices with recorded progress: " + doneBySlice).containsOnlyKeys("0", "1");
        assertThat(doneBySlice.values()).allSatisfy(d -> assertThat(d).isNotEmpty());

        // after the snapshot the one remaining task streams
        pg.execute("INSERT INTO orders VALUES (900001, 'after', 2.5)",
                "UPDATE orders SET name = 'after-upd' WHERE id BETWEEN 20000 AND 20100",
                "DELETE FROM lines WHERE id % 7 = 0",
                "BEGIN; UPDATE lines SET name = 'tx' WHERE id = 1; DELETE FROM orders WHERE id = 29999; COMMIT");
        awaitSame("orders", "after the snapshot");
        awaitSame("lines", "after the snapshot");
    }

    /** Records in the topic so far (0 while it does not exist). */
    private static long produced(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = connect.consumer("it-probe-" + UUID.randomUUID())) {
            var parts = c.partitionsFor(topic, Duration.ofSeconds(5));
            if (parts == null || parts.isEmpty()) {
                return 0;
            }
            List<TopicPartition> tps = parts.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            return c.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
        } catch (RuntimeException notYet) {
            return 0;
        }
    }

    @Test
    @Order(2)
    void aWorkerLeavingDuringTheSnapshotLosesNothing() {
        String mirror = "spreadloss";
        pg.execute("CREATE TABLE big (id int PRIMARY KEY, name text NOT NULL, amount numeric(12,2))",
                "INSERT INTO big SELECT g, 'big-' || g || repeat('y', g % 40), g * 0.5 FROM generate_series(1, 60000) g",
                "ANALYZE big");
        WorkerHandle second = connect.cluster().addWorker();
        try {
            connect.cluster().assertions().assertExactlyNumWorkersAreUp(2, "the second worker did not start");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, String> src = pg.cdcSourceConfig(mirror, "public.big");
        src.put("tasks.max", "2");
        src.put("snapshot.rows.per.partition", "2000");
        src.put("snapshot.max.parallel.workers", "1");
        src.put("max.batch.size", "1000");
        Map<String, String> sink = sink(mirror, "big");
        connect.configureConnector(mirror + "-sink", sink);
        connect.configureConnector(mirror + "-source", src);

        // as soon as the snapshot delivered its first records: the worker running the connector (whose
        // coordinator holds the exported snapshot) leaves; its tasks and the connector move to the other worker
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (produced(mirror + ".public.big") == 0 && System.nanoTime() < deadline) {
            pause(50);
        }
        ConnectorStateInfo atLoss = connect.status(mirror + "-source");
        String coordinatorWorker = atLoss.connector().workerId();
        WorkerHandle leaving = connect.cluster().workers().stream()
                .filter(w -> coordinatorWorker.endsWith(":" + w.url().getPort())).findFirst()
                .orElseThrow(() -> new AssertionError("no worker " + coordinatorWorker + " in " + connect.cluster().workers()));
        long producedAtLoss = produced(mirror + ".public.big");
        connect.cluster().removeWorker(leaving);
        assertThat(producedAtLoss).as("the snapshot was under way when the worker left").isBetween(1L, 59_999L);

        pg.execute("UPDATE big SET name = 'after loss' WHERE id % 1000 = 0",
                "DELETE FROM big WHERE id BETWEEN 50000 AND 50100",
                "INSERT INTO big SELECT g, 'new', 1 FROM generate_series(200001, 200050) g");
        awaitSame("big", "after a worker left mid-snapshot");
        awaitSourceTasks(mirror, 1);
        assertThat(connect.status(mirror + "-source").connector().workerId())
                .as("the connector runs on the remaining worker").endsWith(":" + (leaving == second
                        ? connect.cluster().workers().iterator().next().url().getPort()
                        : second.url().getPort()));
        pg.execute("UPDATE big SET amount = 0 WHERE id % 777 = 0");
        awaitSame("big", "streaming on the remaining worker");
    }
}
