package io.mirrorconnect.it.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.FakesnowFixture;
import io.mirrorconnect.it.fixtures.Fixtures;
import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * End to end, created with {@code mirror-ddl apply} from SQL: Postgres (embedded) -> pg-cdc-source -> Kafka ->
 * snowflake-sink -> fakesnow, both connectors loaded from their plugin archives by one Connect worker. Two
 * mirrors of one table: soft delete and hard delete. After the snapshot and after each round of changes
 * (inserts, updates, key-only deletes, updates leaving a TOASTed column unchanged, a delete and re-insert in one
 * transaction, ADD COLUMN, TRUNCATE) the destination's live rows must equal the source, value by value. Then the
 * sink's offsets are reset and everything is read again: the destination, versions and synced-at included, must
 * not change.
 *
 * <p>The SQL has no endpoint options, so the worker's JVM carries the sink's worker-wide endpoint defaults
 * ({@link FakesnowFixture#setAsWorkerDefault}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresToSnowflakeIT {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final String DB = "MIRROR_IT";

    private static PostgresFixture pg;
    private static FakesnowFixture fakesnow;
    private static ConnectFixture connect;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        pg = PostgresFixture.start();
        fakesnow = FakesnowFixture.start();
        fakesnow.setAsWorkerDefault();
        connect = ConnectFixture.start("pg-cdc-source", "snowflake-sink");
    }

    @AfterAll
    static void stop() {
        Fixtures.closeAll(connect, fakesnow, pg);
    }

    private static String peers() {
        return "CREATE PEER pg_local FROM POSTGRES WITH (host = '" + pg.host() + "', port = " + pg.port()
                + ", user = '" + pg.user() + "', password = 'unused', database = '" + pg.database()
                + "', sslmode = 'disable');\n"
                + "CREATE PEER sf_local FROM SNOWFLAKE WITH (account_id = '" + FakesnowFixture.ACCOUNT + "', username = '"
                + FakesnowFixture.USER + "', password = '" + FakesnowFixture.PASSWORD + "', database = '" + DB
                + "', warehouse = 'COMPUTE_WH', role = 'SYSADMIN');\n";
    }

    private static final List<Kind> KINDS = List.of(Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.DECIMAL, Kind.JSON,
            Kind.JSON, Kind.INSTANT, Kind.HEX, Kind.TEXT);

    /** The source rows: id, name, md5(body), length(body), amount, tags, doc, at, raw, extra (when present). */
    private static List<List<String>> source(boolean extra) {
        return pg.queryRows("SELECT id::text, name, md5(body), length(body)::text, amount::text, array_to_json(tags)::text,"
                + " doc::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), encode(raw, 'hex')"
                + (extra ? ", extra::text" : "") + " FROM items ORDER BY items.id");
    }

    /** The destination's live rows, same columns. */
    private static List<List<String>> destination(String table, boolean soft, boolean extra) {
        return fakesnow.query(DB, "SELECT \"id\", \"name\", MD5(\"body\"), LENGTH(\"body\"), \"amount\", \"tags\", \"doc\","
                + " \"at\", HEX_ENCODE(\"raw\")" + (extra ? ", \"extra\"" : "") + " FROM \"" + DB + "\".\"PUBLIC\".\"" + table
                + "\"" + (soft ? " WHERE \"_PEERDB_IS_DELETED\" = FALSE" : "") + " ORDER BY \"id\"");
    }

    private static void awaitSame(String table, boolean soft, boolean extra, String phase) {
        List<List<String>> expected = Values.normalize(source(extra), KINDS);
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<List<String>> last = null;
        RuntimeException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = Values.normalize(destination(table, soft, extra), KINDS);
                lastError = null;
                if (last.equals(expected)) {
                    return;
                }
            } catch (RuntimeException notYet) {
                lastError = notYet;
            }
            sleep(1000);
        }
        if (lastError != null) {
            throw new AssertionError(phase + ": " + table + " still failing", lastError);
        }
        assertThat(last).as(phase + ": " + table + " vs the source").isEqualTo(expected);
    }

    private static Path sql(String name, String body) {
        try {
            return Files.writeString(dir.resolve(name), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void mirrorsCreatedFromSqlConvergeThroughSnapshotChangesAddColumnAndTruncate() {
        pg.execute("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, body text, amount numeric(10,2),"
                        + " tags int[], doc jsonb, at timestamptz, raw bytea)",
                "INSERT INTO items SELECT g, 'name-' || g, CASE WHEN g % 10 = 0 THEN (SELECT string_agg(md5((g * 1000 + x)::text), '')"
                        + " FROM generate_series(1, 300) x) ELSE 'short ' || g END, g * 1.25,"
                        + " CASE WHEN g % 7 = 0 THEN NULL WHEN g % 5 = 0 THEN '{}'::int[] ELSE ARRAY[g, NULL, -g] END,"
                        + " jsonb_build_object('g', g, 'half', g / 2.0, 'nested', jsonb_build_array(g, 'x', NULL)),"
                        + " timestamptz '2024-01-01 00:00:00.123456+02' + g * interval '1 hour 1 microsecond',"
                        + " CASE WHEN g % 3 = 0 THEN NULL ELSE decode(lpad(to_hex(g), 8, '0') || '00ff', 'hex') END"
                        + " FROM generate_series(1, 150) g");
        Path file = sql("mirrors.sql", peers()
                + "CREATE MIRROR sf_soft FROM pg_local TO sf_local WITH TABLE MAPPING (public.items:\"PUBLIC\".items_soft)"
                + " WITH (do_initial_copy = true, sync_interval = 1, soft_delete = true);\n"
                + "CREATE MIRROR sf_hard FROM pg_local TO sf_local WITH TABLE MAPPING (public.items:items_hard)"
                + " WITH (do_initial_copy = true, sync_interval = 1);\n");
        MirrorDdl run = MirrorDdl.run("apply", file.toString(), "--connect-url", connect.connectUrl());
        assertThat(run.code()).as(run.toString()).isZero();
        for (String m : List.of("sf_soft", "sf_hard")) {
            connect.awaitRunning(m + "-source", 1, WAIT);
            connect.awaitRunning(m + "-sink", 1, WAIT);
        }
        awaitSame("items_soft", true, false, "snapshot");
        awaitSame("items_hard", false, false, "snapshot");

        pg.execute("INSERT INTO items VALUES (5001, 'new', 'new body', 1.5, ARRAY[1], '{\"a\": [true, null]}', now(), '\\x00')",
                "UPDATE items SET name = 'renamed', tags = ARRAY[NULL]::int[] WHERE id BETWEEN 1 AND 20",
                // body is TOASTed out of line for ids divisible by 10: these updates leave it unchanged
                "UPDATE items SET amount = amount + 1 WHERE id % 10 = 0 AND id <= 100",
                "DELETE FROM items WHERE id BETWEEN 21 AND 25",
                "BEGIN; UPDATE items SET name = 'in tx' WHERE id = 30; DELETE FROM items WHERE id = 30; "
                        + "INSERT INTO items VALUES (30, 'reinserted', 'rebody', 7, NULL, 'null', NULL, ''); COMMIT");
        awaitSame("items_soft", true, false, "changes");
        awaitSame("items_hard", false, false, "changes");

        assertThat(fakesnow.query(DB, "SELECT COUNT(*) FROM \"" + DB + "\".\"PUBLIC\".\"items_soft\" WHERE \"_PEERDB_IS_DELETED\""))
                .as("soft-deleted rows stay, flagged").isEqualTo(List.of(List.of("5")));
        assertThat(fakesnow.query(DB, "SELECT \"name\", MD5(\"body\") FROM \"" + DB + "\".\"PUBLIC\".\"items_soft\" WHERE \"id\" = 22"))
                .as("a soft-deleted row keeps its stored values (the delete carried only the key)")
                .isEqualTo(List.of(List.of("name-22", md5("short 22"))));
        assertThat(fakesnow.query(DB, "SELECT COUNT(*) FROM \"" + DB + "\".\"PUBLIC\".\"items_hard\" WHERE \"id\" BETWEEN 21 AND 25"))
                .as("hard-deleted rows are gone").isEqualTo(List.of(List.of("0")));

        pg.execute("ALTER TABLE items ADD COLUMN extra int",
                "UPDATE items SET extra = id * 2 WHERE id % 7 = 0",
                "UPDATE items SET name = 'after add' WHERE id % 20 = 0",
                "DELETE FROM items WHERE id BETWEEN 90 AND 95",
                "INSERT INTO items (id, name, extra) VALUES (6000, 'with extra', 42)");
        awaitSame("items_soft", true, true, "ADD COLUMN");
        awaitSame("items_hard", false, true, "ADD COLUMN");

        pg.execute("TRUNCATE items", "INSERT INTO items (id, name, body, extra) VALUES (1, 'after truncate', 'x', 1)");
        awaitSame("items_soft", true, true, "TRUNCATE");
        awaitSame("items_hard", false, true, "TRUNCATE");
    }

    /**
     * Reading every offset again (the sink's consumer group reset) leaves each destination row exactly as it was,
     * version and synced-at included. Its own mirror and table, whose history has no TRUNCATE (a replayed TRUNCATE
     * empties the table again and the later records rebuild it: same values, new synced-at).
     */
    @Test
    @Order(2)
    void replayingTheTopicFromTheStartChangesNothing() {
        pg.execute("CREATE TABLE replayed (id int PRIMARY KEY, name text, body text, amount numeric(10,2))",
                "INSERT INTO replayed SELECT g, 'name-' || g, CASE WHEN g % 10 = 0 THEN (SELECT string_agg(md5((g * 1000 + x)::text), '')"
                        + " FROM generate_series(1, 300) x) ELSE 'short ' || g END, g FROM generate_series(1, 60) g");
        Path file = sql("replay.sql", peers() + "CREATE MIRROR sf_replay FROM pg_local TO sf_local WITH TABLE MAPPING"
                + " (public.replayed:replayed) WITH (do_initial_copy = true, sync_interval = 1, soft_delete = true);\n");
        MirrorDdl run = MirrorDdl.run("apply", file.toString(), "--connect-url", connect.connectUrl());
        assertThat(run.code()).as(run.toString()).isZero();
        connect.awaitRunning("sf_replay-source", 1, WAIT);
        connect.awaitRunning("sf_replay-sink", 1, WAIT);
        pg.execute("INSERT INTO replayed SELECT g, 'new-' || g, 'b' || g, g FROM generate_series(100, 130) g",
                "UPDATE replayed SET name = 'updated' WHERE id BETWEEN 1 AND 15",
                "UPDATE replayed SET amount = amount + 1 WHERE id % 10 = 0", // TOASTed body unchanged
                "DELETE FROM replayed WHERE id BETWEEN 20 AND 24",
                "BEGIN; DELETE FROM replayed WHERE id = 30; INSERT INTO replayed VALUES (30, 'again', 'x', 3); COMMIT");
        String query = "SELECT \"id\", \"name\", MD5(\"body\"), \"amount\", \"_PEERDB_IS_DELETED\", \"_PEERDB_VERSION\","
                + " \"_PEERDB_SYNCED_AT\" FROM \"" + DB + "\".\"PUBLIC\".\"replayed\" ORDER BY \"id\"";
        String live = "SELECT id::text, name, md5(body), amount::text FROM replayed ORDER BY replayed.id";
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<List<String>> liveRows = null;
        while (System.nanoTime() < deadline) {
            liveRows = new ArrayList<>();
            List<List<String>> all;
            try {
                all = fakesnow.query(DB, query);
            } catch (IllegalStateException notCreatedYet) {
                sleep(1000);
                continue;
            }
            for (List<String> r : all) {
                if ("false".equalsIgnoreCase(r.get(4))) {
                    liveRows.add(r.subList(0, 4));
                }
            }
            liveRows = Values.normalize(liveRows, List.of(Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.DECIMAL));
            if (liveRows.equals(Values.normalize(pg.queryRows(live), List.of(Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.DECIMAL)))) {
                break;
            }
            sleep(1000);
        }
        assertThat(liveRows).as("replayed before the replay").isEqualTo(
                Values.normalize(pg.queryRows(live), List.of(Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.DECIMAL)));
        SinkProgress.awaitCaughtUp(connect, "connect-sf_replay-sink", WAIT);
        List<List<String>> before = fakesnow.query(DB, query);

        connect.cluster().stopConnector("sf_replay-sink");
        awaitStopped("sf_replay-sink");
        connect.cluster().resetConnectorOffsets("sf_replay-sink");
        connect.cluster().resumeConnector("sf_replay-sink");
        connect.awaitRunning("sf_replay-sink", 1, WAIT);
        SinkProgress.awaitCaughtUp(connect, "connect-sf_replay-sink", WAIT);
        assertThat(fakesnow.query(DB, query)).as("every row, version and synced-at after the replay").isEqualTo(before);
    }

    /**
     * Every Snowflake sink that config-examples/ compiles starts the real connector on this worker (whose
     * worker-wide endpoint defaults point the examples' accounts at fakesnow), except where the example's
     * credentials are placeholders the driver itself must read: the key-pair example's PEM is a truncated dummy,
     * which the connector must report on {@code snowflake.private.key}.
     */
    @Test
    @Order(3)
    void configExampleSinksStartTheRealConnector() throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> started = new ArrayList<>();
        List<String> refusedKey = new ArrayList<>();
        try (var files = Files.newDirectoryStream(ConnectFixture.rootDir().resolve("config-examples"), "*.expected.json")) {
            for (Path f : files) {
                for (var connector : json.readTree(f.toFile())) {
                    var config = connector.get("config");
                    if (!"io.mirrorconnect.snowflake.SnowflakeSinkConnector".equals(config.path("connector.class").asText())) {
                        continue;
                    }
                    java.util.Map<String, String> c = new java.util.HashMap<>();
                    config.properties().forEach(e -> c.put(e.getKey(), e.getValue().asText()));
                    String name = "example-" + connector.get("name").asText();
                    c.put("name", name);
                    List<String> problems = new ArrayList<>();
                    connect.cluster().validateConnectorConfig(c.get("connector.class"), c).values().forEach(v -> {
                        if (!v.configValue().errors().isEmpty()) {
                            problems.add(v.configValue().name() + ": " + v.configValue().errors());
                        }
                    });
                    if (!problems.isEmpty()) {
                        // only the dummy key may be refused, on its own property, by the driver reading it
                        assertThat(problems).as(name).hasSize(1);
                        assertThat(problems.get(0)).as(name).startsWith("snowflake.private.key: ")
                                .contains("Private key provided is invalid");
                        refusedKey.add(name);
                        continue;
                    }
                    connect.configureConnector(name, c);
                    connect.awaitRunning(name, 1, WAIT);
                    connect.deleteConnector(name);
                    started.add(name);
                }
            }
        }
        assertThat(started).as("examples whose sink ran").contains("example-xmin_mirror_1-sink");
        assertThat(refusedKey).as("examples with the dummy encrypted key").containsExactly("example-app_to_snowflake-sink");
    }

    private static void awaitStopped(String connector) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if ("STOPPED".equals(connect.status(connector).connector().state())) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // status not written yet
            }
            sleep(200);
        }
        throw new AssertionError(connector + " did not stop");
    }

    static String md5(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How the comparison reads a column (both sides print some types differently). */
    enum Kind { TEXT, DECIMAL, JSON, INSTANT, HEX }

    /** Value-by-value normalization of query results for comparison. */
    static final class Values {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

        static List<List<String>> normalize(List<List<String>> rows, List<Kind> kinds) {
            List<List<String>> out = new ArrayList<>();
            for (List<String> row : rows) {
                List<String> n = new ArrayList<>();
                for (int i = 0; i < row.size(); i++) {
                    n.add(normalize(row.get(i), kinds.get(i)));
                }
                out.add(n);
            }
            return out;
        }

        static String normalize(String v, Kind kind) {
            if (v == null) {
                return null;
            }
            try {
                return switch (kind) {
                    case TEXT -> v;
                    case DECIMAL -> new java.math.BigDecimal(v).stripTrailingZeros().toPlainString();
                    case JSON -> JSON.readTree(v).toString();
                    case INSTANT -> java.time.Instant.parse(v).toString();
                    case HEX -> v.toLowerCase(java.util.Locale.ROOT);
                };
            } catch (IOException | RuntimeException e) {
                return "unparseable " + kind + ": " + v;
            }
        }
    }
}
