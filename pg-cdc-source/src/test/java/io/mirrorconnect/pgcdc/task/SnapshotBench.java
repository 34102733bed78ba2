package io.mirrorconnect.pgcdc.task;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Snapshot throughput of the connector's task (records out of poll(), no Kafka), with the binary and the text
 * COPY format, next to a raw {@code COPY ... (FORMAT binary)} of the same table on the same machine (measured before
 * and after the tasks, since the machine is shared). Run by scripts/bench-snapshot.sh.
 *
 * <p>Arguments: rows (default 500000), workers (default 2), partitions (default 4).
 */
public final class SnapshotBench {
    private SnapshotBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical")
                .setServerConfig("max_wal_senders", "10").setServerConfig("max_replication_slots", "10")
                .setServerConfig("shared_buffers", "256MB").start()) {
            System.out.printf("loading %d rows x 16 columns ...%n", rows);
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                BenchTable.create(c, rows);
            }
            long blocks;
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
                 var rs = st.executeQuery("SELECT pg_relation_size('bench') / current_setting('block_size')::int")) {
                rs.next();
                blocks = rs.getLong(1);
            }
            String loadBefore = load();
            int rounds = Integer.getInteger("rounds", 3);
            boolean withText = !Boolean.getBoolean("binaryOnly");
            // warm-up (JIT, buffers), not reported
            rawBinaryCopy(pg, rows, workers, blocks);
            taskSnapshot(pg, rows, workers, partitions, "binary");
            // rounds interleave the measures, so load changes on the shared machine hit all of them alike; medians
            double[] raw1 = new double[rounds];
            double[] rawN = new double[rounds];
            double[] text = new double[rounds];
            double[] binary = new double[rounds];
            double[] cpuRaw = new double[rounds];
            double[] cpuText = new double[rounds];
            double[] cpuBinary = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                raw1[r] = rawBinaryCopy(pg, rows, 1, blocks);
                long c0 = cpuNanos();
                rawN[r] = rawBinaryCopy(pg, rows, workers, blocks);
                long c1 = cpuNanos();
                text[r] = withText ? taskSnapshot(pg, rows, workers, partitions, "text") : Double.NaN;
                long c2 = cpuNanos();
                binary[r] = taskSnapshot(pg, rows, workers, partitions, "binary");
                long c3 = cpuNanos();
                cpuRaw[r] = (c1 - c0) / 1e3 / rows;
                cpuText[r] = withText ? (c2 - c1) / 1e3 / rows : Double.NaN;
                cpuBinary[r] = (c3 - c2) / 1e3 / rows;
                System.out.printf("round %d: raw 1 stream %,.0f, raw %d ranges %,.0f, task text %,.0f, task binary %,.0f "
                        + "rows/s%n", r + 1, raw1[r], workers, rawN[r], text[r], binary[r]);
            }
            double mRawN = median(rawN);
            System.out.println();
            System.out.printf("%-58s %12s %6s%n", "snapshot of " + rows + " rows x 16 columns (median of " + rounds + ")",
                    "rows/s", "ratio");
            System.out.printf("%-58s %,12.0f%n", "raw COPY (FORMAT binary), 1 stream", median(raw1));
            System.out.printf("%-58s %,12.0f %6.2f%n", "raw COPY (FORMAT binary), " + workers + " CTID ranges in parallel",
                    mRawN, 1.0);
            if (withText) {
                System.out.printf("%-58s %,12.0f %6.2f%n", "pg-cdc-source task, snapshot.copy.format=text, " + workers
                        + " workers", median(text), median(text) / mRawN);
            }
            System.out.printf("%-58s %,12.0f %6.2f%n", "pg-cdc-source task, snapshot.copy.format=binary, " + workers
                    + " workers", median(binary), median(binary) / mRawN);
            System.out.printf("(ratio: task rows/s / raw binary COPY with %d CTID ranges; load average before %s, "
                    + "after %s)%n", workers, loadBefore, load());
            System.out.printf("JVM CPU per row (all threads, GC and JIT included; Postgres's own CPU not counted): raw "
                    + "COPY %d ranges %.2f us, task text %.2f us, task binary %.2f us%n", workers, median(cpuRaw),
                    median(cpuText), median(cpuBinary));
            decodeOnly(pg, rows);
        }
    }

    /**
     * The decoding alone, in memory on one thread: every tuple of the table (binary COPY messages kept in a list)
     * through {@code TableSchema.valueStructOfBinaryTuple} plus its key, and the text lines through the text path;
     * best of 5 passes. Tells how much of a core one row costs the reader beyond pgjdbc.
     */
    private static void decodeOnly(EmbeddedPostgres pg, int rows) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            for (String set : io.mirrorconnect.pgcdc.sql.PgSql.sessionSetStatements()) {
                try (Statement st = c.createStatement()) {
                    st.execute(set);
                }
            }
            io.mirrorconnect.pgcdc.types.PgTypeRegistry registry = new io.mirrorconnect.pgcdc.types.PgTypeRegistry();
            long oid = io.mirrorconnect.pgcdc.catalog.CatalogReader.oid(c,
                    io.mirrorconnect.contract.TableId.of("public", "bench"));
            var cols = io.mirrorconnect.pgcdc.catalog.CatalogReader.columns(c, oid);
            var table = io.mirrorconnect.contract.TableId.of("public", "bench");
            var schema = io.mirrorconnect.pgcdc.schema.TableSchemaBuilder.build(table, "b.public.bench",
                    cols.columns(), cols.key(), List.of(), new io.mirrorconnect.pgcdc.types.PgTypeMapper(registry));
            var all = new io.mirrorconnect.pgcdc.snapshot.plan.CtidPartition(0, 0, null);
            List<byte[]> tuples = messages(c, io.mirrorconnect.pgcdc.sql.PgSql.copyPartitionBinary(table,
                    schema.includedColumnNames(), schema.textInBinaryCopy(), all));
            List<byte[]> lines = messages(c, io.mirrorconnect.pgcdc.sql.PgSql.copyPartition(table,
                    schema.includedColumnNames(), all));
            var parser = new io.mirrorconnect.pgcdc.decoder.CopyTextParser(schema.includedColumnNames().size());
            double bestBinary = Double.MAX_VALUE;
            double bestText = Double.MAX_VALUE;
            long sink = 0;
            for (int pass = 0; pass < 5; pass++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < tuples.size(); i++) {
                    byte[] m = tuples.get(i);
                    int off = i == 0 ? io.mirrorconnect.pgcdc.binary.BinaryCopyFraming.afterHeader(m) : 0;
                    if (m.length - off <= 2) {
                        continue;
                    }
                    var v = schema.valueStructOfBinaryTuple(m, off, m.length - off);
                    sink += schema.keyStructFromValue(v).hashCode() & 1;
                }
                long t1 = System.nanoTime();
                for (byte[] line : lines) {
                    var v = schema.valueStructOfIncluded(parser.parse(line, 0, line.length));
                    sink += schema.keyStructFromValue(v).hashCode() & 1;
                }
                long t2 = System.nanoTime();
                bestBinary = Math.min(bestBinary, (t1 - t0) / 1e3 / rows);
                bestText = Math.min(bestText, (t2 - t1) / 1e3 / rows);
            }
            System.out.printf("decoding alone, 1 thread, in memory: binary %.2f us/row, text %.2f us/row (%d)%n",
                    bestBinary, bestText, sink % 2);
        }
    }

    private static List<byte[]> messages(Connection c, String sql) throws Exception {
        var copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
        List<byte[]> out = new java.util.ArrayList<>();
        byte[] m;
        while ((m = copy.readFromCopy()) != null) {
            out.add(m);
        }
        return out;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String load() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double rawBinaryCopy(EmbeddedPostgres pg, int rows, int streams, long blocks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        long start = System.nanoTime();
        long per = (blocks + streams) / streams;
        List<Future<Long>> fs = new java.util.ArrayList<>();
        for (int i = 0; i < streams; i++) {
            long from = i * per;
            String where = streams == 1 ? "" : " WHERE ctid >= '(" + from + ",0)'::tid"
                    + (i == streams - 1 ? "" : " AND ctid < '(" + (from + per) + ",0)'::tid");
            fs.add(pool.submit(() -> {
                try (Connection c = pg.getPostgresDatabase().getConnection()) {
                    CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
                    return cm.copyOut("COPY (SELECT * FROM bench" + where + ") TO STDOUT (FORMAT binary)",
                            OutputStream.nullOutputStream());
                }
            }));
        }
        for (Future<Long> f : fs) {
            f.get();
        }
        pool.shutdown();
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    private static double taskSnapshot(EmbeddedPostgres pg, int rows, int workers, int partitions, String format)
            throws Exception {
        Map<String, String> cfg = new HashMap<>();
        cfg.put("mirror.name", "bench" + System.nanoTime());
        cfg.put("database.hostname", "localhost");
        cfg.put("database.port", Integer.toString(pg.getPort()));
        cfg.put("database.user", "postgres");
        cfg.put("database.dbname", "postgres");
        cfg.put("database.sslmode", "disable");
        cfg.put("table.include.list", "public.bench");
        cfg.put("snapshot.rows.per.partition", Integer.toString(Math.max(1, rows / partitions)));
        cfg.put("snapshot.max.parallel.workers", Integer.toString(workers));
        cfg.put("max.batch.size", "10000");
        cfg.put("snapshot.copy.format", format);
        TaskHarness h = new TaskHarness();
        long start = System.nanoTime();
        h.start(cfg);
        long n = 0;
        long firstRecord = 0;
        try {
            while (n < rows) {
                n += h.pollCounting();
                if (firstRecord == 0 && n > 0) {
                    firstRecord = System.nanoTime();
                }
            }
        } finally {
            h.stop();
        }
        long end = System.nanoTime();
        System.out.printf("  task %s: %.2f s to the first record (start: preflight, slot, catalog, plan), then "
                + "%,.0f rows/s%n", format, (firstRecord - start) / 1e9, rows / ((end - firstRecord) / 1e9));
        return rows / ((end - start) / 1e9);
    }
}
