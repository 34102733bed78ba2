package io.mirrorconnect.it.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.mirrorconnect.ddl.cli.MirrorDdl;
import io.mirrorconnect.ddl.connect.ConnectClient;
import io.mirrorconnect.it.bigquerysink.SinkProgress;
import io.mirrorconnect.it.fixtures.BigQueryEmulatorFixture;
import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * The local demo mirror into BigQuery ({@code scripts/demo.sh bigquery}, docs/demo.md): the same shop and changes as
 * {@link LocalDemo}, mirrored into bqemulator (BigQueryEmulatorFixture) with a mirror written in PeerDB's SQL and
 * applied with {@code mirror-ddl apply}. The emulator is read only once the sink has committed everything (emulator
 * bug B7: reading while the sink appends deadlocks it). Exit code 0 when every step converged, 1 otherwise.
 */
public final class LocalBigQueryDemo {
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);
    private static final String MIRROR = "shop_mirror";
    private static final String DATASET = "shop_mirror";

    private final long started = System.nanoTime();
    private PostgresFixture pg;
    private BigQueryEmulatorFixture bq;
    private ConnectFixture connect;
    private SinkProgress progress;

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.mirrorconnect", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "error");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.connect.runtime.distributed", "error");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.controller", "error");
        LocalBigQueryDemo demo = new LocalBigQueryDemo();
        int code;
        try {
            demo.run();
            code = 0;
        } catch (Throwable e) {
            System.out.println();
            System.out.println("DEMO FAILED: " + e.getMessage());
            code = 1;
        } finally {
            demo.stop();
        }
        System.out.flush();
        System.exit(code);
    }

    private void run() throws IOException {
        section("1. Postgres (embedded, logical replication on)");
        pg = PostgresFixture.start();
        ShopSchema.create().forEach(pg::execute);
        say("postgres://%s@%s:%d/%s; customers: %d rows; orders: %d rows", pg.user(), pg.host(), pg.port(),
                pg.database(), ShopSchema.CUSTOMERS, ShopSchema.ORDERS);

        section("2. bqemulator and a Kafka Connect worker");
        bq = BigQueryEmulatorFixture.start();
        bq.setAsWorkerDefault();
        bq.createDataset(DATASET);
        say("BigQuery REST %s, Storage Write %s (project %s, dataset %s)", bq.restEndpoint(), bq.grpcEndpoint(),
                BigQueryEmulatorFixture.PROJECT, DATASET);
        connect = ConnectFixture.start(Map.of("plugin.discovery", "only_scan"), "pg-cdc-source", "bigquery-sink");
        progress = new SinkProgress(connect.bootstrapServers());
        say("Connect REST API: %s (plugins pg-cdc-source, bigquery-sink from their archives)", connect.connectUrl());

        section("3. The mirror, in PeerDB's SQL");
        Path sql = writeSql();
        Files.readAllLines(sql).forEach(l -> System.out.println("    " + l));
        say("$ mirror-ddl apply %s --connect-url %s", ConnectFixture.rootDir().relativize(sql), connect.connectUrl());
        cli("apply", sql.toString(), "--connect-url", connect.connectUrl());
        connect.awaitRunning(MIRROR + "-source", 1, STEP_TIMEOUT);
        connect.awaitRunning(MIRROR + "-sink", 1, STEP_TIMEOUT);

        section("4. Initial snapshot");
        long t0 = System.nanoTime();
        awaitCounts();
        say("landed in %.1f s:", seconds(t0));
        System.out.print(TextTable.format(List.of("table", "postgres", "bigquery (not deleted)"), counts()));

        section("5. Live changes in Postgres");
        for (String[] change : ShopSchema.changes()) {
            say("%-56s %s", change[0], change[1].length() > 60 ? change[1].substring(0, 57) + "..." : change[1]);
            pg.execute(change[1]);
        }
        t0 = System.nanoTime();
        awaitCounts();
        say("arrived in %.1f s. BigQuery's view of those rows (deleted rows included):", seconds(t0));
        String ids = ShopSchema.CHANGED_ORDERS.stream().map(String::valueOf).collect(Collectors.joining(", "));
        List<List<String>> rows = new ArrayList<>();
        for (List<Object> r : bq.query("SELECT CAST(`id` AS STRING), `status`, CAST(`amount` AS STRING), "
                + "CAST(LENGTH(`notes`) AS STRING), `coupon`, CAST(`_PEERDB_IS_DELETED` AS STRING), "
                + "CAST(`_PEERDB_VERSION` AS STRING) FROM " + table("orders") + " WHERE `id` IN (" + ids + ") ORDER BY `id`")) {
            rows.add(r.stream().map(v -> v == null ? "NULL" : String.valueOf(v)).toList());
        }
        System.out.print(TextTable.format(List.of("id", "status", "amount", "notes length", "coupon",
                "_PEERDB_IS_DELETED", "_PEERDB_VERSION"), rows));

        section("6. mirror-ddl status " + MIRROR);
        cli("status", MIRROR, "--connect-url", connect.connectUrl());
        section("Done");
        say("every step converged; total %.1f s.", seconds(started));
    }

    private static String table(String name) {
        return "`" + BigQueryEmulatorFixture.PROJECT + "`.`" + DATASET + "`.`" + name + "`";
    }

    private Path writeSql() throws IOException {
        String text = String.join("\n",
                "-- Written by the local BigQuery demo (io.mirrorconnect.it.demo.LocalBigQueryDemo). The emulator's endpoint",
                "-- is the worker's default (mirror.bigquery.* system properties); the key fields are placeholders.",
                "CREATE PEER shop_pg FROM POSTGRES WITH (",
                "  host = '" + pg.host() + "', port = " + pg.port() + ", user = '" + pg.user() + "',",
                "  password = 'postgres', database = '" + pg.database() + "', sslmode = 'disable'",
                ");",
                "CREATE PEER shop_bq FROM BIGQUERY WITH (",
                "  type = 'service_account', project_id = '" + BigQueryEmulatorFixture.PROJECT + "',",
                "  private_key_id = 'demo', private_key = '-----BEGIN PRIVATE KEY-----\\nunused\\n-----END PRIVATE KEY-----\\n',",
                "  client_email = 'demo@" + BigQueryEmulatorFixture.PROJECT + ".iam.gserviceaccount.com', client_id = '1',",
                "  auth_uri = 'https://accounts.google.com/o/oauth2/auth', token_uri = 'https://oauth2.googleapis.com/token',",
                "  auth_provider_x509_cert_url = 'https://www.googleapis.com/oauth2/v1/certs',",
                "  client_x509_cert_url = 'https://www.googleapis.com/robot/v1/metadata/x509/demo',",
                "  dataset_id = '" + DATASET + "'",
                ");",
                "CREATE MIRROR " + MIRROR + " FROM shop_pg TO shop_bq",
                "WITH TABLE MAPPING (public.customers:customers, public.orders:orders)",
                "WITH (do_initial_copy = true, soft_delete = true, sync_interval = 1);",
                "");
        Path file = ConnectFixture.rootDir().resolve("it/target/demo/demo-bigquery.sql");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MirrorDdl.run(args, new PrintWriter(out, true), new PrintWriter(err, true), ConnectClient::new);
        (out.toString() + err).lines().forEach(l -> System.out.println("    " + l));
        if (code != 0) {
            throw new IllegalStateException("mirror-ddl " + args[0] + " exited with " + code + " (output above)");
        }
    }

    /** Waits until the sink has committed everything, then until BigQuery's live row counts equal Postgres's. */
    private void awaitCounts() {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        List<List<String>> last = null;
        while (System.nanoTime() < deadline) {
            for (String t : List.of("customers", "orders")) {
                progress.awaitCaughtUp(MIRROR + "-sink", MIRROR + ".public." + t, STEP_TIMEOUT, Duration.ofSeconds(2));
            }
            last = counts();
            if (last.stream().allMatch(r -> r.get(1).equals(r.get(2)))) {
                return;
            }
        }
        throw new IllegalStateException("counts still differ after " + STEP_TIMEOUT.toMinutes() + " min: " + last);
    }

    private List<List<String>> counts() {
        List<List<String>> rows = new ArrayList<>();
        for (String t : List.of("customers", "orders")) {
            String dest;
            try {
                dest = String.valueOf(bq.query("SELECT CAST(COUNT(*) AS STRING) FROM " + table(t)
                        + " WHERE NOT `_PEERDB_IS_DELETED`").get(0).get(0));
            } catch (RuntimeException notThereYet) {
                dest = "-";
            }
            rows.add(List.of(t, Long.toString(pg.queryLong("SELECT count(*) FROM " + t)), dest));
        }
        return rows;
    }

    private void stop() {
        for (AutoCloseable c : new AutoCloseable[] {progress, connect, bq, pg}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.out.println("(while stopping: " + e + ")");
                }
            }
        }
    }

    private void section(String title) {
        System.out.println();
        System.out.printf(Locale.ROOT, "== %s  [%.0f s]%n", title, seconds(started));
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
