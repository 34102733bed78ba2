package io.mirrorconnect.it.bigquerysink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mirrorconnect.ddl.cli.MirrorDdl;
import io.mirrorconnect.ddl.connect.ConnectClient;
import io.mirrorconnect.it.fixtures.BigQueryEmulatorFixture;
import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.Fixtures;
import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * End to end, created with {@code mirror-ddl apply} from SQL: Postgres (embedded) -> pg-cdc-source -> Kafka ->
 * bigquery-sink -> bqemulator, both connectors loaded from their plugin archives by one Connect worker. Two mirrors
 * of one table: soft delete and hard delete. After the snapshot and after each round of changes (inserts, updates,
 * key-only deletes, updates leaving a TOASTed column unchanged, a delete and re-insert in one transaction, ADD
 * COLUMN, TRUNCATE) the destination's live rows must equal the source's, value by value. Then the sinks' offsets
 * are reset and everything is read again: the destination, versions and synced-at included, must not change. Then
 * the emulator is killed mid-stream and started again on its data: nothing may be lost.
 *
 * <p>The SQL has no endpoint options, so the worker's JVM carries the sink's worker-wide endpoint defaults
 * ({@link BigQueryEmulatorFixture#setAsWorkerDefault}). The emulator is queried only once the sinks have committed
 * everything (emulator bug B7; {@link SinkProgress}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresToBigQueryIT {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final String DATASET = "mirror_it";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[][] MIRRORS = {{"bq_soft", "items_soft"}, {"bq_hard", "items_hard"}};

    private static PostgresFixture pg;
    private static BigQueryEmulatorFixture bq;
    private static ConnectFixture connect;
    private static SinkProgress progress;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        pg = PostgresFixture.start();
        bq = BigQueryEmulatorFixture.start();
        bq.setAsWorkerDefault();
        bq.createDataset(DATASET);
        connect = ConnectFixture.start("pg-cdc-source", "bigquery-sink");
        progress = new SinkProgress(connect.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        Fixtures.closeAll(progress, connect, bq, pg);
    }

    private static String peers() {
        return "CREATE PEER pg_local FROM POSTGRES WITH (host = '" + pg.host() + "', port = " + pg.port()
                + ", user = '" + pg.user() + "', password = 'unused', database = '" + pg.database()
                + "', sslmode = 'disable');\n"
                + "CREATE PEER bq_local FROM BIGQUERY WITH (type = 'service_account', project_id = '"
                + BigQueryEmulatorFixture.PROJECT + "', private_key_id = 'unused',"
                + " private_key = '-----BEGIN PRIVATE KEY-----\\nunused\\n-----END PRIVATE KEY-----\\n',"
                + " client_email = 'it@mirror-it.iam.gserviceaccount.com', client_id = '1',"
                + " auth_uri = 'https://accounts.google.com/o/oauth2/auth', token_uri = 'https://oauth2.googleapis.com/token',"
                + " auth_provider_x509_cert_url = 'https://www.googleapis.com/oauth2/v1/certs',"
                + " client_x509_cert_url = 'https://www.googleapis.com/robot/v1/metadata/x509/it', dataset_id = '" + DATASET + "');\n";
    }

    static MirrorDdlRun ddl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MirrorDdl.run(args, new PrintWriter(out, true), new PrintWriter(err, true), ConnectClient::new);
        return new MirrorDdlRun(code, out.toString(), err.toString());
    }

    record MirrorDdlRun(int code, String out, String err) {
        @Override
        public String toString() {
            return "mirror-ddl exited with " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Path sql(String name, String body) {
        try {
            return Files.writeString(dir.resolve(name), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ comparing source and destination

    private static final String PG_COLUMNS = "id::text, name, body, amount::text, "
            + "to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), doc::text, encode(raw, 'base64'), array_to_json(tags)::text";
    private static final String BQ_COLUMNS = "CAST(`id` AS STRING), `name`, `body`, CAST(`amount` AS STRING), "
            + "FORMAT_TIMESTAMP('%Y-%m-%d %H:%M:%E6S', `at`), TO_JSON_STRING(`doc`), `raw`, `tags`";

    private static List<List<Object>> source(boolean extra) {
        List<List<Object>> out = new ArrayList<>();
        for (List<String> r : pg.queryRows("SELECT " + PG_COLUMNS + (extra ? ", extra::text" : "") + " FROM items ORDER BY items.id")) {
            out.add(normalize(new ArrayList<>(r), true));
        }
        return out;
    }

    private static List<List<Object>> destination(String table, boolean soft, boolean extra) {
        List<List<Object>> out = new ArrayList<>();
        String where = soft ? " WHERE NOT `_PEERDB_IS_DELETED`" : "";
        for (List<Object> r : bq.query("SELECT " + BQ_COLUMNS + (extra ? ", CAST(`extra` AS STRING)" : "") + " FROM `"
                + BigQueryEmulatorFixture.PROJECT + "`.`" + DATASET + "`.`" + table + "`" + where + " ORDER BY `id`")) {
            out.add(normalize(new ArrayList<>(r), false));
        }
        return out;
    }

    /**
     * Values compared by what they mean: decimals by value (trailing zeros aside), JSON documents as JSON, arrays
     * as lists, where a NULL Postgres array is the empty array the default bigquery.arrays=repeated stores
     * (docs/bigquery-types.md).
     */
    private static List<Object> normalize(List<Object> r, boolean fromPostgres) {
        r.set(2, r.get(2) == null ? null : md5((String) r.get(2)) + " (" + ((String) r.get(2)).length() + " chars)");
        if (r.get(3) != null) {
            r.set(3, new BigDecimal((String) r.get(3)).stripTrailingZeros().toPlainString());
        }
        r.set(5, r.get(5) == null ? null : json((String) r.get(5)));
        if (fromPostgres) {
            List<Object> tags = new ArrayList<>();
            if (r.get(7) != null) {
                json((String) r.get(7)).forEach(t -> tags.add(t.isNull() ? null : t.asText()));
            }
            r.set(7, tags);
        }
        return r;
    }

    private static String md5(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitCaughtUp() {
        for (String[] m : MIRRORS) {
            progress.awaitCaughtUp(m[0] + "-sink", m[0] + ".public.items", WAIT, Duration.ofSeconds(2));
        }
    }

    private static void awaitSame(boolean extra, String phase) {
        List<List<Object>> expected = source(extra);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            awaitCaughtUp();
            List<List<Object>> soft = destination("items_soft", true, extra);
            List<List<Object>> hard = destination("items_hard", false, extra);
            if ((soft.equals(expected) && hard.equals(expected)) || System.nanoTime() > deadline) {
                assertThat(differences(expected, soft)).as(phase + ": items_soft vs the source").isEmpty();
                assertThat(differences(expected, hard)).as(phase + ": items_hard vs the source").isEmpty();
                return;
            }
        }
    }

    /** The first rows (by id) that differ: "id: source=[...] destination=[...]". */
    private static List<String> differences(List<List<Object>> expected, List<List<Object>> actual) {
        Map<Object, List<Object>> want = new TreeMap<>();
        Map<Object, List<Object>> got = new TreeMap<>();
        expected.forEach(r -> want.put(Integer.valueOf((String) r.get(0)), r));
        actual.forEach(r -> got.put(Integer.valueOf((String) r.get(0)), r));
        List<String> out = new ArrayList<>();
        java.util.SortedSet<Object> ids = new java.util.TreeSet<>(want.keySet());
        ids.addAll(got.keySet());
        for (Object id : ids) {
            if (!java.util.Objects.equals(want.get(id), got.get(id)) && out.size() < 5) {
                out.add(id + ": source=" + want.get(id) + " destination=" + got.get(id));
            }
        }
        if (!out.isEmpty()) {
            out.add("(" + expected.size() + " source rows, " + actual.size() + " destination rows)");
        }
        return out;
    }

    /** Every column of both destination tables, the sink's own included (version, flag, synced-at). */
    private static Map<String, List<List<Object>>> everything() {
        awaitCaughtUp();
        Map<String, List<List<Object>>> out = new TreeMap<>();
        for (String[] m : MIRRORS) {
            out.put(m[1], bq.query("SELECT * FROM `" + BigQueryEmulatorFixture.PROJECT + "`.`" + DATASET + "`.`" + m[1]
                    + "` ORDER BY `id`"));
        }
        return out;
    }

    // ------------------------------------------------------------------ phases

    @Test
    @Order(1)
    void snapshotThenChangesForSoftAndHardDelete() {
        pg.execute("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, body text, amount numeric(10,2),"
                        + " at timestamptz, doc jsonb, raw bytea, tags text[])",
                "INSERT INTO items SELECT g, 'name-' || g, "
                        + "CASE WHEN g % 10 = 0 THEN (SELECT string_agg(md5((g * 1000 + x)::text), '') "
                        + "FROM generate_series(1, 300) x) ELSE 'short ' || g END, g * 1.25,"
                        + " timestamptz '2024-01-02 03:04:05.123456+02' + g * interval '1 hour 1 microsecond',"
                        + " jsonb_build_object('g', g, 'nested', jsonb_build_array(g, null, 'x')),"
                        + " CASE WHEN g % 3 = 0 THEN NULL ELSE decode(lpad(to_hex(g), 4, '0') || '00ff', 'hex') END,"
                        + " CASE WHEN g % 4 = 0 THEN NULL ELSE ARRAY['t' || g, '', 'ü'] END"
                        + " FROM generate_series(1, 200) g");
        // a staging table a crashed task 0 of bq_soft left behind: the restarted task recognises it by name and drops it
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("bq_soft".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String leftover = "_mc_staging_bq_soft_" + String.format("%08x", crc.getValue()) + "_t0_items_soft_0123456789ab";
        bq.createTable(DATASET, leftover);
        Path file = sql("mirrors.sql", peers()
                + "CREATE MIRROR bq_soft FROM pg_local TO bq_local WITH TABLE MAPPING (public.items:items_soft)"
                + " WITH (do_initial_copy = true, sync_interval = 1, soft_delete = true);\n"
                + "CREATE MIRROR bq_hard FROM pg_local TO bq_local WITH TABLE MAPPING (public.items:items_hard)"
                + " WITH (do_initial_copy = true, sync_interval = 1);\n");
        MirrorDdlRun apply = ddl("apply", file.toString(), "--connect-url", connect.connectUrl());
        assertThat(apply.code()).as(apply.toString()).isZero();
        for (String[] m : MIRRORS) {
            connect.awaitRunning(m[0] + "-source", 1, WAIT);
            connect.awaitRunning(m[0] + "-sink", 1, WAIT);
        }
        awaitSame(false, "snapshot");
        assertThat(bq.tables(DATASET)).as("the crashed task's staging table is gone").doesNotContain(leftover);

        pg.execute("INSERT INTO items VALUES (5001, 'new', 'new body', 1.5, now(), '{\"new\": true}', '\\x00', '{a,NULL}')"
                        .replace("'{a,NULL}'", "'{a,b}'"),
                "UPDATE items SET name = 'renamed', tags = '{}' WHERE id BETWEEN 1 AND 20",
                // body is TOASTed out of line for ids divisible by 10: these updates leave it unchanged
                "UPDATE items SET amount = amount + 1 WHERE id % 10 = 0 AND id <= 100",
                "DELETE FROM items WHERE id BETWEEN 51 AND 60",
                "BEGIN; UPDATE items SET name = 'in tx' WHERE id = 70; DELETE FROM items WHERE id = 70; "
                        + "INSERT INTO items VALUES (70, 'reinserted', 'rebody', 7, NULL, NULL, NULL, NULL); COMMIT");
        awaitSame(false, "changes");

        pg.execute("ALTER TABLE items ADD COLUMN extra int",
                "UPDATE items SET extra = id * 2 WHERE id % 7 = 0",
                "UPDATE items SET name = 'after add' WHERE id % 20 = 0",
                "DELETE FROM items WHERE id BETWEEN 90 AND 95",
                "INSERT INTO items VALUES (6000, 'with extra', 'b', 0, NULL, 'null', '\\x', '{}', 42)");
        awaitSame(true, "ADD COLUMN");

        String soft = "`" + BigQueryEmulatorFixture.PROJECT + "`.`" + DATASET + "`.`items_soft`";
        String hard = "`" + BigQueryEmulatorFixture.PROJECT + "`.`" + DATASET + "`.`items_hard`";
        assertThat(bq.query("SELECT CAST(COUNT(*) AS STRING) FROM " + soft + " WHERE `_PEERDB_IS_DELETED`"))
                .as("soft-deleted rows stay, flagged").isEqualTo(List.of(List.of("16")));
        assertThat(bq.query("SELECT CAST(COUNT(*) AS STRING) FROM " + hard + " WHERE `id` BETWEEN 51 AND 60"))
                .as("hard-deleted rows are gone").isEqualTo(List.of(List.of("0")));
        assertThat(bq.query("SELECT `name`, `body`, CAST(`amount` AS STRING) FROM " + soft + " WHERE `id` = 60").get(0))
                .as("a soft-deleted row keeps its last values (the delete carried only the key; the MERGE kept them)")
                .satisfies(r -> {
                    assertThat(r.get(0)).isEqualTo("name-60");
                    assertThat(md5((String) r.get(1))).isEqualTo(md5Of(60));
                    assertThat(new BigDecimal((String) r.get(2))).isEqualByComparingTo("76");
                });
        assertThat(bq.query("SELECT CAST(`_PEERDB_VERSION` > 0 AS STRING) FROM " + soft + " WHERE `id` = 60"))
                .isEqualTo(List.of(List.of("true")));
    }

    private static String md5Of(int id) {
        return pg.queryString("SELECT md5(string_agg(md5((" + id + " * 1000 + x)::text), '')) FROM generate_series(1, 300) x");
    }

    @Test
    @Order(2)
    void replayingEveryOffsetLeavesTheDestinationUnchanged() {
        Map<String, List<List<Object>>> before = everything();
        for (String[] m : MIRRORS) {
            String sink = m[0] + "-sink";
            connect.cluster().stopConnector(sink);
            connect.cluster().resetConnectorOffsets(sink);
            connect.cluster().resumeConnector(sink);
            connect.awaitRunning(sink, 1, WAIT);
        }
        // the whole topic is read again: wait until both sinks have committed its end again
        Map<String, List<List<Object>>> after = everything();
        assertThat(after).as("destination after replaying every record, versions and synced-at included").isEqualTo(before);
    }

    @Test
    @Order(3)
    void anEmulatorCrashMidStreamLosesNothing() {
        bq.kill();
        pg.execute("INSERT INTO items (id, name, body, amount) SELECT g, 'during outage', 'o', g FROM generate_series(7001, 7020) g",
                "UPDATE items SET name = 'updated during outage' WHERE id BETWEEN 100 AND 110",
                "DELETE FROM items WHERE id BETWEEN 120 AND 125");
        // the sinks fail their flushes (transient: connection refused) and retry with backoff
        sleep(4000);
        bq.startAgain();
        awaitSame(true, "after the emulator restart");
    }

    @Test
    @Order(4)
    void truncateEmptiesTheDestination() {
        pg.execute("TRUNCATE items", "INSERT INTO items (id, name, body, amount) VALUES (1, 'after truncate', 'x', 1)");
        awaitSame(true, "TRUNCATE");
        assertThat(bq.tables(DATASET)).as("no staging table is left behind").allMatch(t -> !t.startsWith("_mc_staging_"));
    }

    /**
     * config-examples/cdc-bigquery.sql compiles to a sink config the real connector starts with: the worker holds
     * the example's exact properties (the emulator endpoint comes from the worker-wide defaults) and its task runs.
     */
    @Test
    @Order(5)
    void theBigQueryExampleStartsTheRealConnector() throws Exception {
        MirrorDdlRun compiled = ddl("compile", ConnectFixture.rootDir().resolve("config-examples/cdc-bigquery.sql").toString());
        assertThat(compiled.code()).as(compiled.toString()).isZero();
        for (JsonNode c : JSON.readTree(compiled.out())) {
            if (!c.get("config").get("connector.class").asText().endsWith("BigQuerySinkConnector")) {
                continue;
            }
            Map<String, String> config = new TreeMap<>();
            c.get("config").fields().forEachRemaining(f -> config.put(f.getKey(), f.getValue().asText()));
            bq.createDataset(config.get("bigquery.project"), config.get("bigquery.dataset"));
            connect.configureConnector(c.get("name").asText(), config);
            connect.awaitRunning(c.get("name").asText(), 1, WAIT);
            connect.deleteConnector(c.get("name").asText());
            return;
        }
        throw new AssertionError("no BigQuery sink in " + compiled.out());
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
