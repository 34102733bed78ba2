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
import io.mirrorconnect.it.avro.ForeignAvroReader;
import io.mirrorconnect.it.fixtures.ApicurioRegistryFixture;
import io.mirrorconnect.it.fixtures.ClickHouseFixture;
import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * The local demo mirror (scripts/demo.sh, docs/demo.md): embedded Postgres with a small shop, the ClickHouse test
 * server, and one Kafka Connect worker with both plugin archives, all in this JVM or its children. It writes a
 * PeerDB SQL file, applies it with {@code mirror-ddl apply}, and shows the snapshot and live changes (insert,
 * update, delete, an update leaving a TOASTed value unchanged, ADD COLUMN) arriving in ClickHouse. Exit code 0 when
 * every step converged, 1 with the reason otherwise. With {@code -Dmirror.demo.avro=true} ({@code scripts/demo.sh
 * --avro}) it also starts an Apicurio Registry, applies the mirror with {@code --avro --avro-converter apicurio}, and
 * shows the registered subjects and one record as a plain Avro consumer decodes it.
 */
public final class LocalDemo {
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);
    private static final String MIRROR = "shop_mirror";
    private static final String CH_DATABASE = "shop_mirror";

    private final long started = System.nanoTime();
    private PostgresFixture pg;
    private ClickHouseFixture clickhouse;
    private ConnectFixture connect;
    private final boolean avro = Boolean.getBoolean("mirror.demo.avro");
    private ApicurioRegistryFixture registry;

    /** A step that did not converge: its message is what the reader is shown. */
    static final class DemoFailure extends RuntimeException {
        DemoFailure(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        // quiet: the worker, the broker and the connectors log warnings only
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.mirrorconnect", "warn");
        // transient while topics are created and while the worker shuts down
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "error");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.connect.runtime.distributed", "error");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.controller", "error");
        // Apicurio's serdes warn about their own id-handler defaults on every converter start (--avro)
        System.setProperty("org.slf4j.simpleLogger.log.io.apicurio", "error");
        LocalDemo demo = new LocalDemo();
        int code;
        try {
            demo.run();
            code = 0;
        } catch (DemoFailure e) {
            System.out.println();
            System.out.println("DEMO FAILED: " + e.getMessage());
            demo.printStatusQuietly();
            code = 1;
        } catch (Throwable e) {
            System.out.println();
            System.out.println("DEMO FAILED: " + e);
            e.printStackTrace(System.out);
            demo.printStatusQuietly();
            code = 1;
        } finally {
            demo.stop();
        }
        System.out.flush();
        // the embedded broker and worker leave non-daemon threads behind
        System.exit(code);
    }

    private void run() throws IOException {
        section("1. Postgres (embedded, logical replication on)");
        pg = PostgresFixture.start();
        ShopSchema.create().forEach(pg::execute);
        // values this large (stored size over TOAST_TUPLE_TARGET, ~2 KB) are moved out of line into the TOAST table
        long toasted = pg.queryLong("SELECT count(*) FROM orders WHERE pg_column_size(notes) > 2032");
        say("postgres://%s@%s:%d/%s", pg.user(), pg.host(), pg.port(), pg.database());
        say("customers: %d rows; orders: %d rows (jsonb details, numeric amount, timestamptz ordered_at;"
                + " %d orders with ~6 KB notes, TOASTed out of line)", ShopSchema.CUSTOMERS, ShopSchema.ORDERS,
                toasted);

        section("2. ClickHouse test server" + (avro ? ", Apicurio Registry" : "") + " and a Kafka Connect worker");
        clickhouse = ClickHouseFixture.start();
        clickhouse.execute("CREATE DATABASE IF NOT EXISTS `" + CH_DATABASE + "`");
        say("ClickHouse HTTP interface: %s (database %s)", clickhouse.endpoint(), CH_DATABASE);
        if (avro) {
            registry = ApicurioRegistryFixture.start();
            say("Apicurio Registry: %s (Confluent-compatible API %s)", registry.baseUrl(), registry.ccompatUrl());
        }
        connect = quietly(() -> ConnectFixture.start(Map.of("plugin.discovery", "only_scan"), "pg-cdc-source",
                "clickhouse-sink"));
        say("Kafka broker: %s", connect.bootstrapServers());
        say("Connect REST API: %s (plugins pg-cdc-source, clickhouse-sink from their archives)", connect.connectUrl());

        section("3. The mirror, in PeerDB's SQL");
        Path sql = writeSql();
        say("%s:", ConnectFixture.rootDir().relativize(sql));
        System.out.println();
        Files.readAllLines(sql).forEach(l -> System.out.println("    " + l));
        System.out.println();
        List<String> apply = new ArrayList<>(List.of("apply", sql.toString(), "--connect-url", connect.connectUrl()));
        if (avro) {
            apply.addAll(List.of("--avro", "--avro-converter", "apicurio", "--schema-registry-url", registry.baseUrl()));
        }
        say("$ mirror-ddl %s", String.join(" ", apply).replace(sql.toString(),
                ConnectFixture.rootDir().relativize(sql).toString()));
        cli(apply.toArray(String[]::new));
        connect.awaitRunning(MIRROR + "-source", 1, STEP_TIMEOUT);
        connect.awaitRunning(MIRROR + "-sink", 1, STEP_TIMEOUT);
        say("both connectors RUNNING");

        section("4. Initial snapshot");
        long t0 = System.nanoTime();
        await("the snapshot to land in ClickHouse", this::countMismatch);
        say("landed in %.1f s:", seconds(t0));
        System.out.print(TextTable.format(List.of("table", "postgres", "clickhouse (FINAL, not deleted)"), counts()));

        section("5. Live changes in Postgres");
        for (String[] change : ShopSchema.changes()) {
            say("%-56s %s", change[0], change[1].length() > 60 ? change[1].substring(0, 57) + "..." : change[1]);
            pg.execute(change[1]);
        }
        t0 = System.nanoTime();
        await("the changes to arrive in ClickHouse", this::changesMismatch);
        say("arrived in %.1f s. ClickHouse's view of those rows (FINAL, deleted rows included):", seconds(t0));
        String changed = "FROM `" + CH_DATABASE + "`.`orders` FINAL WHERE id IN ("
                + ShopSchema.CHANGED_ORDERS.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + ") ORDER BY id";
        System.out.print(TextTable.format(
                List.of("id", "status", "amount", "ordered_at", "details", "notes length", "coupon"),
                clickhouse.query("SELECT toString(id), status, toString(amount), toString(ordered_at),"
                        + " toString(details), toString(lengthUTF8(notes)), coupon " + changed)));
        System.out.println();
        System.out.print(TextTable.format(List.of("id", "_PEERDB_IS_DELETED", "_PEERDB_VERSION", "_PEERDB_SYNCED_AT"),
                clickhouse.query("SELECT toString(id), toString(_PEERDB_IS_DELETED), toString(_PEERDB_VERSION),"
                        + " toString(_PEERDB_SYNCED_AT) " + changed)));
        say("row counts now:");
        System.out.print(TextTable.format(List.of("table", "postgres", "clickhouse (FINAL, not deleted)"), counts()));

        if (avro) {
            showRegistry();
        }

        section("6. mirror-ddl status " + MIRROR);
        cli("status", MIRROR, "--connect-url", connect.connectUrl());

        section("Done");
        say("every step converged; total %.1f s. Stopping the worker, the broker, ClickHouse and Postgres.",
                seconds(started));
    }

    /**
     * Runs {@code start} with stdout captured: Kafka's test kit prints its storage formatting and plugin scan there.
     * The capture is shown only if {@code start} fails.
     */
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
                "-- Written by the local demo (io.mirrorconnect.it.demo.LocalDemo): the peers point at the servers it",
                "-- started; the mirror copies the shop's tables, then streams every change.",
                "CREATE PEER shop_pg FROM POSTGRES WITH (",
                "  host = '" + pg.host() + "', port = " + pg.port() + ", user = '" + pg.user() + "',",
                "  password = 'postgres', database = '" + pg.database() + "', sslmode = 'disable'",
                ");",
                "CREATE PEER shop_ch FROM CLICKHOUSE WITH (",
                "  host = '" + clickhouse.host() + "', port = " + clickhouse.port() + ", user = '" + clickhouse.user()
                        + "',",
                (clickhouse.password().isEmpty() ? "" : "  password = '" + clickhouse.password().replace("'", "''")
                        + "',\n") + "  database = '" + CH_DATABASE + "', disable_tls = "
                        + !clickhouse.endpoint().startsWith("https"),
                ");",
                "CREATE MIRROR " + MIRROR + " FROM shop_pg TO shop_ch",
                "WITH TABLE MAPPING (public.customers:customers, public.orders:orders)",
                "WITH (do_initial_copy = true, soft_delete = true, sync_interval = 1);",
                "");
        Path file = ConnectFixture.rootDir().resolve("it/target/demo/demo.sql");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** The subjects the converters registered, and one order as a consumer that is not ours reads it. */
    private void showRegistry() {
        section("5b. Schema registry (Avro)");
        List<List<String>> subjects = new ArrayList<>();
        for (String subject : registry.subjects().stream().sorted().toList()) {
            subjects.add(List.of(subject, registry.versions(subject).toString()));
        }
        System.out.print(TextTable.format(List.of("subject", "versions"), subjects));
        var records = connect.consume(MIRROR + ".public.orders", 1, STEP_TIMEOUT);
        if (records.isEmpty()) {
            throw new DemoFailure("no record in " + MIRROR + ".public.orders");
        }
        byte[] value = records.get(0).value();
        if (value.length < 5 || value[0] != 0) {
            List<String> headers = new ArrayList<>();
            records.get(0).headers().forEach(h -> headers.add(h.key()));
            throw new DemoFailure("the records are not in Confluent wire format (first byte "
                    + (value.length == 0 ? "none" : value[0]) + ", headers " + headers + "): with"
                    + " apicurio.registry.headers.enabled left at its default (true) Apicurio's converter puts the"
                    + " schema id into a record header and writes bare Avro; the converter settings need"
                    + " apicurio.registry.headers.enabled=false");
        }
        int id = ForeignAvroReader.schemaId(value);
        say("first record of %s.public.orders: %d bytes, Confluent wire format (magic 0, schema id %d);",
                MIRROR, value.length, id);
        say("plain Apache Avro with the schema from %s/schemas/ids/%d reads:", registry.ccompatUrl(), id);
        String text = String.valueOf(new ForeignAvroReader(registry::schemaById).read(value));
        say("    %s", text.length() > 300 ? text.substring(0, 297) + "..." : text);
    }

    /** Runs mirror-ddl in-process, its output indented; a non-zero exit ends the demo. */
    private static void cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MirrorDdl.run(args, new PrintWriter(out, true), new PrintWriter(err, true), ConnectClient::new);
        (out.toString() + err).lines().forEach(l -> System.out.println("    " + l));
        if (code != 0) {
            throw new DemoFailure("mirror-ddl " + args[0] + " exited with " + code + " (output above)");
        }
    }

    /** Per-table row counts: Postgres vs ClickHouse live rows. */
    private List<List<String>> counts() {
        List<List<String>> rows = new ArrayList<>();
        for (String t : List.of("customers", "orders")) {
            rows.add(List.of(t, Long.toString(pg.queryLong("SELECT count(*) FROM " + t)), chCount(t)));
        }
        return rows;
    }

    private String chCount(String table) {
        try {
            return clickhouse.query("SELECT toString(count()) FROM `" + CH_DATABASE + "`.`" + table
                    + "` FINAL WHERE _PEERDB_IS_DELETED = 0").get(0).get(0);
        } catch (RuntimeException notThereYet) {
            return "-";
        }
    }

    /** Null when the counts agree, else what differs. */
    private String countMismatch() {
        List<List<String>> c = counts();
        return c.stream().allMatch(r -> r.get(1).equals(r.get(2))) ? null : "counts (table, postgres, clickhouse): " + c;
    }

    /** Null when ClickHouse's live orders equal Postgres's and order 7 is kept as soft-deleted, else what differs. */
    private String changesMismatch() {
        String counts = countMismatch();
        if (counts != null) {
            return counts;
        }
        List<List<String>> source = pgRows("SELECT id::text, status, trim_scale(amount)::text, md5(notes),"
                + " coalesce(coupon, '') FROM orders ORDER BY orders.id");
        List<List<String>> destination;
        try {
            destination = clickhouse.query("SELECT toString(id), status, toString(amount), lower(hex(MD5(notes))),"
                    + " ifNull(coupon, '') FROM `" + CH_DATABASE + "`.`orders` FINAL WHERE _PEERDB_IS_DELETED = 0"
                    + " ORDER BY id");
        } catch (RuntimeException notThereYet) {
            return "ClickHouse orders not readable yet: " + notThereYet.getMessage();
        }
        if (!source.equals(destination)) {
            List<List<String>> missing = new ArrayList<>(source);
            missing.removeAll(destination);
            List<List<String>> extra = new ArrayList<>(destination);
            extra.removeAll(source);
            int first = 0;
            while (first < Math.min(source.size(), destination.size())
                    && source.get(first).equals(destination.get(first))) {
                first++;
            }
            return "orders differ (" + source.size() + " rows in Postgres, " + destination.size()
                    + " in ClickHouse); in Postgres only: " + head(missing) + "; in ClickHouse only: " + head(extra)
                    + "; first difference at row " + first + ": postgres "
                    + (first < source.size() ? source.get(first) : "-") + " vs clickhouse "
                    + (first < destination.size() ? destination.get(first) : "-");
        }
        List<List<String>> deleted = clickhouse.query("SELECT toString(_PEERDB_IS_DELETED) FROM `" + CH_DATABASE
                + "`.`orders` FINAL WHERE id = 7");
        return deleted.equals(List.of(List.of("1"))) ? null : "order 7 is not kept as soft-deleted: " + deleted;
    }

    private static String head(List<List<String>> rows) {
        return rows.size() <= 5 ? rows.toString() : rows.subList(0, 5) + " and " + (rows.size() - 5) + " more";
    }

    private List<List<String>> pgRows(String sql) {
        return pg.queryRows(sql);
    }

    /** Polls {@code mismatch} (null = converged) until it converges or the step's time is up. */
    private void await(String what, Supplier<String> mismatch) {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = mismatch.get();
            if (last == null) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoFailure("interrupted while waiting for " + what);
            }
        }
        throw new DemoFailure("waited " + STEP_TIMEOUT.toMinutes() + " min for " + what + "; still: " + last);
    }

    private void printStatusQuietly() {
        if (connect == null) {
            return;
        }
        try {
            System.out.println("mirror-ddl status " + MIRROR + ":");
            cli("status", MIRROR, "--connect-url", connect.connectUrl());
        } catch (RuntimeException e) {
            // the failure above is what matters
        }
    }

    private void stop() {
        for (AutoCloseable c : new AutoCloseable[] {connect, clickhouse, pg, registry}) {
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
