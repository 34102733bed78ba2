package io.mirrorconnect.pgcdc.task;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;

import io.mirrorconnect.json.ExactJsonConverter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * CPU per record of the source's side of a Connect worker, in process (not a test; run by
 * scripts/bench-snapshot.sh with {@code COST=1}, or its main with the test class path): the task's records out of
 * poll() for a snapshot and for a drain of single-row updates (pgoutput -> Struct -> SourceRecord), each once as the
 * task alone and once with what the worker then does per record before its producer: the compiled key and value
 * converter ({@link ExactJsonConverter}, schemas on) and the worker's default header converter
 * ({@link SimpleHeaderConverter}). JVM CPU (all threads, GC and JIT included; Postgres's own CPU not counted) over
 * the records of the phase; the table is SnapshotBench's 16 columns.
 *
 * <p>Arguments: rows (default 200000), changes (default 100000), rounds (default 3).
 */
public final class SourceCostBench {
    private SourceCostBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int changes = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical")
                .setServerConfig("max_wal_senders", "10").setServerConfig("max_replication_slots", "10")
                .setServerConfig("shared_buffers", "256MB").setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off").start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                BenchTable.create(c, rows);
            }
            System.out.printf("source cost, %d rows / %d changes x 16 columns, load before %s%n", rows, changes, load());
            Converters conv = new Converters();
            for (int w = 0; w < 2; w++) { // warm-up (JIT), not reported
                snapshot(pg, rows, null);
                snapshot(pg, rows, conv);
            }
            double[][] snap = new double[2][rounds];
            for (int r = 0; r < rounds; r++) {
                snap[0][r] = snapshot(pg, rows, null);
                snap[1][r] = snapshot(pg, rows, conv);
                System.out.printf("snapshot round %d: task %.2f us/record, task + converters %.2f us/record%n", r + 1,
                        snap[0][r], snap[1][r]);
            }
            double[][] drain = new double[2][rounds];
            TaskHarness h = new TaskHarness();
            Map<String, String> cfg = config(pg, "drain" + System.nanoTime());
            cfg.put("snapshot.enabled", "false");
            h.start(cfg);
            try {
                h.pollCounting(); // starts streaming
                drain(pg, h, changes, 0, null); // warm-up, not reported
                drain(pg, h, changes, 1, conv);
                for (int r = 0; r < rounds; r++) {
                    drain[0][r] = drain(pg, h, changes, 2 + 2 * r, null);
                    drain[1][r] = drain(pg, h, changes, 3 + 2 * r, conv);
                    System.out.printf("drain round %d: task %.2f us/record, task + converters %.2f us/record%n", r + 1,
                            drain[0][r], drain[1][r]);
                }
            } finally {
                h.stop();
            }
            System.out.println();
            System.out.printf("JVM CPU per record, median of %d (load after %s)%n", rounds, load());
            System.out.printf("  snapshot: task %.2f us, task + converters %.2f us%n", median(snap[0]), median(snap[1]));
            System.out.printf("  drain:    task %.2f us, task + converters %.2f us%n", median(drain[0]), median(drain[1]));
        }
    }

    /** The worker's per-record conversions: key and value with the compiled converter, headers with the default. */
    static final class Converters {
        final ExactJsonConverter key = new ExactJsonConverter();
        final ExactJsonConverter value = new ExactJsonConverter();
        final SimpleHeaderConverter headers = new SimpleHeaderConverter();
        long bytes;

        Converters() {
            key.configure(Map.of("schemas.enable", "true"), true);
            value.configure(Map.of("schemas.enable", "true"), false);
            headers.configure(Map.of());
        }

        void convert(SourceRecord r) {
            org.apache.kafka.common.header.internals.RecordHeaders kh =
                    new org.apache.kafka.common.header.internals.RecordHeaders();
            for (Header h : r.headers()) {
                byte[] b = headers.fromConnectHeader(r.topic(), h.key(), h.schema(), h.value());
                kh.add(h.key(), b);
                bytes += b == null ? 0 : b.length;
            }
            byte[] k = key.fromConnectData(r.topic(), kh, r.keySchema(), r.key());
            byte[] v = value.fromConnectData(r.topic(), kh, r.valueSchema(), r.value());
            bytes += (k == null ? 0 : k.length) + (v == null ? 0 : v.length);
        }
    }

    private static Map<String, String> config(EmbeddedPostgres pg, String mirror) {
        Map<String, String> cfg = new HashMap<>();
        cfg.put("mirror.name", mirror);
        cfg.put("database.hostname", "localhost");
        cfg.put("database.port", Integer.toString(pg.getPort()));
        cfg.put("database.user", "postgres");
        cfg.put("database.dbname", "postgres");
        cfg.put("database.sslmode", "disable");
        cfg.put("table.include.list", "public.bench");
        cfg.put("max.batch.size", "10000");
        cfg.put("heartbeat.interval.ms", "0");
        return cfg;
    }

    /** CPU µs per record from the task's start to the last record (the start's own cost is spread over them). */
    private static double snapshot(EmbeddedPostgres pg, int rows, Converters conv) throws Exception {
        Map<String, String> cfg = config(pg, "snap" + System.nanoTime());
        cfg.put("snapshot.rows.per.partition", Integer.toString(Math.max(1, rows / 4)));
        cfg.put("snapshot.max.parallel.workers", "2");
        TaskHarness h = new TaskHarness();
        long c0 = cpuNanos();
        h.start(cfg);
        long n = 0;
        try {
            while (n < rows) {
                n += poll(h, conv);
            }
        } finally {
            h.stop();
        }
        long c1 = cpuNanos();
        dropSlot(pg, cfg.get("mirror.name"));
        return (c1 - c0) / 1e3 / rows;
    }

    private static void dropSlot(EmbeddedPostgres pg, String mirror) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active");
        }
    }

    /** Single-row updates in transactions of 10,000 (the e2e bench's backlog), then polled until all arrived. */
    private static double drain(EmbeddedPostgres pg, TaskHarness h, int changes, int round, Converters conv)
            throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN FOR i IN 1.." + changes + " LOOP UPDATE bench SET i2 = i2 + 1 WHERE id = i; "
                    + "IF i % 10000 = 0 THEN COMMIT; END IF; END LOOP; END $$");
        }
        long c0 = cpuNanos();
        long n = 0;
        while (n < changes) {
            n += poll(h, conv);
        }
        long c1 = cpuNanos();
        return (c1 - c0) / 1e3 / changes;
    }

    private static int poll(TaskHarness h, Converters conv) throws InterruptedException {
        List<SourceRecord> rs = h.task.poll();
        if (rs == null) {
            return 0;
        }
        for (SourceRecord r : rs) {
            if (conv != null) {
                conv.convert(r);
            }
            h.task.commitRecord(r, null);
        }
        return rs.size();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String load() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
