package io.mirrorconnect.it.pgcdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * The Postgres CDC source in a real Connect worker (loaded from its plugin archive) against real Postgres 14 and
 * 17: the parallel snapshot under concurrent writes, the streamed changes after it, the contract's shapes,
 * preflight errors and heartbeats.
 */
class PgCdcSourceIT {
    static ConnectFixture connect;
    static final Map<String, PostgresFixture> PG = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        connect = ConnectFixture.start("pg-cdc-source");
    }

    @AfterAll
    static void stop() {
        PG.values().forEach(PostgresFixture::close);
        if (connect != null) {
            connect.close();
        }
    }

    static PostgresFixture pg(String version) {
        return PG.computeIfAbsent(version, v -> PostgresFixture.start(v, false));
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(strings = {"14", "17"})
    void snapshotOf200kRowsUnderConcurrentWritesThenOrderedStream(String version) throws Exception {
        PostgresFixture pg = pg(version);
        String mirror = "big" + version;
        pg.execute("CREATE TABLE big (id int PRIMARY KEY, v int NOT NULL, payload text)",
                "INSERT INTO big SELECT g, 0, md5(g::text) FROM generate_series(1, 200000) g",
                "ANALYZE big");
        Set<Integer> deleted = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger writes = new AtomicInteger();
        Thread writer = new Thread(() -> {
            int nextId = 200_001;
            try (Connection c = pg.connect(); Statement st = c.createStatement()) {
                while (writing.get()) {
                    int id = ThreadLocalRandom.current().nextInt(1, 200_001);
                    switch (writes.get() % 3) {
                        case 0 -> st.execute("UPDATE big SET v = v + 1 WHERE id = " + id);
                        case 1 -> st.execute("INSERT INTO big VALUES (" + nextId++ + ", 1, 'new')");
                        default -> {
                            deleted.add(id);
                            st.execute("DELETE FROM big WHERE id = " + id);
                        }
                    }
                    writes.incrementAndGet();
                    Thread.sleep(2);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();

        Map<String, String> cfg = pg.cdcSourceConfig(mirror, "public.big");
        cfg.put("snapshot.rows.per.partition", "40000");
        cfg.put("snapshot.max.parallel.workers", "2");
        cfg.put("max.batch.size", "5000");
        connect.configureConnector(mirror, cfg);
        String topic = mirror + ".public.big";
        TopicReader reader = new TopicReader(connect, topic);
        try {
            connect.awaitRunning(mirror, 1, Duration.ofMinutes(1));
            reader.untilCount(200_000 - deleted.size());
            Thread.sleep(2000);
        } finally {
            writing.set(false);
            writer.join();
        }
        pg.execute("INSERT INTO big VALUES (-1, -1, 'marker')");
        List<Change> all = reader.untilAny(c -> c.key() != null && c.key().getInt32("id") == -1);
        reader.close();

        // the snapshot delivered every row exactly once
        List<Change> snapshot = all.stream().filter(c -> c.op() == ChangeOp.SNAPSHOT).toList();
        Set<Integer> snapshotIds = new HashSet<>();
        for (Change c : snapshot) {
            assertThat(snapshotIds.add(c.key().getInt32("id"))).as("snapshot row %s twice", c.key()).isTrue();
            assertThat(c.meta().version()).isZero();
        }
        List<Integer> missing = new ArrayList<>();
        for (int id = 1; id <= 200_000; id++) {
            if (!deleted.contains(id) && !snapshotIds.contains(id)) {
                missing.add(id);
            }
        }
        assertThat(missing).as("rows missing from the snapshot").isEmpty();
        // snapshot rows come first on the partition; streamed changes follow, per key in increasing version
        int firstStreamed = all.indexOf(all.stream().filter(c -> c.op() != ChangeOp.SNAPSHOT).findFirst().orElseThrow());
        assertThat(all.subList(firstStreamed, all.size())).noneMatch(c -> c.op() == ChangeOp.SNAPSHOT);
        Map<Integer, Long> lastVersion = new HashMap<>();
        for (Change c : all.subList(firstStreamed, all.size())) {
            Long prev = lastVersion.put(c.key().getInt32("id"), c.meta().version());
            assertThat(prev == null || prev < c.meta().version()).as("order of %s", c.key()).isTrue();
        }
        assertThat(writes.get()).isGreaterThan(10);
        // and applying everything like a version-guarded sink gives the table
        Map<Object, Struct> folded = Change.fold(all, "id");
        Map<Integer, Integer> table = new HashMap<>();
        try (Connection c = pg.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, v FROM big")) {
            while (rs.next()) {
                table.put(rs.getInt(1), rs.getInt(2));
            }
        }
        Map<Integer, Integer> mirrored = new HashMap<>();
        folded.forEach((k, row) -> mirrored.put((Integer) k, row.getInt32("v")));
        assertThat(mirrored).isEqualTo(table);
        connect.deleteConnector(mirror);
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(strings = {"14", "17"})
    void changesArriveAsTheContractSays(String version) {
        PostgresFixture pg = pg(version);
        String mirror = "types" + version;
        pg.execute("CREATE TYPE mood AS ENUM ('sad', 'happy')",
                "CREATE TABLE typed (id bigint PRIMARY KEY, i2 smallint, i4 int, f4 real, f8 double precision, "
                        + "n numeric(10,2), nu numeric, b boolean, t text, vc varchar(20), ch char(3), by bytea, "
                        + "d date, ts timestamp, tstz timestamptz, tm time, tmtz timetz, iv interval, u uuid, "
                        + "j json, jb jsonb, arr int[], tarr text[], m mood, x xml, bits bit varying(8), "
                        + "inet_ inet, mac macaddr, mon money, r int4range, big text)",
                "CREATE TABLE nokey (a int, b text)",
                "ALTER TABLE nokey REPLICA IDENTITY FULL");
        String row = "(%d, 1, 2, 1.5, 2.25, 12.34, 123456789.123456789, true, 'text ü', 'vc', 'ab', '\\x0102', "
                + "'2024-02-29', '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05.123456+02', '13:14:15.5', "
                + "'13:14:15+01', '1 day 02:03:04', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": 1}', "
                + "'{\"b\": [1, 2]}', '{1,2,NULL}', '{\"x y\",z}', 'happy', '<a>1</a>', B'101', '10.0.0.1/8', "
                + "'08:00:2b:01:02:03', 12.5, '[1,5)', %s)";
        pg.execute("INSERT INTO typed VALUES " + String.format(row, 1, "NULL"));
        Map<String, String> cfg = pg.cdcSourceConfig(mirror, "public.typed,public.nokey");
        cfg.put("column.exclude.list", "public.typed.vc");
        connect.configureConnector(mirror, cfg);
        connect.awaitRunning(mirror, 1, Duration.ofMinutes(1));
        String topic = mirror + ".public.typed";
        TopicReader reader = new TopicReader(connect, topic);
        reader.untilCount(1);
        pg.execute("INSERT INTO typed VALUES " + String.format(row, 2,
                "(SELECT string_agg(md5(g::text), '') FROM generate_series(1, 4000) g)"),
                "UPDATE typed SET i4 = 3 WHERE id = 2",
                "ALTER TABLE typed ADD COLUMN added int",
                "UPDATE typed SET added = 9 WHERE id = 1",
                "DELETE FROM typed WHERE id = 1",
                "INSERT INTO nokey VALUES (1, 'x')",
                "DELETE FROM nokey",
                "TRUNCATE typed");
        List<Change> all = reader.untilAny(c -> c.op() == ChangeOp.TRUNCATE);
        reader.close();
        assertThat(all).extracting(Change::op).containsExactly(ChangeOp.SNAPSHOT, ChangeOp.INSERT, ChangeOp.UPDATE,
                ChangeOp.UPDATE, ChangeOp.DELETE, ChangeOp.TRUNCATE);
        Struct snap = all.get(0).valueStruct();
        Struct ins = all.get(1).valueStruct();
        // the snapshot (COPY text) and the stream (pgoutput text) produce the same values for the same row
        for (var f : snap.schema().fields()) {
            if (!f.name().equals("id") && !f.name().equals("big")) {
                assertThat(ins.get(f.name())).as("field %s", f.name()).isEqualTo(snap.get(f));
                assertThat(snap.get(f)).as("field %s", f.name()).isNotNull();
            }
        }
        assertThat(snap.schema().field("vc")).as("excluded column").isNull();
        assertThat(snap.getString("t")).isEqualTo("text ü");
        assertThat(snap.getBoolean("b")).isTrue();
        assertThat(all.get(0).key().getInt64("id")).isEqualTo(1L);
        // unchanged TOAST: not sent, named in the header
        Change toast = all.get(2);
        assertThat(toast.meta().unchangedToastFields()).containsExactly("big");
        assertThat(toast.valueStruct().get("big")).isNull();
        assertThat(toast.valueStruct().getInt32("i4")).isEqualTo(3);
        // ADD COLUMN: a new value schema with the optional field
        Change added = all.get(3);
        assertThat(added.valueStruct().schema().field("added")).isNotNull();
        assertThat(added.valueStruct().getInt32("added")).isEqualTo(9);
        // delete: the value schema with the old key set, every other field listed as not sent; truncate: null key and value
        Change del = all.get(4);
        assertThat(del.valueStruct().schema()).isEqualTo(added.valueStruct().schema());
        assertThat(del.valueStruct().getInt64("id")).isEqualTo(1L);
        assertThat(del.meta().unchangedToastFields()).hasSize(del.valueStruct().schema().fields().size() - 1)
                .doesNotContain("id");
        Change trunc = all.get(5);
        assertThat(trunc.key()).isNull();
        assertThat(trunc.value()).isNull();
        assertThat(trunc.partition()).isZero();
        assertThat(all.get(2).meta().version()).isGreaterThan(all.get(1).meta().version());
        // REPLICA IDENTITY FULL without a key: null key, the delete carries the old row
        List<Change> nokey;
        try (TopicReader r = new TopicReader(connect, mirror + ".public.nokey")) {
            nokey = r.untilAny(c -> c.op() == ChangeOp.DELETE);
        }
        assertThat(nokey).extracting(Change::op).containsExactly(ChangeOp.INSERT, ChangeOp.DELETE);
        assertThat(nokey.get(1).key()).isNull();
        assertThat(nokey.get(1).valueStruct().getString("b")).isEqualTo("x");
        connect.deleteConnector(mirror);
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(strings = {"17"})
    void preflightNamesATableWithoutKey(String version) {
        PostgresFixture pg = pg(version);
        pg.execute("CREATE TABLE keyless (a int)");
        Map<String, String> cfg = pg.cdcSourceConfig("pre" + version, "public.keyless,public.missing");
        assertThatThrownBy(() -> connect.configureConnector("pre" + version, cfg))
                .hasMessageContaining("public.keyless has no primary key")
                .hasMessageContaining("REPLICA IDENTITY FULL")
                .hasMessageContaining("public.missing does not exist");
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(strings = {"17"})
    void aTableAddedByAConfigUpdateIsCopiedAloneThenStreamed(String version) {
        PostgresFixture pg = pg(version);
        String mirror = "grow" + version;
        pg.execute("CREATE TABLE grow_a (id int PRIMARY KEY)", "INSERT INTO grow_a SELECT generate_series(1, 10)",
                "CREATE TABLE grow_b (id int PRIMARY KEY)", "INSERT INTO grow_b SELECT generate_series(1, 20)");
        Map<String, String> cfg = pg.cdcSourceConfig(mirror, "public.grow_a");
        cfg.put("tasks.max", "65");
        assertThatThrownBy(() -> connect.configureConnector(mirror, cfg)).hasMessageContaining("must be between 1 and 64");
        cfg.put("tasks.max", "1");
        connect.configureConnector(mirror, cfg);
        connect.awaitRunning(mirror, 1, Duration.ofMinutes(1));
        try (TopicReader a = new TopicReader(connect, mirror + ".public.grow_a");
             TopicReader b = new TopicReader(connect, mirror + ".public.grow_b")) {
            a.untilCount(10);
            pg.execute("INSERT INTO grow_a VALUES (11)");
            a.untilCount(11);
            cfg.put("table.include.list", "public.grow_a,public.grow_b");
            connect.configureConnector(mirror, cfg);
            b.untilCount(20);
            pg.execute("INSERT INTO grow_a VALUES (12)", "INSERT INTO grow_b VALUES (21)");
            b.untilAny(c -> c.key().getInt32("id") == 21);
            List<Change> as = a.untilAny(c -> c.key().getInt32("id") == 12);
            assertThat(as.stream().filter(c -> c.op() == ChangeOp.SNAPSHOT).count()).as("grow_a copied once")
                    .isEqualTo(10);
            // (a streamed change may legitimately be delivered twice around the task restart: at-least-once)
            assertThat(as.stream().map(c -> c.key().getInt32("id")).distinct().count()).isEqualTo(12);
            List<Change> bs = b.changes();
            assertThat(bs.stream().filter(c -> c.op() == ChangeOp.SNAPSHOT).count()).isEqualTo(20);
            assertThat(bs.get(bs.size() - 1).op()).isEqualTo(ChangeOp.INSERT);
        }
        assertThat(pg.queryLong("SELECT count(*) FROM pg_publication_tables WHERE pubname = 'mirrorconnect_pub_"
                + mirror + "'")).isEqualTo(2);
        connect.deleteConnector(mirror);
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(strings = {"14", "17"})
    void anIdleDatabasesSlotAdvancesWithHeartbeats(String version) throws Exception {
        PostgresFixture pg = pg(version);
        String mirror = "idle" + version;
        pg.execute("CREATE TABLE idle (id int PRIMARY KEY)");
        Map<String, String> cfg = pg.cdcSourceConfig(mirror, "public.idle");
        cfg.put("heartbeat.interval.ms", "500");
        connect.configureConnector(mirror, cfg);
        connect.awaitRunning(mirror, 1, Duration.ofMinutes(1));
        String slot = "mirrorconnect_slot_" + mirror;
        long target = lsn(pg.queryString("SELECT pg_current_wal_lsn()::text"));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long flushed = 0;
        while (System.nanoTime() < deadline && flushed <= target) {
            Thread.sleep(500);
            flushed = lsn(pg.queryString("SELECT confirmed_flush_lsn::text FROM pg_replication_slots "
                    + "WHERE slot_name = '" + slot + "'"));
        }
        assertThat(flushed).as("confirmed_flush_lsn passed %s", Long.toHexString(target)).isGreaterThan(target);
        connect.deleteConnector(mirror);
    }

    static long lsn(String text) {
        String[] p = text.split("/");
        return Long.parseLong(p[0], 16) << 32 | Long.parseLong(p[1], 16);
    }
}
