package io.mirrorconnect.pgcdc.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.ChangeHeaders;
import io.mirrorconnect.contract.ChangeMetadata;
import io.mirrorconnect.contract.ChangeOp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The task against a real Postgres, driven in-process by {@link TaskHarness} (no Kafka). */
class PgCdcSourceTaskIT {
    static EmbeddedPostgres pg;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_wal_senders", "20")
                .setServerConfig("max_replication_slots", "20")
                .start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        pg.close();
    }

    static void sql(String... statements) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    static Map<String, String> config(String mirror, String tables) {
        Map<String, String> p = new HashMap<>();
        p.put("mirror.name", mirror);
        p.put("database.hostname", "localhost");
        p.put("database.port", Integer.toString(pg.getPort()));
        p.put("database.user", "postgres");
        p.put("database.dbname", "postgres");
        p.put("database.sslmode", "disable");
        p.put("table.include.list", tables);
        p.put("snapshot.rows.per.partition", "1000");
        p.put("snapshot.max.parallel.workers", "2");
        p.put("max.batch.size", "700");
        p.put("heartbeat.interval.ms", "500");
        return p;
    }

    static ChangeMetadata meta(SourceRecord r) {
        return ChangeHeaders.read(r.headers(), r.topic());
    }

    static long count(List<SourceRecord> rs, ChangeOp op) {
        return rs.stream().filter(r -> meta(r).op() == op).count();
    }

    static int id(SourceRecord r) {
        return ((Struct) r.key()).getInt32("id");
    }

    @Test
    void snapshotThenStreamInsertUpdateDeleteTruncate() throws Exception {
        sql("CREATE TABLE t1 (id int PRIMARY KEY, name text NOT NULL, big text)",
                "INSERT INTO t1 SELECT g, 'n' || g, NULL FROM generate_series(1, 5000) g",
                "ANALYZE t1");
        TaskHarness h = new TaskHarness();
        h.start(config("m1", "public.t1"));
        try {
            h.pollUntil(rs -> count(rs, ChangeOp.SNAPSHOT) >= 5000, 200);
            Set<Integer> ids = h.delivered.stream().map(PgCdcSourceTaskIT::id).collect(Collectors.toSet());
            assertThat(ids).hasSize(5000);
            assertThat(h.delivered).allMatch(r -> r.topic().equals("m1.public.t1") && meta(r).version() == 0);

            sql("INSERT INTO t1 SELECT 5001, 'new', string_agg(md5(g::text), '') FROM generate_series(1, 4000) g",
                    "UPDATE t1 SET name = 'changed' WHERE id = 5001",
                    "DELETE FROM t1 WHERE id = 1",
                    "ALTER TABLE t1 ADD COLUMN extra int",
                    "UPDATE t1 SET extra = 7 WHERE id = 2",
                    "TRUNCATE t1");
            h.pollUntil(rs -> count(rs, ChangeOp.TRUNCATE) >= 1, 200);
            List<SourceRecord> streamed = h.delivered.subList(5000, h.delivered.size());
            assertThat(streamed).extracting(r -> meta(r).op()).containsExactly(ChangeOp.INSERT, ChangeOp.UPDATE,
                    ChangeOp.DELETE, ChangeOp.UPDATE, ChangeOp.TRUNCATE);
            SourceRecord update = streamed.get(1);
            assertThat(meta(update).unchangedToastFields()).containsExactly("big");
            assertThat(((Struct) update.value()).get("big")).isNull();
            assertThat(((Struct) update.value()).getString("name")).isEqualTo("changed");
            assertThat(meta(streamed.get(0)).version()).isLessThan(meta(update).version());
            SourceRecord delete = streamed.get(2);
            // only the old key is known: the value schema, the key set, the other fields listed as not sent
            assertThat(delete.valueSchema()).isEqualTo(update.valueSchema());
            assertThat(((Struct) delete.value()).getInt32("id")).isEqualTo(1);
            assertThat(meta(delete).unchangedToastFields()).containsExactlyInAnyOrder("name", "big");
            SourceRecord added = streamed.get(3);
            assertThat(added.valueSchema().field("extra")).isNotNull();
            assertThat(((Struct) added.value()).getInt32("extra")).isEqualTo(7);
            assertThat(streamed.get(4).key()).isNull();
            assertThat(streamed.get(4).kafkaPartition()).isZero();
        } finally {
            h.stop();
        }
    }

    @Test
    void restartResumesUnfinishedSnapshotPartitionsThenStreamsWithoutReplays() throws Exception {
        sql("CREATE TABLE t2 (id int PRIMARY KEY, v int NOT NULL)",
                "INSERT INTO t2 SELECT g, 0 FROM generate_series(1, 20000) g",
                "ANALYZE t2");
        Map<String, String> cfg = config("m2", "public.t2");
        cfg.put("snapshot.max.parallel.workers", "1");
        TaskHarness h = new TaskHarness();
        h.start(cfg);
        h.pollUntil(rs -> rs.size() >= 5000, 200);
        h.stop(); // "crash": only what was delivered counts; the exported snapshot is gone
        int firstRun = h.delivered.size();

        sql("UPDATE t2 SET v = 1 WHERE id IN (1, 19999)", "INSERT INTO t2 VALUES (20001, 1)");
        h.start(cfg);
        try {
            h.pollUntil(rs -> rs.stream().filter(r -> meta(r).op() != ChangeOp.SNAPSHOT).count() >= 3, 300);
            List<SourceRecord> snap = h.delivered.stream().filter(r -> meta(r).op() == ChangeOp.SNAPSHOT).toList();
            Set<Integer> ids = new HashSet<>();
            snap.forEach(r -> ids.add(id(r)));
            assertThat(ids).containsAll(java.util.stream.IntStream.rangeClosed(1, 20000).boxed().toList());
            // finished partitions were not read again: at most one partition (1000 rows + slack) re-read
            assertThat(snap.size()).isLessThan(20001 + 2000);
            assertThat(firstRun).isGreaterThanOrEqualTo(5000);

            h.stop();
            int before = h.delivered.size();
            sql("UPDATE t2 SET v = 2 WHERE id = 2");
            h.start(cfg);
            h.pollUntil(rs -> rs.size() > before, 100);
            for (int i = 0; i < 5; i++) {
                h.pollOnce();
            }
            List<SourceRecord> after = h.delivered.subList(before, h.delivered.size());
            assertThat(after).hasSize(1);
            assertThat(id(after.get(0))).isEqualTo(2);
        } finally {
            h.stop();
        }
    }

    @Test
    void anEnumLabelAddedWhileStreamingIsRead() throws Exception {
        sql("CREATE TYPE color AS ENUM ('red', 'green')",
                "CREATE TABLE t4 (id int PRIMARY KEY, c color)",
                "INSERT INTO t4 VALUES (1, 'red')");
        TaskHarness h = new TaskHarness();
        h.start(config("m4", "public.t4"));
        try {
            h.pollUntil(rs -> rs.size() >= 1, 100);
            sql("ALTER TYPE color ADD VALUE 'blue'", "INSERT INTO t4 VALUES (2, 'blue')");
            h.pollUntil(rs -> rs.size() >= 2, 100);
            assertThat(((Struct) h.delivered.get(1).value()).getString("c")).isEqualTo("blue");
        } finally {
            h.stop();
        }
    }

    @Test
    void specialValuesBecomeNullWhenTheUserSaysSo() throws Exception {
        sql("CREATE TABLE t4s (id int PRIMARY KEY, amount numeric(10,2), day date)",
                "INSERT INTO t4s VALUES (1, 'NaN', 'infinity'), (2, 1.50, '2024-02-29')");
        Map<String, String> cfg = config("m4s", "public.t4s");
        cfg.put("special.values", "null");
        TaskHarness h = new TaskHarness();
        h.start(cfg);
        try {
            h.pollUntil(rs -> rs.size() >= 2, 100);
            Map<Integer, Struct> rows = new java.util.HashMap<>();
            h.delivered.forEach(r -> rows.put(id(r), (Struct) r.value()));
            assertThat(rows.get(1).get("amount")).isNull();
            assertThat(rows.get(1).get("day")).isNull();
            assertThat(rows.get(2).get("amount")).isEqualTo(new java.math.BigDecimal("1.50"));
        } finally {
            h.stop();
        }
    }

    @Test
    void tombstonesFollowDeletesWhenAsked() throws Exception {
        sql("CREATE TABLE t4t (id int PRIMARY KEY, v text)", "INSERT INTO t4t VALUES (1, 'a'), (2, 'b')");
        Map<String, String> cfg = config("m4t", "public.t4t");
        cfg.put("tombstones.on.delete", "true");
        TaskHarness h = new TaskHarness();
        h.start(cfg);
        try {
            h.pollUntil(rs -> rs.size() >= 2, 100);
            sql("DELETE FROM t4t WHERE id = 1", "UPDATE t4t SET v = 'c' WHERE id = 2");
            h.pollUntil(rs -> rs.size() >= 5, 100);
            List<SourceRecord> streamed = h.delivered.subList(2, h.delivered.size());
            assertThat(streamed).extracting(r -> meta(r).op())
                    .containsExactly(ChangeOp.DELETE, ChangeOp.DELETE, ChangeOp.UPDATE);
            SourceRecord delete = streamed.get(0);
            SourceRecord tombstone = streamed.get(1);
            assertThat(delete.value()).isNotNull();
            assertThat(tombstone.value()).isNull();
            assertThat(tombstone.key()).isEqualTo(delete.key());
            assertThat(((Struct) tombstone.key()).getInt32("id")).isEqualTo(1);
            assertThat(meta(tombstone).version()).isEqualTo(meta(delete).version());
        } finally {
            h.stop();
        }
    }

    @Test
    void droppedAndRetypedColumnsNeverStopTheStream() throws Exception {
        sql("CREATE TABLE t5 (id int PRIMARY KEY, a int, b text)", "INSERT INTO t5 VALUES (1, 1, 'x')");
        TaskHarness h = new TaskHarness();
        h.start(config("m5", "public.t5"));
        try {
            h.pollUntil(rs -> rs.size() >= 1, 100);
            sql("ALTER TABLE t5 DROP COLUMN b", "UPDATE t5 SET a = 2 WHERE id = 1",
                    "ALTER TABLE t5 ALTER COLUMN a TYPE numeric(20,3)", "UPDATE t5 SET a = 12345678901234.5 WHERE id = 1",
                    "ALTER TABLE t5 RENAME COLUMN a TO c", "INSERT INTO t5 VALUES (2, 7)");
            h.pollUntil(rs -> rs.size() >= 4, 100);
            Struct dropped = (Struct) h.delivered.get(1).value();
            assertThat(dropped.schema().field("b")).isNull();
            assertThat(dropped.getInt32("a")).isEqualTo(2);
            Struct retyped = (Struct) h.delivered.get(2).value();
            assertThat(retyped.get("a")).isEqualTo(new java.math.BigDecimal("12345678901234.500"));
            Struct renamed = (Struct) h.delivered.get(3).value();
            assertThat(renamed.schema().field("a")).isNull();
            assertThat(renamed.get("c")).isEqualTo(new java.math.BigDecimal("7.000"));
        } finally {
            h.stop();
        }
    }

    @Test
    void aTableAddedToARunningMirrorIsSnapshottedAlone() throws Exception {
        sql("CREATE TABLE t6a (id int PRIMARY KEY)", "INSERT INTO t6a SELECT generate_series(1, 100)",
                "CREATE TABLE t6b (id int PRIMARY KEY)", "INSERT INTO t6b SELECT generate_series(1, 50)");
        TaskHarness h = new TaskHarness();
        h.start(config("m6", "public.t6a"));
        try {
            h.pollUntil(rs -> rs.size() >= 100, 100);
            sql("INSERT INTO t6a VALUES (101)");
            h.pollUntil(rs -> rs.size() >= 101, 100);
            h.stop();
            sql("INSERT INTO t6a VALUES (102)", "INSERT INTO t6b VALUES (51)");
            h.start(config("m6", "public.t6a,public.t6b"));
            h.pollUntil(rs -> rs.stream().anyMatch(r -> r.topic().endsWith("t6a") && id(r) == 102)
                    && rs.stream().filter(r -> r.topic().endsWith("t6b")).count() >= 51, 100);
            List<SourceRecord> after = h.delivered.subList(101, h.delivered.size());
            assertThat(after.stream().filter(r -> r.topic().endsWith("t6a")).toList())
                    .as("the old table is not copied again").hasSize(1);
            assertThat(after.stream().filter(r -> r.topic().endsWith("t6b") && meta(r).op() == ChangeOp.SNAPSHOT)
                    .map(PgCdcSourceTaskIT::id).collect(Collectors.toSet())).hasSize(51);
            sql("INSERT INTO t6b VALUES (52)");
            h.pollUntil(rs -> rs.stream().anyMatch(r -> r.topic().endsWith("t6b") && id(r) == 52), 100);
        } finally {
            h.stop();
        }
    }

    @Test
    void aLostReplicationConnectionIsReopenedWithoutLossOrReplay() throws Exception {
        sql("CREATE TABLE t7 (id int PRIMARY KEY)");
        TaskHarness h = new TaskHarness();
        h.start(config("m7", "public.t7"));
        try {
            sql("INSERT INTO t7 VALUES (1)");
            h.pollUntil(rs -> rs.size() >= 1, 100);
            sql("SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = 'mirrorconnect_slot_m7'",
                    "INSERT INTO t7 VALUES (2)", "INSERT INTO t7 VALUES (3)");
            h.pollUntil(rs -> rs.size() >= 3, 100);
            for (int i = 0; i < 5; i++) {
                h.pollOnce();
            }
            assertThat(h.delivered).extracting(PgCdcSourceTaskIT::id).containsExactly(1, 2, 3);
            sql("INSERT INTO t7 VALUES (4)");
            h.pollUntil(rs -> rs.size() >= 4, 100);
            assertThat(h.delivered).extracting(PgCdcSourceTaskIT::id).containsExactly(1, 2, 3, 4);
        } finally {
            h.stop();
        }
    }

    @Test
    void withoutInitialCopyOnlyNewChangesArrive() throws Exception {
        sql("CREATE TABLE t8 (id int PRIMARY KEY)", "INSERT INTO t8 VALUES (1)");
        Map<String, String> cfg = config("m8", "public.t8");
        cfg.put("snapshot.enabled", "false");
        TaskHarness h = new TaskHarness();
        h.start(cfg);
        try {
            sql("INSERT INTO t8 VALUES (2)");
            h.pollUntil(rs -> rs.size() >= 1, 100);
            for (int i = 0; i < 3; i++) {
                h.pollOnce();
            }
            assertThat(h.delivered).extracting(PgCdcSourceTaskIT::id).containsExactly(2);
            assertThat(meta(h.delivered.get(0)).op()).isEqualTo(ChangeOp.INSERT);
        } finally {
            h.stop();
        }
    }

    @Test
    void aPartitionedTableIsMirroredUnderItsRootName() throws Exception {
        sql("CREATE TABLE t9 (id int PRIMARY KEY, v text) PARTITION BY RANGE (id)",
                "CREATE TABLE t9_low PARTITION OF t9 FOR VALUES FROM (0) TO (100)",
                "CREATE TABLE t9_high PARTITION OF t9 FOR VALUES FROM (100) TO (1000)",
                "INSERT INTO t9 SELECT g, 'x' FROM generate_series(1, 300) g");
        TaskHarness h = new TaskHarness();
        h.start(config("m9", "public.t9"));
        try {
            h.pollUntil(rs -> rs.size() >= 300, 100);
            sql("INSERT INTO t9 VALUES (0, 'low'), (500, 'high')", "UPDATE t9 SET v = 'y' WHERE id = 150");
            h.pollUntil(rs -> rs.size() >= 303, 100);
            assertThat(h.delivered).allMatch(r -> r.topic().equals("m9.public.t9"));
            assertThat(h.delivered.subList(300, 303)).extracting(PgCdcSourceTaskIT::id).containsExactly(0, 500, 150);
        } finally {
            h.stop();
        }
    }

    @Test
    void idleSlotAdvancesWithHeartbeats() throws Exception {
        sql("CREATE TABLE t3 (id int PRIMARY KEY)");
        TaskHarness h = new TaskHarness();
        Map<String, String> cfg = config("m3", "public.t3");
        h.start(cfg);
        try {
            String before = slotFlush("mirrorconnect_slot_m3");
            sql("CREATE TABLE unrelated (x int)", "INSERT INTO unrelated VALUES (1)");
            String now = before;
            for (int i = 0; i < 100 && now.equals(before); i++) {
                h.pollOnce();
                now = slotFlush("mirrorconnect_slot_m3");
            }
            assertThat(org.postgresql.replication.LogSequenceNumber.valueOf(now).asLong())
                    .isGreaterThan(org.postgresql.replication.LogSequenceNumber.valueOf(before).asLong());
            assertThat(h.delivered).isEmpty();
        } finally {
            h.stop();
        }
    }

    static String slotFlush(String slot) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = '"
                     + slot + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
