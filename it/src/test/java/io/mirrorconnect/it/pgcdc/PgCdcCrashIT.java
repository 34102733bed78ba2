package io.mirrorconnect.it.pgcdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.PostgresFixture;
import io.mirrorconnect.it.fixtures.Fixtures;

/**
 * Kills the Connect worker running the source with SIGKILL, once mid-snapshot and once mid-stream, each time
 * starting a new worker process on the same Kafka topics, and checks that no change was lost (the topic,
 * applied like a version-guarded sink, equals the table) and that the snapshot resumed from its unfinished
 * partitions instead of starting over. Postgres runs with fsync and synchronous_commit on.
 */
class PgCdcCrashIT {
    static ConnectFixture connect;
    static PostgresFixture pg;

    @BeforeAll
    static void start() {
        connect = ConnectFixture.start("pg-cdc-source");
        pg = PostgresFixture.start("17", true);
    }

    @AfterAll
    static void stop() {
        Fixtures.closeAll(pg, connect);
    }

    @Test
    void killedMidSnapshotAndMidStreamLosesNothing() throws Exception {
        int rows = 200_000;
        pg.execute("CREATE TABLE crash (id int PRIMARY KEY, v int NOT NULL, pad text)",
                "INSERT INTO crash SELECT g, 0, md5(g::text) FROM generate_series(1, " + rows + ") g",
                "ANALYZE crash");
        Path work = Files.createTempDirectory("pgcdc-crash-");
        String group = "crash-" + System.nanoTime();
        Map<String, String> cfg = pg.cdcSourceConfig("crash", "public.crash");
        cfg.put("snapshot.rows.per.partition", "20000");
        cfg.put("snapshot.max.parallel.workers", "2");
        cfg.put("max.batch.size", "2000");
        cfg.put("heartbeat.interval.ms", "1000");
        String topic = "crash.public.crash";

        try (TopicReader reader = new TopicReader(connect, topic)) {
            // 1. mid-snapshot
            ExternalWorker w1 = ExternalWorker.start(connect, group, work);
            w1.rest().putConfig("crash", cfg);
            w1.awaitTaskRunning("crash", Duration.ofMinutes(2));
            reader.untilCount(90_000);
            w1.kill();
            int beforeCrash = reader.until(cs -> true, Duration.ofSeconds(1)).size();
            drain(reader);
            long snapshotBefore = reader.changes().stream().filter(c -> c.op() == ChangeOp.SNAPSHOT).count();
            assertThat(snapshotBefore).as("killed mid-snapshot").isLessThan(rows);

            // changes while no worker runs
            pg.execute("UPDATE crash SET v = 1 WHERE id <= 100",
                    "DELETE FROM crash WHERE id > 100 AND id <= 200",
                    "INSERT INTO crash SELECT g, 1, 'new' FROM generate_series(" + (rows + 1) + ", " + (rows + 100) + ") g",
                    "UPDATE crash SET v = 1 WHERE id > " + (rows - 100));

            ExternalWorker w2 = ExternalWorker.start(connect, group, work);
            w2.awaitTaskRunning("crash", Duration.ofMinutes(2));
            pg.execute("INSERT INTO crash VALUES (-1, -1, 'marker 1')");
            // the marker's insert comes after the slot's consistent point, so it is always streamed (it may also
            // be in the fresh snapshot): the streamed one follows the whole snapshot
            reader.untilAny(c -> c.key().getInt32("id") == -1 && c.op() == ChangeOp.INSERT);
            long snapshotTotal = reader.changes().stream().filter(c -> c.op() == ChangeOp.SNAPSHOT).count();
            assertThat(snapshotTotal - snapshotBefore).as("rows re-read after the crash: only unfinished partitions")
                    .isLessThan(rows - 20_000);
            Set<Integer> snapshotIds = new HashSet<>();
            reader.changes().stream().filter(c -> c.op() == ChangeOp.SNAPSHOT)
                    .forEach(c -> snapshotIds.add(c.key().getInt32("id")));
            List<Integer> missing = new java.util.ArrayList<>();
            for (int id = 201; id <= rows; id++) {
                if (!snapshotIds.contains(id)) {
                    missing.add(id);
                }
            }
            assertThat(missing).as("rows missing from the snapshot").isEmpty();

            // 2. mid-stream: a writer runs while the worker is killed
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger writes = new AtomicInteger();
            Thread writer = new Thread(() -> {
                try (Connection c = pg.connect(); Statement st = c.createStatement()) {
                    int i = 0;
                    while (writing.get()) {
                        int id = 1000 + (i++ % 50_000);
                        st.execute("UPDATE crash SET v = v + 1 WHERE id = " + id);
                        if (i % 10 == 0) {
                            st.execute("INSERT INTO crash VALUES (" + (300_000 + i) + ", 0, 'streamed')");
                        }
                        writes.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            int seen = reader.changes().size();
            reader.untilCount(seen + 2000);
            w2.kill();
            Thread.sleep(2000); // more changes while no worker runs
            ExternalWorker w3 = ExternalWorker.start(connect, group, work);
            w3.awaitTaskRunning("crash", Duration.ofMinutes(2));
            Thread.sleep(3000);
            writing.set(false);
            writer.join();
            pg.execute("INSERT INTO crash VALUES (-2, -2, 'marker 2')");
            List<Change> all = reader.untilAny(c -> c.key().getInt32("id") == -2 && c.op() == ChangeOp.INSERT);
            w3.close();

            Map<Object, Struct> folded = Change.fold(all, "id");
            Map<Integer, Integer> table = new HashMap<>();
            try (Connection c = pg.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, v FROM crash")) {
                while (rs.next()) {
                    table.put(rs.getInt(1), rs.getInt(2));
                }
            }
            Map<Integer, Integer> mirrored = new HashMap<>();
            folded.forEach((k, row) -> mirrored.put((Integer) k, row.getInt32("v")));
            assertThat(mirrored).as("topic applied like a sink equals the table").isEqualTo(table);
            assertThat(writes.get()).isGreaterThan(2000);
            assertThat(beforeCrash).isGreaterThan(0);
        }
    }

    /** Reads until nothing new arrives for 3 seconds. */
    private static void drain(TopicReader reader) {
        int last = -1;
        while (reader.changes().size() != last) {
            last = reader.changes().size();
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            reader.until(cs -> System.nanoTime() > until, Duration.ofSeconds(10));
        }
    }
}
