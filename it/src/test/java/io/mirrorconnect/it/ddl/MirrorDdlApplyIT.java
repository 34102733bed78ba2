package io.mirrorconnect.it.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mirrorconnect.it.fixtures.ClickHouseFixture;
import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.PostgresFixture;
import io.mirrorconnect.it.fixtures.Fixtures;

/**
 * {@code mirror-ddl apply / status / pause / resume / drop} (the CLI, in-process) against a real Connect worker
 * that loads both plugin archives, embedded Postgres and the ClickHouse test server. The connector configs are
 * exactly what mirror-ddl compiles from the SQL; rows arriving in ClickHouse prove the real connectors accept
 * them.
 *
 * <p>The sink keeps {@code clickhouse.compression} at its default (native LZ4), which the ClickHouse fixture speaks.
 */
class MirrorDdlApplyIT {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PostgresFixture pg;
    private static ClickHouseFixture clickhouse;
    private static ConnectFixture connect;
    private static ConnectRest rest;
    private static String database;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pg = PostgresFixture.start();
        clickhouse = ClickHouseFixture.start();
        String provider = ExampleSecretsConfigProvider.class.getName();
        connect = ConnectFixture.start(Map.of("config.providers", "env,file",
                "config.providers.env.class", provider, "config.providers.file.class", provider),
                "pg-cdc-source", "clickhouse-sink");
        rest = new ConnectRest(connect.connectUrl());
        database = clickhouse.createDatabase("ddl");
        pg.execute("CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, score numeric(10,2))",
                "INSERT INTO customers SELECT g, 'customer ' || g, g * 0.5 FROM generate_series(1, 300) g",
                "CREATE TABLE events (id bigint PRIMARY KEY, kind text)",
                "INSERT INTO events SELECT g, 'kind ' || (g % 3) FROM generate_series(1, 50) g");
    }

    @AfterAll
    static void stop() {
        Fixtures.closeAll(connect, clickhouse, pg);
    }

    /** CREATE PEER statements for the fixtures: Postgres {@code pg_local}, ClickHouse {@code ch_local}. */
    private static String peers() {
        boolean tls = clickhouse.endpoint().startsWith("https");
        return "CREATE PEER pg_local FROM POSTGRES WITH (host = '" + pg.host() + "', port = " + pg.port()
                + ", user = '" + pg.user() + "', password = 'unused', database = '" + pg.database()
                + "', sslmode = 'disable');\n"
                + "CREATE PEER ch_local FROM CLICKHOUSE WITH (host = '" + clickhouse.host() + "', port = " + clickhouse.port()
                + ", user = '" + clickhouse.user() + "', password = '" + clickhouse.password().replace("'", "''")
                + "', database = '" + database + "'" + (tls ? "" : ", disable_tls = true") + ");\n";
    }

    private Path sql(String name, String body) {
        try {
            return Files.writeString(dir.resolve(name), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void applyStatusPauseResumeAndDropMirrorOnARealWorker() throws Exception {
        String mirror = peers() + "CREATE MIRROR it_shop FROM pg_local TO ch_local WITH TABLE MAPPING "
                + "(public.customers:customers) WITH (do_initial_copy = true, sync_interval = 1, soft_delete = true);\n";
        Path file = sql("shop.sql", mirror);

        CliRun first = CliRun.of("apply", file.toString(), "--connect-url", connect.connectUrl());
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out()).contains("it_shop-source: created", "it_shop-sink: created");
        connect.awaitRunning("it_shop-source", 1, WAIT);
        connect.awaitRunning("it_shop-sink", 1, WAIT);

        // the worker holds exactly the configs mirror-ddl compiles
        Map<String, Map<String, String>> compiled = compiledConfigs(file);
        assertThat(compiled).containsOnlyKeys("it_shop-source", "it_shop-sink");
        for (var e : compiled.entrySet()) {
            assertThat(rest.config(e.getKey())).as(e.getKey()).isEqualTo(withName(e.getKey(), e.getValue()));
        }

        awaitRows("snapshot", "customers", "SELECT id, name FROM customers ORDER BY id");

        // second apply: same configs, exit 0, still exactly two connectors
        Map<String, String> sourceBefore = rest.config("it_shop-source");
        Map<String, String> sinkBefore = rest.config("it_shop-sink");
        CliRun again = CliRun.of("apply", file.toString(), "--connect-url", connect.connectUrl());
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).contains("it_shop-source: updated", "it_shop-sink: updated");
        assertThat(rest.connectors().stream().filter(c -> c.startsWith("it_shop"))).containsExactlyInAnyOrder(
                "it_shop-source", "it_shop-sink");
        assertThat(rest.config("it_shop-source")).isEqualTo(sourceBefore);
        assertThat(rest.config("it_shop-sink")).isEqualTo(sinkBefore);
        connect.awaitRunning("it_shop-source", 1, WAIT);
        connect.awaitRunning("it_shop-sink", 1, WAIT);

        // IF NOT EXISTS with a different option: the existing connectors are left exactly as they are
        Path ifNotExists = sql("shop-if-not-exists.sql", peers() + "CREATE MIRROR IF NOT EXISTS it_shop FROM pg_local"
                + " TO ch_local WITH TABLE MAPPING (public.customers:customers) WITH (do_initial_copy = true,"
                + " sync_interval = 7);\n");
        CliRun kept = CliRun.of("apply", ifNotExists.toString(), "--connect-url", connect.connectUrl());
        assertThat(kept.code()).as(kept.toString()).isZero();
        assertThat(kept.out()).contains("it_shop-source: exists, left unchanged (IF NOT EXISTS)",
                "it_shop-sink: exists, left unchanged (IF NOT EXISTS)");
        assertThat(rest.config("it_shop-sink")).isEqualTo(sinkBefore).containsEntry("flush.interval.ms", "1000");

        CliRun status = CliRun.of("status", "it_shop", "--connect-url", connect.connectUrl());
        assertThat(status.code()).as(status.toString()).isZero();
        assertThat(status.out()).containsPattern("(?m)^it_shop-source\\s+RUNNING\\s+\\S+")
                .containsPattern("(?m)^it_shop-sink\\s+RUNNING\\s+\\S+")
                .containsPattern("(?m)^  task 0\\s+RUNNING\\s+\\S+");
        assertThat(status.out().lines().filter(l -> l.startsWith("  task"))).hasSize(2);

        CliRun pause = CliRun.of("pause", "it_shop", "--connect-url", connect.connectUrl());
        assertThat(pause.code()).as(pause.toString()).isZero();
        assertThat(pause.out()).contains("it_shop-source: paused", "it_shop-sink: paused");
        awaitState("it_shop-source", "PAUSED");
        awaitState("it_shop-sink", "PAUSED");
        assertThat(CliRun.of("status", "it_shop", "--connect-url", connect.connectUrl()).out())
                .containsPattern("(?m)^it_shop-source\\s+PAUSED").containsPattern("(?m)^it_shop-sink\\s+PAUSED");

        pg.execute("INSERT INTO customers VALUES (301, 'while paused', 1.5)",
                "UPDATE customers SET name = 'renamed while paused' WHERE id = 7");
        CliRun resume = CliRun.of("resume", "it_shop", "--connect-url", connect.connectUrl());
        assertThat(resume.code()).as(resume.toString()).isZero();
        assertThat(resume.out()).contains("it_shop-source: resumed", "it_shop-sink: resumed");
        connect.awaitRunning("it_shop-source", 1, WAIT);
        connect.awaitRunning("it_shop-sink", 1, WAIT);
        awaitRows("changes made while paused", "customers", "SELECT id, name FROM customers ORDER BY id");

        // DROP MIRROR in a SQL file removes both connectors
        Path drop = sql("drop.sql", "DROP MIRROR it_shop;\n");
        CliRun dropped = CliRun.of("apply", drop.toString(), "--connect-url", connect.connectUrl());
        assertThat(dropped.code()).as(dropped.toString()).isZero();
        assertThat(dropped.out()).contains("it_shop-source: deleted", "it_shop-sink: deleted");
        awaitGone("it_shop-source", "it_shop-sink");

        // the worker keeps reporting a deleted connector's status (UNASSIGNED) until its tasks have stopped
        await("status of the dropped mirror fails",
                () -> CliRun.of("status", "it_shop", "--connect-url", connect.connectUrl()).code() == 1);
        CliRun statusAfter = CliRun.of("status", "it_shop", "--connect-url", connect.connectUrl());
        assertThat(statusAfter.code()).as(statusAfter.toString()).isEqualTo(1);
        assertThat(statusAfter.err()).contains("mirror it_shop does not exist on " + connect.connectUrl());
        CliRun dropAgain = CliRun.of("apply", drop.toString(), "--connect-url", connect.connectUrl());
        assertThat(dropAgain.code()).isEqualTo(1);
        assertThat(dropAgain.err()).contains("connector it_shop-source does not exist");
    }

    /**
     * Also: a mirror with a dead-letter topic. The worker validates the compiled errors.* properties, and the
     * sink task only runs once Connect has created the topic (replication factor 1 on this one-broker cluster;
     * the default 3 would fail the task at start).
     */
    @Test
    void dropCommandRemovesBothConnectors() {
        Path file = sql("events.sql", peers() + "CREATE MIRROR it_events FROM pg_local TO ch_local WITH TABLE MAPPING"
                + " (public.events:events) WITH (do_initial_copy = true, sync_interval = 1,"
                + " dead_letter_topic = 'it_events.dead-letters', dead_letter_topic_replication_factor = 1);\n");
        CliRun apply = CliRun.of("apply", file.toString(), "--connect-url", connect.connectUrl());
        assertThat(apply.code()).as(apply.toString()).isZero();
        connect.awaitRunning("it_events-source", 1, WAIT);
        connect.awaitRunning("it_events-sink", 1, WAIT);
        assertThat(rest.config("it_events-sink")).containsEntry("errors.tolerance", "all")
                .containsEntry("errors.deadletterqueue.topic.name", "it_events.dead-letters");
        awaitRows("snapshot", "events", "SELECT id, kind FROM events ORDER BY id");

        CliRun drop = CliRun.of("drop", "it_events", "--connect-url", connect.connectUrl());
        assertThat(drop.code()).as(drop.toString()).isZero();
        assertThat(drop.out()).contains("it_events-source: deleted", "it_events-sink: deleted");
        awaitGone("it_events-source", "it_events-sink");

        CliRun ifExists = CliRun.of("drop", "it_events", "--if-exists", "--connect-url", connect.connectUrl());
        assertThat(ifExists.code()).as(ifExists.toString()).isZero();
        assertThat(ifExists.out()).contains("it_events-source: does not exist, skipped (IF EXISTS)");
    }

    /**
     * Issue 7 on the real worker: a value the destination column cannot hold (300 into a ClickHouse UInt8).
     * Without a dead-letter topic the sink task fails, and {@code status} shows the encoder's error and our frame,
     * not Connect's "Exiting WorkerSinkTask" wrapper (which {@code --verbose} still prints). With
     * {@code dead_letter_topic} the same record goes to that topic, with the failure in its headers, and the
     * other rows of the table arrive.
     */
    @Test
    void aRecordTheDestinationCannotTakeFailsTheTaskWithItsRootCauseOrGoesToTheDeadLetterTopic() {
        for (String t : List.of("codes_a", "codes_b")) {
            pg.execute("CREATE TABLE " + t + " (id int PRIMARY KEY, code int)",
                    "INSERT INTO " + t + " VALUES (1, 1), (2, 2), (3, 300)");
            clickhouse.execute("CREATE TABLE `" + database + "`.`" + t + "` (id Int32, code UInt8,"
                    + " _PEERDB_VERSION UInt64, _PEERDB_IS_DELETED UInt8, _PEERDB_SYNCED_AT DateTime64(9))"
                    + " ENGINE = ReplacingMergeTree(_PEERDB_VERSION) ORDER BY id");
        }
        Path file = sql("codes.sql", peers()
                + "CREATE MIRROR it_fail FROM pg_local TO ch_local WITH TABLE MAPPING (public.codes_a:codes_a)"
                + " WITH (do_initial_copy = true, sync_interval = 1);\n"
                + "CREATE MIRROR it_dlq FROM pg_local TO ch_local WITH TABLE MAPPING (public.codes_b:codes_b)"
                + " WITH (do_initial_copy = true, sync_interval = 1, dead_letter_topic = 'it_dlq.dead-letters',"
                + " dead_letter_topic_replication_factor = 1);\n");
        CliRun apply = CliRun.of("apply", file.toString(), "--connect-url", connect.connectUrl());
        assertThat(apply.code()).as(apply.toString()).isZero();

        await("it_fail-sink task FAILED", () -> connect.status("it_fail-sink").tasks().stream()
                .anyMatch(t -> "FAILED".equals(t.state())));
        CliRun status = CliRun.of("status", "it_fail", "--connect-url", connect.connectUrl());
        assertThat(status.code()).as(status.toString()).isZero();
        assertThat(status.out()).as(status.toString())
                .containsPattern("(?m)^it_fail-sink\\s+RUNNING")
                .containsPattern("(?m)^  task 0\\s+FAILED")
                .containsPattern("(?m)^    root cause: \\S+")
                .containsPattern("(?m)^    at io\\.mirrorconnect\\.clickhouse\\.")
                // the exception our code reported the root cause as names the mirror, the record and the column
                .containsPattern("(?m)^    reported as: .*mirror it_fail: cannot write .*topic"
                        + " it_fail\\.public\\.codes_a partition 0 offset 2.*column code.*300")
                .doesNotContain("Exiting WorkerSinkTask");
        CliRun verbose = CliRun.of("status", "it_fail", "--verbose", "--connect-url", connect.connectUrl());
        assertThat(verbose.out()).as(verbose.toString())
                .contains("Exiting WorkerSinkTask due to unrecoverable exception");

        connect.awaitRunning("it_dlq-sink", 1, WAIT);
        await("rows 1 and 2 of codes_b in ClickHouse", () -> clickhouse.query("SELECT toString(id), toString(code)"
                + " FROM `" + database + "`.`codes_b` FINAL ORDER BY id").equals(List.of(List.of("1", "1"),
                List.of("2", "2"))));
        var dead = connect.consume("it_dlq.dead-letters", 1, WAIT);
        assertThat(dead).hasSize(1);
        Map<String, String> headers = new TreeMap<>();
        dead.get(0).headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        assertThat(headers).containsEntry("__connect.errors.topic", "it_dlq.public.codes_b");
        assertThat(headers.get("__connect.errors.exception.message")).contains("300");
        assertThat(connect.status("it_dlq-sink").tasks()).allMatch(t -> "RUNNING".equals(t.state()));

        for (String m : List.of("it_fail", "it_dlq")) {
            CliRun drop = CliRun.of("drop", m, "--connect-url", connect.connectUrl());
            assertThat(drop.code()).as(drop.toString()).isZero();
        }
        awaitGone("it_fail-source", "it_fail-sink", "it_dlq-source", "it_dlq-sink");
    }

    @Test
    void configTheWorkerRejectsIsReportedNamingConnectorAndPropertyAndNothingIsCreated() {
        Path file = sql("bad.sql", peers() + "CREATE MIRROR it_bad FROM pg_local TO ch_local WITH TABLE MAPPING"
                + " (public.no_such_table:nowhere) WITH (do_initial_copy = true);\n");
        CliRun run = CliRun.of("apply", file.toString(), "--connect-url", connect.connectUrl());
        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("mirror-ddl: error: the Connect worker rejects the compiled configs,"
                + " nothing was changed:")
                .contains("it_bad-source: table.include.list: table public.no_such_table does not exist");
        assertThat(rest.connectors()).noneMatch(c -> c.startsWith("it_bad"));

        // the sink's check: the peer's database does not exist on the ClickHouse server
        Path sinkBad = sql("bad-sink.sql", peers().replace("database = '" + database + "'", "database = 'no_such_db'")
                + "CREATE MIRROR it_bad_sink FROM pg_local TO ch_local WITH TABLE MAPPING (public.customers:customers)"
                + " WITH (do_initial_copy = true);\n");
        CliRun sinkRun = CliRun.of("apply", sinkBad.toString(), "--connect-url", connect.connectUrl());
        assertThat(sinkRun.code()).as(sinkRun.toString()).isEqualTo(1);
        // the server's own error (UNKNOWN_DATABASE) reaches the user, not the client's wrapper
        assertThat(sinkRun.err()).contains("it_bad_sink-sink: clickhouse.host: ClickHouse at ")
                .contains("refused the check").contains("no_such_db")
                .doesNotContain("it_bad_sink-source:");
        assertThat(rest.connectors()).noneMatch(c -> c.startsWith("it_bad"));
    }

    @Test
    void unreachableWorkerIsReportedReadably() {
        Path file = sql("shop.sql", peers() + "CREATE MIRROR it_nowhere FROM pg_local TO ch_local WITH TABLE MAPPING"
                + " (public.customers:customers) WITH (do_initial_copy = true);\n");
        CliRun run = CliRun.of("apply", file.toString(), "--connect-url", "http://127.0.0.1:1", "--timeout", "5");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("cannot connect to http://127.0.0.1:1 (is the Connect worker running and the"
                + " URL right?)");
    }

    /**
     * Every example in config-examples/ whose connectors this worker has (CDC into ClickHouse) passes the worker's
     * validate endpoint as far as the config definitions go: property names, types and values. The examples name
     * hosts that do not exist here, so "cannot reach / cannot check" errors on the host properties are expected;
     * any other error fails.
     */
    @Test
    void everyInstalledExampleValidatesOnTheWorker() throws Exception {
        List<String> installed = rest.pluginClasses();
        List<Path> examples;
        try (Stream<Path> s = Files.list(ConnectFixture.rootDir().resolve("config-examples"))) {
            examples = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        List<String> checked = new ArrayList<>();
        List<String> withoutConnectivityCheck = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (Path example : examples) {
            Map<String, Map<String, String>> configs = compiledConfigs(example);
            if (configs.isEmpty() || !configs.values().stream()
                    .allMatch(c -> installed.contains(c.get("connector.class")))) {
                continue;
            }
            for (var e : configs.entrySet()) {
                boolean reachedConnectivityCheck = false;
                for (ConnectRest.ValidationError v : rest.validate(withName(e.getKey(), e.getValue()))) {
                    boolean connectivity = (v.property().equals("database.hostname")
                            && v.message().startsWith("cannot check the database "))
                            || (v.property().equals("clickhouse.host") && v.message().startsWith("cannot reach ClickHouse at "));
                    if (!connectivity) {
                        unexpected.add(example.getFileName() + " " + e.getKey() + ": " + v.property() + ": " + v.message());
                    }
                    reachedConnectivityCheck |= connectivity;
                }
                // both connectors check connectivity only once every property is valid: the expected connectivity
                // error proves the config definitions were passed (no example host exists here)
                if (!reachedConnectivityCheck) {
                    withoutConnectivityCheck.add(example.getFileName() + " " + e.getKey());
                }
                checked.add(example.getFileName() + " " + e.getKey());
            }
        }
        assertThat(checked).as("examples whose connectors are installed").contains(
                "cdc-clickhouse.sql shop_cdc-source", "cdc-clickhouse.sql shop_cdc-sink",
                "cdc-exclude-columns.sql pii_safe-source", "cdc-exclude-columns.sql pii_safe-sink",
                "cdc-config-provider.sql orders_cdc-source", "cdc-config-provider.sql orders_cdc-sink",
                "cdc-dead-letter-queue.sql shop_dlq-source", "cdc-dead-letter-queue.sql shop_dlq-sink");
        assertThat(unexpected).as("config errors other than connectivity to the example hosts").isEmpty();
        assertThat(withoutConnectivityCheck).as("connectors whose validation stopped before the connectivity check")
                .isEmpty();
    }

    /** {@code mirror-ddl compile FILE}: connector name -> config. */
    private static Map<String, Map<String, String>> compiledConfigs(Path file) throws IOException {
        CliRun run = CliRun.of("compile", file.toString());
        assertThat(run.code()).as(run.toString()).isZero();
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (JsonNode c : JSON.readTree(run.out())) {
            Map<String, String> config = new TreeMap<>();
            c.get("config").fields().forEachRemaining(f -> config.put(f.getKey(), f.getValue().asText()));
            out.put(c.get("name").asText(), config);
        }
        return out;
    }

    private static Map<String, String> withName(String name, Map<String, String> config) {
        Map<String, String> m = new TreeMap<>(config);
        m.put("name", name);
        return m;
    }

    /** Waits until ClickHouse's live rows (FINAL, not soft-deleted) of {@code table} equal the Postgres query's. */
    private static void awaitRows(String phase, String table, String pgQuery) {
        List<List<String>> expected = pgRows(pgQuery);
        String chQuery = "SELECT toString(id), toString(" + (table.equals("events") ? "kind" : "name") + ") FROM `"
                + database + "`.`" + table + "` FINAL WHERE _PEERDB_IS_DELETED = 0 ORDER BY id";
        List<List<String>> last = null;
        RuntimeException lastError = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                last = clickhouse.query(chQuery);
                lastError = null;
                if (last.equals(expected)) {
                    return;
                }
            } catch (RuntimeException notYet) {
                lastError = notYet;
            }
            sleep(500);
        }
        if (lastError != null) {
            throw new AssertionError(phase + ": " + table + " cannot be read from ClickHouse", lastError);
        }
        assertThat(last).as(phase + ": ClickHouse " + table + " vs Postgres").isEqualTo(expected);
    }

    private static List<List<String>> pgRows(String sql) {
        List<List<String>> rows = new ArrayList<>();
        try (var c = pg.connect(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(List.of(rs.getString(1), rs.getString(2)));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private static void awaitState(String connector, String state) {
        await(connector + " " + state, () -> {
            var s = connect.status(connector);
            return state.equals(s.connector().state()) && s.tasks().stream().allMatch(t -> state.equals(t.state()));
        });
    }

    private static void awaitGone(String... connectors) {
        await("connectors deleted", () -> rest.connectors().stream().noneMatch(List.of(connectors)::contains));
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // status not there yet
            }
            sleep(200);
        }
        throw new AssertionError("not reached within " + WAIT + ": " + what);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
