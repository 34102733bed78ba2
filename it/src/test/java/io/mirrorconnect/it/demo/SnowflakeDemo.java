package io.mirrorconnect.it.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.mirrorconnect.ddl.cli.MirrorDdl;
import io.mirrorconnect.ddl.connect.ConnectClient;
import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.FakesnowFixture;
import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * The local demo mirror into Snowflake ({@code scripts/demo.sh snowflake}, docs/demo.md): the same shop as
 * {@link LocalDemo}, smaller (fakesnow, the Snowflake test server, inserts some 60–75 rows/s), mirrored by
 * {@code mirror-ddl apply} into fakesnow through snowflake-sink; the snapshot and the same live changes are shown
 * from Snowflake's side. The SQL has no endpoint options, so the worker's JVM gets the sink's worker-wide endpoint
 * defaults pointing at fakesnow. Exit code 0 when every step converged, 1 with the reason otherwise.
 */
public final class SnowflakeDemo {
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);
    private static final String MIRROR = "shop_mirror";
    private static final String DB = "SHOP_MIRROR";
    private static final int CUSTOMERS = 100;
    private static final int ORDERS = 1000;

    private final long started = System.nanoTime();
    private PostgresFixture pg;
    private FakesnowFixture fakesnow;
    private ConnectFixture connect;

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.mirrorconnect", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "error");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.connect.runtime.distributed", "error");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.controller", "error");
        System.setProperty("net.snowflake.jdbc.loggerImpl", "net.snowflake.client.log.SLF4JLogger");
        SnowflakeDemo demo = new SnowflakeDemo();
        int code;
        try {
            demo.run();
            code = 0;
        } catch (LocalDemo.DemoFailure e) {
            System.out.println();
            System.out.println("DEMO FAILED: " + e.getMessage());
            code = 1;
        } catch (Throwable e) {
            System.out.println();
            System.out.println("DEMO FAILED: " + e);
            e.printStackTrace(System.out);
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
        ShopSchema.create(CUSTOMERS, ORDERS).forEach(pg::execute);
        say("postgres://%s@%s:%d/%s", pg.user(), pg.host(), pg.port(), pg.database());
        say("customers: %d rows; orders: %d rows (jsonb details, numeric amount, timestamptz ordered_at; order 1000"
                + " has ~6 KB notes, TOASTed out of line)", CUSTOMERS, ORDERS);

        section("2. fakesnow (the Snowflake test server) and a Kafka Connect worker");
        fakesnow = FakesnowFixture.start();
        fakesnow.setAsWorkerDefault();
        say("fakesnow: http://127.0.0.1:%d (snowflake-jdbc with ssl=off); database %s", fakesnow.port(), DB);
        connect = quietly(() -> ConnectFixture.start(Map.of("plugin.discovery", "only_scan"), "pg-cdc-source",
                "snowflake-sink"));
        say("Kafka broker: %s", connect.bootstrapServers());
        say("Connect REST API: %s (plugins pg-cdc-source, snowflake-sink from their archives)", connect.connectUrl());

        section("3. The mirror, in PeerDB's SQL");
        Path sql = writeSql();
        System.out.println();
        Files.readAllLines(sql).forEach(l -> System.out.println("    " + l));
        System.out.println();
        say("$ mirror-ddl apply %s --connect-url %s", ConnectFixture.rootDir().relativize(sql), connect.connectUrl());
        cli("apply", sql.toString(), "--connect-url", connect.connectUrl());
        connect.awaitRunning(MIRROR + "-source", 1, STEP_TIMEOUT);
        connect.awaitRunning(MIRROR + "-sink", 1, STEP_TIMEOUT);
        say("both connectors RUNNING");

        section("4. Initial snapshot");
        long t0 = System.nanoTime();
        await("the snapshot to land in Snowflake", this::countMismatch);
        say("landed in %.1f s:", seconds(t0));
        System.out.print(TextTable.format(List.of("table", "postgres", "snowflake (not deleted)"), counts()));

        section("5. Live changes in Postgres");
        for (String[] change : ShopSchema.changes()) {
            say("%-56s %s", change[0], change[1].length() > 60 ? change[1].substring(0, 57) + "..." : change[1]);
            pg.execute(change[1]);
        }
        t0 = System.nanoTime();
        await("the changes to arrive in Snowflake", this::changesMismatch);
        say("arrived in %.1f s. Snowflake's view of those rows (deleted rows included):", seconds(t0));
        String changed = "FROM " + table("orders") + " WHERE \"id\" IN ("
                + ShopSchema.CHANGED_ORDERS.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + ") ORDER BY \"id\"";
        System.out.print(TextTable.format(List.of("id", "status", "amount", "details", "notes length", "coupon"),
                fakesnow.query(DB, "SELECT \"id\", \"status\", \"amount\", \"details\", LENGTH(\"notes\"), \"coupon\" " + changed)));
        System.out.println();
        System.out.print(TextTable.format(List.of("id", "_PEERDB_IS_DELETED", "_PEERDB_VERSION", "_PEERDB_SYNCED_AT"),
                fakesnow.query(DB, "SELECT \"id\", \"_PEERDB_IS_DELETED\", \"_PEERDB_VERSION\", \"_PEERDB_SYNCED_AT\" " + changed)));
        say("row counts now:");
        System.out.print(TextTable.format(List.of("table", "postgres", "snowflake (not deleted)"), counts()));

        section("6. mirror-ddl status " + MIRROR);
        cli("status", MIRROR, "--connect-url", connect.connectUrl());

        section("Done");
        say("every step converged; total %.1f s. Stopping the worker, the broker, fakesnow and Postgres.", seconds(started));
    }

    private static String table(String name) {
        return "\"" + DB + "\".\"PUBLIC\".\"" + name + "\"";
    }

    private static <T> T quietly(Supplier<T> start) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            return start.get();
        } catch (RuntimeException | Error e) {
            System.setOut(original);
            System.out.print(captured.toString(StandardCharsets.UTF_8));
            throw e;
        } finally {
            System.setOut(original);
        }
    }

    private Path writeSql() throws IOException {
        String text = String.join("\n",
                "-- Written by the local Snowflake demo (io.mirrorconnect.it.demo.SnowflakeDemo). The Snowflake peer's",
                "-- account is answered by fakesnow: the worker's JVM carries -Dmirror.snowflake.host/port/ssl.",
                "CREATE PEER shop_pg FROM POSTGRES WITH (",
                "  host = '" + pg.host() + "', port = " + pg.port() + ", user = '" + pg.user() + "',",
                "  password = 'postgres', database = '" + pg.database() + "', sslmode = 'disable'",
                ");",
                "CREATE PEER shop_sf FROM SNOWFLAKE WITH (",
                "  account_id = '" + FakesnowFixture.ACCOUNT + "', username = '" + FakesnowFixture.USER + "', password = '"
                        + FakesnowFixture.PASSWORD + "',",
                "  database = '" + DB + "', warehouse = 'COMPUTE_WH', role = 'SYSADMIN'",
                ");",
                "CREATE MIRROR " + MIRROR + " FROM shop_pg TO shop_sf",
                "WITH TABLE MAPPING (public.customers:customers, public.orders:orders)",
                "WITH (do_initial_copy = true, soft_delete = true, sync_interval = 1);",
                "");
        Path file = ConnectFixture.rootDir().resolve("it/target/demo/demo-snowflake.sql");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MirrorDdl.run(args, new PrintWriter(out, true), new PrintWriter(err, true), ConnectClient::new);
        (out.toString() + err).lines().forEach(l -> System.out.println("    " + l));
        if (code != 0) {
            throw new LocalDemo.DemoFailure("mirror-ddl " + args[0] + " exited with " + code + " (output above)");
        }
    }

    private List<List<String>> counts() {
        List<List<String>> rows = new ArrayList<>();
        for (String t : List.of("customers", "orders")) {
            String sf;
            try {
                sf = fakesnow.query(DB, "SELECT COUNT(*) FROM " + table(t) + " WHERE NOT \"_PEERDB_IS_DELETED\"").get(0).get(0);
            } catch (RuntimeException notThereYet) {
                sf = "-";
            }
            rows.add(List.of(t, Long.toString(pg.queryLong("SELECT count(*) FROM " + t)), sf));
        }
        return rows;
    }

    private String countMismatch() {
        List<List<String>> c = counts();
        return c.stream().allMatch(r -> r.get(1).equals(r.get(2))) ? null : "counts (table, postgres, snowflake): " + c;
    }

    /** Null when Snowflake's live orders equal Postgres's and order 7 is kept as soft-deleted, else what differs. */
    private String changesMismatch() {
        String counts = countMismatch();
        if (counts != null) {
            return counts;
        }
        List<List<String>> source = pg.queryRows("SELECT id::text, status, trim_scale(amount)::text, md5(notes),"
                + " coalesce(coupon, '') FROM orders ORDER BY orders.id");
        List<List<String>> destination;
        try {
            destination = new ArrayList<>();
            for (List<String> r : fakesnow.query(DB, "SELECT \"id\", \"status\", \"amount\", MD5(\"notes\"),"
                    + " COALESCE(\"coupon\", '') FROM " + table("orders") + " WHERE NOT \"_PEERDB_IS_DELETED\" ORDER BY \"id\"")) {
                List<String> row = new ArrayList<>(r);
                row.set(2, new java.math.BigDecimal(r.get(2)).stripTrailingZeros().toPlainString());
                destination.add(row);
            }
            source.forEach(r -> r.set(2, new java.math.BigDecimal(r.get(2)).stripTrailingZeros().toPlainString()));
        } catch (RuntimeException notThereYet) {
            return "Snowflake orders not readable yet: " + notThereYet.getMessage();
        }
        if (!source.equals(destination)) {
            List<List<String>> missing = new ArrayList<>(source);
            missing.removeAll(destination);
            List<List<String>> extra = new ArrayList<>(destination);
            extra.removeAll(source);
            return "orders differ (" + source.size() + " rows in Postgres, " + destination.size()
                    + " in Snowflake); in Postgres only: " + head(missing) + "; in Snowflake only: " + head(extra);
        }
        List<List<String>> deleted = fakesnow.query(DB, "SELECT \"_PEERDB_IS_DELETED\" FROM " + table("orders") + " WHERE \"id\" = 7");
        return deleted.size() == 1 && "true".equalsIgnoreCase(deleted.get(0).get(0)) ? null
                : "order 7 is not kept as soft-deleted: " + deleted;
    }

    private static String head(List<List<String>> rows) {
        return rows.size() <= 5 ? rows.toString() : rows.subList(0, 5) + " and " + (rows.size() - 5) + " more";
    }

    private void await(String what, Supplier<String> mismatch) {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = mismatch.get();
            if (last == null) {
                return;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalDemo.DemoFailure("interrupted while waiting for " + what);
            }
        }
        throw new LocalDemo.DemoFailure("waited " + STEP_TIMEOUT.toMinutes() + " min for " + what + "; still: " + last);
    }

    private void stop() {
        for (AutoCloseable c : new AutoCloseable[] {connect, fakesnow, pg}) {
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
