package io.mirrorconnect.qrep.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.ChangeHeaders;
import io.mirrorconnect.contract.ChangeMetadata;
import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.qrep.QRepSourceConnector;
import io.mirrorconnect.qrep.offsets.TaskProgress;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The task against a real Postgres, driven in-process by {@link TaskHarness} (no Kafka). A few thousand rows. */
class QRepSourceTaskIT {
    static EmbeddedPostgres pg;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        pg.close();
    }

    static Connection connect() throws SQLException {
        return pg.getPostgresDatabase().getConnection();
    }

    static void sql(String... statements) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    static Map<String, String> config(String mirror, String query, String table, String column) {
        Map<String, String> p = new HashMap<>();
        p.put("mirror.name", mirror);
        p.put("database.hostname", "localhost");
        p.put("database.port", Integer.toString(pg.getPort()));
        p.put("database.user", "postgres");
        p.put("database.dbname", "postgres");
        p.put("database.sslmode", "disable");
        p.put("query", query);
        p.put("watermark.table", table);
        p.put("watermark.column", column);
        p.put("num.rows.per.partition", "1000");
        p.put("parallelism", "2");
        p.put("refresh.interval.ms", "200");
        p.put("max.batch.size", "500");
        return p;
    }

    static ChangeMetadata meta(SourceRecord r) {
        return ChangeHeaders.read(r.headers(), r.topic());
    }

    static long longField(SourceRecord r, String f) {
        return ((Number) ((Struct) r.value()).get(f)).longValue();
    }

    static List<Long> ids(List<SourceRecord> rs) {
        return rs.stream().map(r -> longField(r, "id")).sorted().toList();
    }

    static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(i);
        }
        return out;
    }

    @Test
    void appendWithAnIdWatermarkCopiesInPartitionsThenEachRefreshWithoutDuplicatesOrGaps() throws Exception {
        sql("CREATE TABLE app (id bigserial PRIMARY KEY, note text, amount numeric(12,2), at timestamptz)",
                "INSERT INTO app (note, amount, at) SELECT 'row ' || g, g * 1.25, "
                        + "timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second' FROM generate_series(1, 3500) g");
        TaskHarness h = new TaskHarness();
        h.start(config("app_m", "SELECT id, note, amount, at FROM public.app WHERE id BETWEEN {{.start}} AND {{.end}}",
                "public.app", "id"));
        try {
            h.pollUntil(rs -> rs.size() >= 3500, 60);
            SourceRecord first = h.delivered.get(0);
            assertThat(first.topic()).isEqualTo("app_m.public.app");
            assertThat(first.key()).isNull();
            assertThat(first.kafkaPartition()).isZero();
            ChangeMetadata m = meta(first);
            assertThat(m.op()).isEqualTo(ChangeOp.SNAPSHOT);
            assertThat(m.version()).isPositive();
            // 3500 rows at 1000 per partition: 4 partitions, all finished in the committed offset
            Map<String, Object> offset = h.committed.get(TaskProgress.sourcePartition("app_m", 0));
            assertThat((String) offset.get("done")).isEqualTo("1111");
            Struct v = (Struct) h.delivered.stream().filter(r -> longField(r, "id") == 7).findFirst().orElseThrow()
                    .value();
            assertThat(v.get("note")).isEqualTo("row 7");
            assertThat(v.get("amount")).isEqualTo(new BigDecimal("8.75"));

            sql("INSERT INTO app (note) SELECT 'later ' || g FROM generate_series(1, 20) g");
            h.pollUntil(rs -> rs.size() >= 3520, 60);
            sql("INSERT INTO app (note) SELECT 'even later ' || g FROM generate_series(1, 5) g");
            h.pollUntil(rs -> rs.size() >= 3525, 60);
            assertThat(ids(h.delivered)).isEqualTo(range(1, 3525));
            long v1 = meta(h.delivered.get(0)).version();
            long vLast = meta(h.delivered.get(h.delivered.size() - 1)).version();
            assertThat(vLast).as("later cycles carry higher versions").isGreaterThan(v1);
        } finally {
            h.stop();
        }
    }

    /**
     * An unconstrained numeric has no "next value" of fixed scale: the rows equal to a partition's end value must
     * not be read again by the next partition (nor the next cycle), in append mode a duplicate.
     */
    @Test
    void anUnconstrainedNumericWatermarkReadsARowOnABoundaryOnce() throws Exception {
        sql("CREATE TABLE num (id int PRIMARY KEY, w numeric NOT NULL)",
                // boundaries fall on whole numbers of several scales (1000, 2000.0, 3000.00)
                "INSERT INTO num SELECT g, CASE g % 3 WHEN 0 THEN g::numeric WHEN 1 THEN round(g::numeric, 1) "
                        + "ELSE round(g::numeric, 2) END FROM generate_series(1, 3000) g");
        TaskHarness h = new TaskHarness();
        h.start(config("num_m", "SELECT id, w FROM public.num WHERE w BETWEEN {{.start}} AND {{.end}}",
                "public.num", "w"));
        try {
            h.pollUntil(rs -> rs.size() >= 3000, 60);
            sql("INSERT INTO num VALUES (3001, 3000.000001), (3002, 3001)");
            h.pollUntil(rs -> rs.size() >= 3002, 60);
            // a boundary row read twice would show up here, or a late one
            for (int i = 0; i < 3; i++) {
                h.pollOnce();
            }
            assertThat(ids(h.delivered)).isEqualTo(range(1, 3002));
        } finally {
            h.stop();
        }
    }

    @Test
    void aLongOpenTransactionInsertingBelowTheWatermarkLosesNoRow() throws Exception {
        sql("CREATE TABLE late (id bigserial PRIMARY KEY, note text, updated_at timestamptz NOT NULL DEFAULT now())",
                "INSERT INTO late (note) SELECT 'early ' || g FROM generate_series(1, 100) g");
        TaskHarness h = new TaskHarness();
        h.start(config("late_m", "SELECT id, note, updated_at FROM public.late WHERE updated_at BETWEEN {{.start}} AND "
                + "{{.end}}", "public.late", "updated_at"));
        try (Connection longTx = connect()) {
            h.pollUntil(rs -> rs.size() >= 100, 60);
            // a transaction takes id 101 and a timestamp now, and stays open
            longTx.setAutoCommit(false);
            try (Statement s = longTx.createStatement()) {
                s.execute("INSERT INTO late (note) VALUES ('the late commit')");
            }
            // later transactions commit rows above it: a cycle now sees updated_at values past the open row's
            sql("INSERT INTO late (note) SELECT 'after ' || g FROM generate_series(1, 50) g");
            // wait until a cycle that saw those rows is planned while the long transaction is still open: either it
            // holds back (the rule) or it delivers them (the bug: the open row's value is then behind the watermark)
            awaitHoldBackOrDelivery(h, "late_m", 150);
            try (Statement s = longTx.createStatement()) {
                s.execute("SELECT 1");
            }
            longTx.commit();
            h.pollUntil(rs -> rs.size() >= 151, 60);
            sql("INSERT INTO late (note) VALUES ('one more')");
            h.pollUntil(rs -> rs.size() >= 152, 60);
            assertThat(ids(h.delivered)).isEqualTo(range(1, 152));
        } finally {
            h.stop();
        }
    }

    /** True once the planning session waits in the hold-back, or the rows after the open transaction arrived. */
    private static void awaitHoldBackOrDelivery(TaskHarness h, String mirror, int rows) throws Exception {
        for (int i = 0; i < 600; i++) {
            h.pollOnce();
            if (h.delivered.size() >= rows) {
                return;
            }
            try (Connection c = connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                         + "'mirrorconnect-" + mirror + "-plan-0' AND query LIKE '%pg_snapshot_xmin(pg_current_snapshot()) >=%'")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
        }
        throw new AssertionError("no cycle was planned while the transaction was open");
    }

    @Test
    void upsertWithAnUpdatedAtWatermarkKeysRecordsAndSeesUpdates() throws Exception {
        sql("CREATE TABLE ups (id int PRIMARY KEY, val text, updated_at timestamp NOT NULL DEFAULT clock_timestamp())",
                "INSERT INTO ups (id, val) SELECT g, 'v1' FROM generate_series(1, 1500) g");
        TaskHarness h = new TaskHarness();
        Map<String, String> cfg = config("ups_m", "SELECT id, val, updated_at FROM public.ups WHERE updated_at BETWEEN "
                + "{{.start}} AND {{.end}}", "public.ups", "updated_at");
        cfg.put("write.mode", "upsert");
        cfg.put("unique.key.columns", "id");
        h.start(cfg);
        try {
            h.pollUntil(rs -> rs.size() >= 1500, 60);
            assertThat(((Struct) h.delivered.get(0).key()).schema().fields()).extracting(f -> f.name())
                    .containsExactly("id");
            sql("UPDATE ups SET val = 'v2', updated_at = clock_timestamp() WHERE id % 100 = 0");
            h.pollUntil(rs -> rs.size() >= 1515, 60);
            Map<Integer, String> latest = new TreeMap<>();
            Map<Integer, Long> versions = new HashMap<>();
            for (SourceRecord r : h.delivered) {
                int id = ((Struct) r.key()).getInt32("id");
                long version = meta(r).version();
                if (version >= versions.getOrDefault(id, Long.MIN_VALUE)) {
                    versions.put(id, version);
                    latest.put(id, ((Struct) r.value()).getString("val"));
                }
            }
            assertThat(latest).hasSize(1500);
            assertThat(latest.entrySet().stream().filter(e -> e.getValue().equals("v2")).map(Map.Entry::getKey))
                    .hasSize(15).allMatch(id -> id % 100 == 0);
        } finally {
            h.stop();
        }
    }

    @Test
    void xminPicksUpInsertsAndUpdates() throws Exception {
        sql("CREATE TABLE xusers (id int PRIMARY KEY, name text)",
                "INSERT INTO xusers SELECT g, 'user ' || g FROM generate_series(1, 1200) g");
        TaskHarness h = new TaskHarness();
        h.start(config("x_m", " SELECT * FROM xusers ", "public.xusers", "xmin"));
        try {
            h.pollUntil(rs -> rs.size() >= 1200, 60);
            assertThat(ids(h.delivered)).isEqualTo(range(1, 1200));
            sql("INSERT INTO xusers VALUES (1201, 'new')", "UPDATE xusers SET name = 'renamed' WHERE id = 5");
            h.pollUntil(rs -> rs.size() >= 1202, 60);
            List<SourceRecord> later = h.delivered.subList(1200, h.delivered.size());
            assertThat(later.stream().map(r -> ((Struct) r.value()).getString("name")).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("new", "renamed");
        } finally {
            h.stop();
        }
    }

    @Test
    void aRestartRedoesOnlyUnfinishedPartitions() throws Exception {
        sql("CREATE TABLE rs (id int PRIMARY KEY, pad text)",
                "INSERT INTO rs SELECT g, repeat('x', 50) FROM generate_series(1, 4000) g");
        Map<String, String> cfg = config("rs_m", "SELECT id, pad FROM public.rs WHERE id BETWEEN {{.start}} AND {{.end}}",
                "public.rs", "id");
        cfg.put("parallelism", "1");
        cfg.put("max.batch.size", "100");
        TaskHarness h = new TaskHarness();
        h.start(cfg);
        Map<String, Object> offset;
        try {
            // stop in the middle of the third partition (1000 rows each, read one at a time)
            h.pollUntil(rs -> rs.size() >= 2500, 60);
            offset = h.committed.get(TaskProgress.sourcePartition("rs_m", 0));
        } finally {
            h.stop();
        }
        assertThat((String) offset.get("done")).isEqualTo("1100");
        TaskHarness again = new TaskHarness(h.committed);
        again.start(cfg);
        try {
            again.pollUntil(rs -> rs.size() >= 2000, 60);
            // only partitions 3 and 4 are read again: ids 2001..4000, exactly once each
            assertThat(ids(again.delivered)).isEqualTo(range(2001, 4000));
            Set<Long> all = new java.util.TreeSet<>(ids(h.delivered));
            all.addAll(ids(again.delivered));
            assertThat(all).hasSize(4000);
            assertThat(meta(again.delivered.get(0)).version()).as("a redone partition keeps its cycle's version")
                    .isEqualTo(meta(h.delivered.get(0)).version());
        } finally {
            again.stop();
        }
    }

    /** Starts one harness per task config, all on one offset store. */
    static List<TaskHarness> startTasks(List<Map<String, String>> configs,
                                        Map<Map<String, Object>, Map<String, Object>> offsets) {
        List<TaskHarness> out = new ArrayList<>();
        for (Map<String, String> c : configs) {
            TaskHarness h = new TaskHarness(offsets);
            h.startTask(c);
            out.add(h);
        }
        return out;
    }

    static void pollAllUntil(List<TaskHarness> tasks, java.util.function.BooleanSupplier done) throws Exception {
        for (int i = 0; i < 600 && !done.getAsBoolean(); i++) {
            for (TaskHarness t : tasks) {
                t.pollOnce();
            }
        }
        assertThat(done.getAsBoolean()).as("condition reached").isTrue();
    }

    static String done(Map<Map<String, Object>, Map<String, Object>> offsets, String mirror, int task) {
        return field(offsets, mirror, task, "done");
    }

    /** The partitions the slot's tasks read themselves. */
    static String read(Map<Map<String, Object>, Map<String, Object>> offsets, String mirror, int task) {
        return field(offsets, mirror, task, "read");
    }

    static String field(Map<Map<String, Object>, Map<String, Object>> offsets, String mirror, int task, String f) {
        Map<String, Object> o = offsets.get(TaskProgress.sourcePartition(mirror, task));
        return o == null ? "" : (String) o.get(f);
    }

    @Test
    void twoTasksReadEachPartitionOfOnePlanExactlyOnce() throws Exception {
        sql("CREATE TABLE two (id int PRIMARY KEY, d date NOT NULL)",
                "INSERT INTO two SELECT g, date '2020-01-01' + (g / 10) FROM generate_series(1, 4000) g");
        Map<String, String> cfg = config("two_m", "SELECT id, d FROM public.two WHERE d BETWEEN {{.start}} AND {{.end}}",
                "public.two", "d");
        Map<Map<String, Object>, Map<String, Object>> offsets = new HashMap<>();
        List<Map<String, String>> configs = TaskHarness.taskConfigs(cfg, 2, offsets);
        List<TaskHarness> tasks = startTasks(configs, offsets);
        try {
            pollAllUntil(tasks, () -> tasks.get(0).delivered.size() + tasks.get(1).delivered.size() >= 4000
                    && tasks.get(1).task.isFinished());
            // 4 partitions: task 0 read partitions 0 and 2, task 1 partitions 1 and 3, each recorded by its reader
            assertThat(done(offsets, "two_m", 0)).isEqualTo("1010");
            assertThat(done(offsets, "two_m", 1)).isEqualTo("0101");
            assertThat(read(offsets, "two_m", 0)).isEqualTo("1010");
            assertThat(read(offsets, "two_m", 1)).isEqualTo("0101");
            List<Long> all = new ArrayList<>(ids(tasks.get(0).delivered));
            all.addAll(ids(tasks.get(1).delivered));
            assertThat(all.stream().sorted().toList()).isEqualTo(range(1, 4000));
            assertThat(meta(tasks.get(0).delivered.get(0)).version()).as("one plan, one version")
                    .isEqualTo(meta(tasks.get(1).delivered.get(0)).version());
            // new rows: only task 0 runs the incremental cycles
            sql("INSERT INTO two SELECT g, date '2030-01-01' FROM generate_series(4001, 4010) g");
            pollAllUntil(tasks, () -> tasks.get(0).delivered.size() + tasks.get(1).delivered.size() >= 4010);
            assertThat(ids(tasks.get(0).delivered.subList(tasks.get(0).delivered.size() - 10,
                    tasks.get(0).delivered.size()))).isEqualTo(range(4001, 4010));
        } finally {
            tasks.forEach(TaskHarness::stop);
        }
    }

    @Test
    void moreTasksAfterARestartShareOnlyTheUnfinishedPartitions() throws Exception {
        sql("CREATE TABLE grow (id int PRIMARY KEY, pad text)",
                "INSERT INTO grow SELECT g, repeat('x', 20) FROM generate_series(1, 6000) g");
        Map<String, String> cfg = config("grow_m", "SELECT id, pad FROM public.grow WHERE id BETWEEN {{.start}} AND "
                + "{{.end}}", "public.grow", "id");
        cfg.put("parallelism", "1");
        cfg.put("max.batch.size", "100");
        cfg.put("initial.copy.only", "true");
        Map<Map<String, Object>, Map<String, Object>> offsets = new HashMap<>();
        // two tasks, 6 partitions: each reads its first partition (0 and 1) and part of its second, then stops
        List<TaskHarness> two = startTasks(TaskHarness.taskConfigs(cfg, 2, offsets), offsets);
        try {
            // one task at a time: a task not polled does not read on (its queue holds max.batch.size rows)
            two.get(0).pollUntil(rs -> rs.size() >= 1500, 60);
            two.get(1).pollUntil(rs -> rs.size() >= 1500, 60);
        } finally {
            two.forEach(TaskHarness::stop);
        }
        assertThat(done(offsets, "grow_m", 0)).isEqualTo("100000");
        assertThat(done(offsets, "grow_m", 1)).isEqualTo("010000");
        // tasks.max = 3: the same plan from the offsets; partitions 2..5 spread k mod 3; 0 and 1 are not read again
        List<Map<String, String>> configs = TaskHarness.taskConfigs(cfg, 3, offsets);
        List<TaskHarness> three = startTasks(configs, offsets);
        try {
            pollAllUntil(three, () -> three.stream().allMatch(t -> t.task.isFinished())
                    && three.stream().mapToInt(t -> t.delivered.size()).sum() >= 4000);
            List<Long> again = new ArrayList<>();
            three.forEach(t -> again.addAll(ids(t.delivered)));
            assertThat(again.stream().sorted().toList()).isEqualTo(range(2001, 6000));
            assertThat(done(offsets, "grow_m", 0)).isEqualTo("110100");
            assertThat(done(offsets, "grow_m", 2)).isEqualTo("111001");
            // what each slot read, over both task counts: every partition by exactly one slot
            assertThat(read(offsets, "grow_m", 0)).isEqualTo("100100");
            assertThat(read(offsets, "grow_m", 1)).isEqualTo("010010");
            assertThat(read(offsets, "grow_m", 2)).isEqualTo("001001");
            Set<Long> all = new java.util.TreeSet<>(again);
            two.forEach(t -> all.addAll(ids(t.delivered)));
            assertThat(all).hasSize(6000);
        } finally {
            three.forEach(TaskHarness::stop);
        }
    }

    /**
     * watermark.column = ctid: heap block ranges, read by two tasks in the snapshot the connector exported. Rows
     * updated, deleted and inserted after planning (while the partitions are being read) do not change the copy:
     * every row of the snapshot arrives once, as it was.
     */
    @Test
    void aCtidCopyReadsBlockRangesInTheConnectorsSnapshot() throws Exception {
        sql("CREATE TABLE heap (id int PRIMARY KEY, pad text NOT NULL)",
                "INSERT INTO heap SELECT g, 'orig ' || repeat('x', 100) || g FROM generate_series(1, 5000) g",
                "ANALYZE heap");
        Map<String, String> cfg = config("ctid_m", "SELECT id, pad FROM public.heap WHERE ctid BETWEEN {{.start}} AND "
                + "{{.end}}", "public.heap", "ctid");
        cfg.put("initial.copy.only", "true");
        cfg.put("parallelism", "1");
        cfg.put("max.batch.size", "100");
        Map<Map<String, Object>, Map<String, Object>> offsets = new HashMap<>();
        QRepSourceConnector connector = TaskHarness.startConnector(cfg, 2, offsets);
        List<TaskHarness> tasks;
        try {
            List<Map<String, String>> configs = connector.taskConfigs(2);
            assertThat(connector.plan().partitions()).hasSizeGreaterThanOrEqualTo(4);
            assertThat(connector.plan().partitions().get(1).start()).matches("[1-9]\\d*");
            tasks = startTasks(configs, offsets);
            sql("UPDATE heap SET pad = 'changed' WHERE id % 10 = 0", "DELETE FROM heap WHERE id % 10 = 1",
                    "INSERT INTO heap SELECT g, 'new' FROM generate_series(5001, 5100) g");
            try {
                pollAllUntil(tasks, () -> tasks.stream().allMatch(t -> t.task.isFinished())
                        && tasks.stream().mapToInt(t -> t.delivered.size()).sum() >= 5000);
                List<SourceRecord> all = new ArrayList<>();
                tasks.forEach(t -> all.addAll(t.delivered));
                assertThat(ids(all)).isEqualTo(range(1, 5000));
                assertThat(all).allMatch(r -> ((Struct) r.value()).getString("pad").startsWith("orig "));
                assertThat(read(offsets, "ctid_m", 0).replace('0', ' ').trim()).isNotEmpty();
                assertThat(read(offsets, "ctid_m", 1).replace('0', ' ').trim()).isNotEmpty();
            } finally {
                tasks.forEach(TaskHarness::stop);
            }
            // once the offsets show every range read, the connector ends the snapshot's transaction
            for (int i = 0; i < 300 && planningSessions("ctid_m") > 0; i++) {
                Thread.sleep(100);
            }
            assertThat(planningSessions("ctid_m")).isZero();
        } finally {
            connector.stop();
        }
    }

    @Test
    void theCtidPartitionQueryIsATidRangeScan() throws Exception {
        sql("CREATE TABLE tidscan (id int PRIMARY KEY, pad text)",
                "INSERT INTO tidscan SELECT g, repeat('y', 200) FROM generate_series(1, 2000) g", "ANALYZE tidscan");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SELECT set_config('mirrorconnect.start', '3', true), "
                    + "set_config('mirrorconnect.end', '6', true)");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery("EXPLAIN " + io.mirrorconnect.qrep.sql.QRepSql.partitionQuery(
                    "SELECT id FROM public.tidscan WHERE ctid BETWEEN {{.start}} AND {{.end}}",
                    new io.mirrorconnect.qrep.watermark.Watermark(io.mirrorconnect.contract.TableId.of("public",
                            "tidscan"), "ctid", io.mirrorconnect.qrep.watermark.WatermarkKind.CTID, -1), true))) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            assertThat(plan.toString()).contains("Tid Range Scan");
            try (ResultSet rs = s.executeQuery("SELECT count(*), min((ctid::text::point)[0]), max((ctid::text::point)[0]) "
                    + "FROM public.tidscan WHERE ctid BETWEEN CAST('(' || current_setting('mirrorconnect.start') || ',0)' "
                    + "AS tid) AND CAST('(' || current_setting('mirrorconnect.end') || ',0)' AS tid)")) {
                rs.next();
                assertThat(rs.getLong(1)).isPositive();
                assertThat(rs.getDouble(2)).isEqualTo(3.0);
                assertThat(rs.getDouble(3)).as("blocks 3..5: (6,0) holds no row").isEqualTo(5.0);
            }
            c.rollback();
        }
    }

    static int planningSessions(String mirror) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                     + "'mirrorconnect-" + mirror + "-initial-plan'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void tasksWithoutAPlanWaitIdle() throws Exception {
        Map<String, String> cfg = config("wait_m", "SELECT 1 AS id WHERE 1 BETWEEN {{.start}} AND {{.end}}",
                "public.nothing", "id");
        cfg.put("qrep.task.index", "0");
        cfg.put("qrep.task.count", "1");
        TaskHarness h = new TaskHarness();
        h.startTask(cfg); // no plan: no database access at all (the table does not even exist)
        try {
            assertThat(h.pollOnce()).isEmpty();
            assertThat(h.task.isFinished()).isFalse();
        } finally {
            h.stop();
        }
    }

    @Test
    void badInputFailsNamingTheMirror() throws Exception {
        sql("CREATE TABLE bad (id int PRIMARY KEY, tags text[], name text)");
        TaskHarness h = new TaskHarness();
        assertThatThrownBy(() -> h.start(config("bad_m", "SELECT * FROM public.nope WHERE id BETWEEN {{.start}} AND "
                + "{{.end}}", "public.nope", "id"))).hasMessageContaining("mirror bad_m: watermark table public.nope")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> h.start(config("bad_m", "SELECT * FROM public.bad WHERE id BETWEEN {{.start}} AND "
                + "{{.end}}", "public.bad", "missing"))).hasMessageContaining("mirror bad_m: watermark column missing "
                + "does not exist in table public.bad");
        assertThatThrownBy(() -> h.start(config("bad_m", "SELECT * FROM public.bad WHERE name BETWEEN {{.start}} AND "
                + "{{.end}}", "public.bad", "name"))).hasMessageContaining("mirror bad_m: watermark column name of table "
                + "public.bad has type text, which cannot be a watermark");
        assertThatThrownBy(() -> h.start(config("bad_m", "SELECT id, nme FROM public.bad WHERE id BETWEEN {{.start}} "
                + "AND {{.end}}", "public.bad", "id"))).hasMessageContaining("mirror bad_m: the query failed")
                .hasMessageContaining("column \"nme\" does not exist").hasMessageContaining(">>>nme FROM public.bad");
        Map<String, String> upsert = config("bad_m", "SELECT name FROM public.bad WHERE id BETWEEN {{.start}} AND "
                + "{{.end}}", "public.bad", "id");
        upsert.put("write.mode", "upsert");
        upsert.put("unique.key.columns", "id");
        assertThatThrownBy(() -> h.start(upsert)).hasMessageContaining("mirror bad_m: unique key column id is not a "
                + "column of the query's result");
    }

    /** Errors on the property at fault, from the connector's validate(), i.e. before mirror-ddl creates anything. */
    static Map<String, List<String>> validationErrors(Map<String, String> config) {
        Map<String, List<String>> out = new TreeMap<>();
        new QRepSourceConnector().validate(config).configValues().stream().filter(v -> !v.errorMessages().isEmpty())
                .forEach(v -> out.put(v.name(), v.errorMessages()));
        return out;
    }

    @Test
    void validateChecksTheDatabaseAndNamesTheProperty() throws Exception {
        sql("CREATE TABLE val (id int PRIMARY KEY, name text)");
        assertThat(validationErrors(config("val_m", "SELECT id, name FROM public.val WHERE id BETWEEN {{.start}} AND "
                + "{{.end}}", "public.val", "id"))).isEmpty();
        assertThat(validationErrors(config("val_m", "SELECT * FROM public.nope WHERE id BETWEEN {{.start}} AND "
                + "{{.end}}", "public.nope", "id"))).containsOnlyKeys("watermark.table");
        assertThat(validationErrors(config("val_m", "SELECT * FROM public.val WHERE name BETWEEN {{.start}} AND "
                + "{{.end}}", "public.val", "name"))).containsOnlyKeys("watermark.column");
        assertThat(validationErrors(config("val_m", "SELECT id, nam FROM public.val WHERE id BETWEEN {{.start}} AND "
                + "{{.end}}", "public.val", "id")).get("query")).singleElement().asString()
                .contains("mirror val_m: the query failed").contains("column \"nam\" does not exist");
        Map<String, String> upsert = config("val_m", "SELECT name FROM public.val WHERE id BETWEEN {{.start}} AND "
                + "{{.end}}", "public.val", "id");
        upsert.put("write.mode", "upsert");
        upsert.put("unique.key.columns", "id");
        assertThat(validationErrors(upsert)).containsOnlyKeys("unique.key.columns");
        Map<String, String> unreachable = config("val_m", "SELECT id FROM public.val WHERE id BETWEEN {{.start}} AND "
                + "{{.end}}", "public.val", "id");
        unreachable.put("database.port", "1");
        assertThat(validationErrors(unreachable)).containsOnlyKeys("database.hostname");
    }

    @Test
    void initialCopyOnlyCopiesOnceThenIdles() throws Exception {
        sql("CREATE TABLE once (id int PRIMARY KEY)", "INSERT INTO once SELECT generate_series(1, 1500)");
        Map<String, String> cfg = config("once_m", "SELECT id FROM public.once WHERE id BETWEEN {{.start}} AND {{.end}}",
                "public.once", "id");
        cfg.put("initial.copy.only", "true");
        cfg.put("write.mode", "overwrite");
        TaskHarness h = new TaskHarness();
        h.start(cfg);
        try {
            h.pollUntil(rs -> rs.size() >= 1500 && h.task.isFinished(), 60);
            sql("INSERT INTO once VALUES (1501)");
            for (int i = 0; i < 3; i++) {
                assertThat(h.pollOnce()).isEmpty();
            }
            assertThat(ids(h.delivered)).isEqualTo(range(1, 1500));
        } finally {
            h.stop();
        }
    }
}
