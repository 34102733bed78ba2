package io.mirrorconnect.qrep.task;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;
import org.postgresql.PGConnection;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Copy throughput of the query-replication task (records out of poll(), no Kafka) next to a raw
 * {@code COPY (query) TO STDOUT} of the same rows on the same machine. Run by scripts/bench-qrep.sh.
 *
 * <p>Arguments: rows (default 500000), rows per partition (default 100000), parallelism (default 2).
 */
public final class QRepBench {
    private static final String QUERY = "SELECT * FROM public.bench WHERE id BETWEEN {{.start}} AND {{.end}}";

    private QRepBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int perPartition = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("shared_buffers", "256MB")
                .setServerConfig("fsync", "off").start()) {
            System.out.printf("loading %d rows x 16 columns ...%n", rows);
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE bench (id bigint PRIMARY KEY, i1 int, i2 int, b1 bigint, n1 numeric(12,2), "
                        + "f1 double precision, t1 text, t2 text, v1 varchar(40), d1 date, ts1 timestamp, "
                        + "tz1 timestamptz, bo1 boolean, u1 uuid, j1 jsonb, t3 text)");
                st.execute("INSERT INTO bench SELECT g, g % 1000, g % 7, g * 10, (g % 10000) / 3.0, g / 7.0, "
                        + "md5(g::text), 'text ' || g, 'v' || (g % 100), DATE '2020-01-01' + (g % 1000), "
                        + "TIMESTAMP '2020-01-01' + g * INTERVAL '1 second', "
                        + "TIMESTAMPTZ '2020-01-01 00:00:00+00' + g * INTERVAL '1 minute', g % 2 = 0, "
                        + "md5(g::text)::uuid, jsonb_build_object('k', g), repeat('x', 20) "
                        + "FROM generate_series(1, " + rows + ") g");
                st.execute("VACUUM ANALYZE bench");
            }
            double raw = rawCopy(pg, rows);
            double task = taskCopy(pg, rows, perPartition, parallelism);
            System.out.println();
            System.out.printf("%-72s %12s%n", "query replication of " + rows + " rows x 16 columns", "rows/s");
            System.out.printf("%-72s %,12.0f%n", "raw COPY (query) TO STDOUT, text, 1 stream", raw);
            System.out.printf("%-72s %,12.0f%n", "qrep-source task, " + perPartition + " rows/partition, parallelism "
                    + parallelism + " (records, no Kafka)", task);
            System.out.printf("task / raw COPY: %.2f%n", task / raw);
        }
    }

    private static double rawCopy(EmbeddedPostgres pg, int rows) throws Exception {
        String sql = "COPY (" + QUERY.replace("{{.start}}", "1").replace("{{.end}}", Integer.toString(rows))
                + ") TO STDOUT";
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 2; run++) {
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                long t0 = System.nanoTime();
                long n = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, OutputStream.nullOutputStream());
                if (n != rows) {
                    throw new IllegalStateException("raw COPY returned " + n + " rows");
                }
                best = Math.min(best, System.nanoTime() - t0);
            }
        }
        return rows / (best / 1e9);
    }

    private static double taskCopy(EmbeddedPostgres pg, int rows, int perPartition, int parallelism) throws Exception {
        Map<String, String> p = new HashMap<>();
        p.put("mirror.name", "bench");
        p.put("database.hostname", "localhost");
        p.put("database.port", Integer.toString(pg.getPort()));
        p.put("database.user", "postgres");
        p.put("database.dbname", "postgres");
        p.put("database.sslmode", "disable");
        p.put("query", QUERY);
        p.put("watermark.table", "public.bench");
        p.put("watermark.column", "id");
        p.put("num.rows.per.partition", Integer.toString(perPartition));
        p.put("parallelism", Integer.toString(parallelism));
        p.put("initial.copy.only", "true");
        TaskHarness h = new TaskHarness();
        long t0 = System.nanoTime();
        h.start(p);
        long n = 0;
        try {
            while (n < rows) {
                List<SourceRecord> rs = h.task.poll();
                if (rs != null) {
                    n += rs.size();
                }
            }
        } finally {
            h.stop();
        }
        return rows / ((System.nanoTime() - t0) / 1e9);
    }
}
