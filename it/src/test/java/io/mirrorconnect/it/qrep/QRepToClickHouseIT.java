package io.mirrorconnect.it.qrep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mirrorconnect.it.fixtures.ClickHouseFixture;
import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.Fixtures;
import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * Query replication end to end: Postgres (embedded) -> qrep-source -> Kafka -> clickhouse-sink -> ClickHouse, every
 * mirror created with {@code mirror-ddl apply} from PeerDB's SQL, so the connectors run exactly the compiled configs.
 * One big copy (200k rows, two tasks); everything else is a few thousand rows.
 */
class QRepToClickHouseIT {
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PostgresFixture pg;
    private static ClickHouseFixture clickhouse;
    private static ConnectFixture connect;
    private static String database;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pg = PostgresFixture.start();
        clickhouse = ClickHouseFixture.start();
        connect = ConnectFixture.start("qrep-source", "clickhouse-sink");
        database = clickhouse.createDatabase("qrep");
    }

    @AfterAll
    static void stop() {
        Fixtures.closeAll(connect, clickhouse, pg);
    }

    private static String peers() {
        boolean tls = clickhouse.endpoint().startsWith("https");
        return "CREATE PEER pg_local FROM POSTGRES WITH (host = '" + pg.host() + "', port = " + pg.port()
                + ", user = '" + pg.user() + "', password = 'unused', database = '" + pg.database()
                + "', sslmode = 'disable');\n"
                + "CREATE PEER ch_local FROM CLICKHOUSE WITH (host = '" + clickhouse.host() + "', port = "
                + clickhouse.port() + ", user = '" + clickhouse.user() + "', password = '"
                + clickhouse.password().replace("'", "''") + "', database = '" + database + "'"
                + (tls ? "" : ", disable_tls = true") + ");\n";
    }

    private void apply(String name, String mirrorSql) throws IOException {
        Path file = Files.writeString(dir.resolve(name + ".sql"), peers() + mirrorSql);
        QRepCli run = QRepCli.run("apply", file.toString(), "--connect-url", connect.connectUrl());
        assertThat(run.code()).as(run.toString()).isZero();
    }

    private static List<List<String>> ch(String sql) {
        return clickhouse.query(sql.replace("$db", "`" + database + "`"));
    }

    private static void await(String what, Supplier<Object> actual, Object expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Object last = null;
        RuntimeException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = actual.get();
                lastError = null;
                if (expected.equals(last)) {
                    return;
                }
            } catch (RuntimeException notYet) {
                lastError = notYet;
            }
            sleep(1000);
        }
        if (lastError != null) {
            throw new AssertionError(what + ": cannot read the destination", lastError);
        }
        assertThat(last).as(what).isEqualTo(expected);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET /connectors/NAME/offsets: the source offsets, one per task slot. */
    private static List<JsonNode> sourceOffsets(String connector) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(connect.connectUrl() + "/connectors/" + connector + "/offsets")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).path("offsets").forEach(out::add);
        System.out.println("offsets of " + connector + ": " + r.body());
        return out;
    }

    /** A field of each task slot's committed offset ("done": finished, "read": read by the slot), by slot. */
    private static Map<String, String> bySlot(String connector, String field) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode o : sourceOffsets(connector)) {
            out.put(o.path("partition").path("task").asText(), o.path("offset").path(field).asText());
        }
        return out;
    }

    /** The partitions any slot's committed offset lists as finished, as one string ("1101..."). */
    private static String doneUnion(String connector) throws Exception {
        char[] union = null;
        for (String d : bySlot(connector, "done").values()) {
            if (union == null) {
                union = d.toCharArray();
            }
            for (int i = 0; i < d.length(); i++) {
                if (d.charAt(i) == '1') {
                    union[i] = '1';
                }
            }
        }
        return union == null ? "" : new String(union);
    }

    @Test
    void twoHundredThousandRowsCopyInPartitionsOverTwoTasksThenNewRowsArriveEachRefresh() throws Exception {
        pg.execute("CREATE TABLE facts (id bigserial PRIMARY KEY, account int NOT NULL, amount numeric(12,2), "
                        + "note text, created_at timestamptz NOT NULL DEFAULT now())",
                "INSERT INTO facts (account, amount, note) SELECT g % 97, g * 0.01, 'fact ' || g "
                        + "FROM generate_series(1, 200000) g");
        apply("facts", "CREATE MIRROR it_facts FROM pg_local TO ch_local FOR\n$$\n  SELECT id, account, amount, note, "
                + "created_at FROM public.facts WHERE\n  id BETWEEN {{.start}} AND {{.end}}\n$$\nWITH (\n"
                + "  destination_table_name = 'facts', watermark_column = 'id', watermark_table_name = 'public.facts',\n"
                + "  mode = 'append', parallelism = 2, refresh_interval = 10, num_rows_per_partition = 50000,\n"
                + "  setup_watermark_table_on_destination = true\n);\n");
        connect.awaitRunning("it_facts-source", 2, WAIT);
        String stats = "SELECT toString(count()), toString(uniqExact(id)), toString(min(id)), toString(max(id)), "
                + "toString(toInt64(sum(amount) * 100)) FROM $db.facts";
        await("the initial copy", () -> ch(stats), pg.queryRows("SELECT count(*)::text, count(DISTINCT id)::text, "
                + "min(id)::text, max(id)::text, (sum(amount) * 100)::bigint::text FROM facts"));
        // one plan of 4 partitions of 50k watermark rows: task 0 read partitions 0 and 2, task 1 partitions 1 and 3
        // (each slot's offset lists the partitions its task read); count = distinct above: no row was read twice
        assertThat(bySlot("it_facts-source", "read")).isEqualTo(Map.of("0", "1010", "1", "0101"));

        pg.execute("INSERT INTO facts (account, amount, note) SELECT 1, 2.50, 'new ' || g FROM generate_series(1, 300) g");
        await("new rows after a refresh", () -> ch(stats), pg.queryRows("SELECT count(*)::text, "
                + "count(DISTINCT id)::text, min(id)::text, max(id)::text, (sum(amount) * 100)::bigint::text FROM facts"));
        pg.execute("INSERT INTO facts (account, amount, note) VALUES (2, 1.00, 'one more')");
        await("and after the next", () -> ch(stats).get(0).get(0), "200301");
        assertThat(ch("SELECT note FROM $db.facts WHERE id = 123456")).containsExactly(List.of("fact 123456"));
    }

    @Test
    void upsertOnUpdatedAtConvergesAfterUpdates() throws Exception {
        // the shape of PeerDB's FOR $$ ... $$ example (config-examples/qrep-upsert.sql)
        pg.execute("CREATE TABLE events (id bigint PRIMARY KEY, kind text NOT NULL, payload text, "
                        + "updated_at timestamp NOT NULL DEFAULT clock_timestamp())",
                "INSERT INTO events (id, kind, payload) SELECT g, 'kind ' || (g % 5), 'n=' || g "
                        + "FROM generate_series(1, 3000) g");
        apply("events", "CREATE MIRROR it_events IF NOT EXISTS FROM\n\tpg_local TO ch_local FOR\n$$\n"
                + "  SELECT id, kind, payload, updated_at FROM public.events WHERE\n"
                + "  updated_at BETWEEN {{.start}} AND {{.end}}\n$$\nWITH (\n\tdestination_table_name = 'events',\n"
                + "\twatermark_column = 'updated_at',\n\twatermark_table_name = 'public.events',\n\tmode = 'upsert',\n"
                + "\tunique_key_columns = 'id',\n\tparallelism = 2,\n\trefresh_interval = 10,\n"
                + "  num_rows_per_partition = 1000,\n  initial_copy_only = false,\n"
                + "  setup_watermark_table_on_destination = true,\n);\n");
        String chRows = "SELECT toString(id), kind, payload FROM $db.events FINAL ORDER BY id";
        String pgRows = "SELECT id::text, kind, payload FROM events ORDER BY events.id";
        await("the initial copy", () -> ch(chRows), pg.queryRows(pgRows));
        pg.execute("UPDATE events SET kind = 'changed', payload = 'n=' || -id, "
                        + "updated_at = clock_timestamp() WHERE id % 30 = 0",
                "INSERT INTO events (id, kind, payload) SELECT g, 'added', 'n=' || g "
                        + "FROM generate_series(3001, 3010) g");
        await("after updates and inserts", () -> ch(chRows), pg.queryRows(pgRows));
        pg.execute("UPDATE events SET kind = 'changed twice', updated_at = clock_timestamp() WHERE id = 30");
        await("after a second update of one row", () -> ch(chRows), pg.queryRows(pgRows));
    }

    @Test
    void xminExampleFromTheSeedPicksUpInsertsAndUpdates() throws Exception {
        pg.execute("CREATE TABLE users (id int PRIMARY KEY, name text)",
                "INSERT INTO users SELECT g, 'user ' || g FROM generate_series(1, 1000) g");
        // PeerDB's XMIN example with this test's peers; ClickHouse destinations are not schema-qualified
        apply("xmin", "CREATE MIRROR xmin_mirror_1 FROM pg_local TO ch_local FOR\n$$ SELECT * FROM users $$\nWITH (\n"
                + "\tdestination_table_name = 'users',\n\twatermark_column = 'xmin',\n"
                + "\twatermark_table_name = 'public.users',\n\tmode = 'append', -- upsert (only updates) and overwrite "
                + "are also supported\n\tparallelism = 4,\n\trefresh_interval = 10,\n\tnum_rows_per_partition = 100,\n"
                + "\tsetup_watermark_table_on_destination = true\n);\n");
        String count = "SELECT toString(count()), toString(uniqExact(id)) FROM $db.users";
        await("the initial copy", () -> ch(count), List.of(List.of("1000", "1000")));
        pg.execute("INSERT INTO users VALUES (1001, 'inserted')", "UPDATE users SET name = 'updated' WHERE id = 7");
        // append mode: the update is a second row of id 7
        await("the insert and the update", () -> ch(count), List.of(List.of("1002", "1001")));
        assertThat(ch("SELECT name FROM $db.users WHERE id IN (7, 1001) ORDER BY name")).containsExactly(
                List.of("inserted"), List.of("updated"), List.of("user 7"));
    }

    @Test
    void overwriteEmptiesTheDestinationOnceThenCopies() throws Exception {
        // the second mirror is also the end-to-end ctid case: compiled by mirror-ddl, two tasks, one snapshot
        pg.execute("CREATE TABLE snap (id int PRIMARY KEY, v text)",
                "INSERT INTO snap SELECT g, 'first ' || g FROM generate_series(1, 2000) g");
        apply("snap1", "CREATE MIRROR it_snap1 FROM pg_local TO ch_local FOR $$ SELECT id, v FROM public.snap WHERE id "
                + "BETWEEN {{.start}} AND {{.end}} $$ WITH (destination_table_name = 'snap', watermark_column = 'id', "
                + "watermark_table_name = 'public.snap', mode = 'append', initial_copy_only = true, parallelism = 1, "
                + "num_rows_per_partition = 500, setup_watermark_table_on_destination = true);\n");
        String rows = "SELECT toString(count()), toString(uniqExact(id)), toString(countIf(startsWith(v, 'second'))) "
                + "FROM $db.snap";
        await("the first copy", () -> ch(rows), List.of(List.of("2000", "2000", "0")));
        QRepCli drop = QRepCli.run("drop", "it_snap1", "--connect-url", connect.connectUrl());
        assertThat(drop.code()).as(drop.toString()).isZero();

        pg.execute("DELETE FROM snap WHERE id > 1500", "UPDATE snap SET v = 'second ' || id");
        // the second copy is a ctid copy (heap block ranges in the connector's snapshot) over two tasks
        apply("snap2", "CREATE MIRROR it_snap2 FROM pg_local TO ch_local FOR $$ SELECT id, v FROM public.snap WHERE "
                + "ctid BETWEEN {{.start}} AND {{.end}} $$ WITH (destination_table_name = 'snap', watermark_column = "
                + "'ctid', watermark_table_name = 'public.snap', mode = 'overwrite', initial_copy_only = true, "
                + "parallelism = 2, num_rows_per_partition = 500);\n");
        // the first copy's 2000 rows are gone; every row of the second copy is there once
        await("the overwrite", () -> ch(rows), List.of(List.of("1500", "1500", "1500")));
    }

    @Test
    void aLongOpenTransactionBelowTheWatermarkLosesNoRow() throws Exception {
        pg.execute("CREATE TABLE lt (id bigserial PRIMARY KEY, note text, updated_at timestamptz NOT NULL DEFAULT now())",
                "INSERT INTO lt (note) SELECT 'early ' || g FROM generate_series(1, 500) g");
        apply("lt", "CREATE MIRROR it_lt FROM pg_local TO ch_local FOR $$ SELECT id, note, updated_at FROM public.lt "
                + "WHERE updated_at BETWEEN {{.start}} AND {{.end}} $$ WITH (destination_table_name = 'lt', "
                + "watermark_column = 'updated_at', watermark_table_name = 'public.lt', mode = 'append', "
                + "parallelism = 1, refresh_interval = 10, num_rows_per_partition = 1000, "
                + "setup_watermark_table_on_destination = true);\n");
        String count = "SELECT toString(count()), toString(uniqExact(id)) FROM $db.lt";
        await("the initial copy", () -> ch(count), List.of(List.of("500", "500")));
        try (Connection longTx = pg.connect()) {
            longTx.setAutoCommit(false);
            try (Statement s = longTx.createStatement()) {
                s.execute("INSERT INTO lt (note) VALUES ('the late commit')"); // id 501, updated_at = its start
            }
            pg.execute("INSERT INTO lt (note) SELECT 'after ' || g FROM generate_series(1, 50) g");
            // a cycle sees the 50 rows while the transaction is open: it must hold back (or, if broken, deliver them)
            await("a cycle planned past the open transaction", () -> pg.queryLong("SELECT count(*) FROM "
                    + "pg_stat_activity WHERE application_name = 'mirrorconnect-it_lt-plan-0' AND query LIKE "
                    + "'%pg_snapshot_xmin(pg_current_snapshot()) >=%'") > 0
                    || ch(count).get(0).get(0).equals("550"), true);
            longTx.commit();
        }
        await("every row, the late commit included", () -> ch(count), List.of(List.of("551", "551")));
        pg.execute("INSERT INTO lt (note) VALUES ('next cycle')");
        await("the next cycle", () -> ch(count), List.of(List.of("552", "552")));
        assertThat(ch("SELECT note FROM $db.lt WHERE id = 501")).containsExactly(List.of("the late commit"));
    }

    /**
     * {@code tasks.max} goes from 2 to 3 in the middle of a copy of 20 partitions (the worker restarts the connector
     * and its tasks): the connector recovers the plan from the offsets, and the new tasks share only the partitions no
     * committed offset lists as finished. Counted on the topic (every row the source ever sent), since the append
     * destination may also hold the sink's own replays.
     */
    @Test
    void moreTasksMidCopyReadOnlyTheUnfinishedPartitions() throws Exception {
        int rows = 20_000;
        pg.execute("CREATE TABLE rst (id int PRIMARY KEY, pad text)",
                "INSERT INTO rst SELECT g, repeat('x', 200) || g FROM generate_series(1, " + rows + ") g");
        apply("rst", "CREATE MIRROR it_rst FROM pg_local TO ch_local FOR $$ SELECT id, pad FROM public.rst WHERE id "
                // pg_sleep slows the copy to about a millisecond a row, so the change lands in the middle of it
                + "BETWEEN {{.start}} AND {{.end}} AND pg_sleep(0.001)::text = '' $$ WITH (destination_table_name = 'rst', watermark_column = 'id', "
                + "watermark_table_name = 'public.rst', mode = 'append', initial_copy_only = true, parallelism = 2, "
                + "num_rows_per_partition = 1000, setup_watermark_table_on_destination = true);\n");
        String done = "";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            done = doneUnion("it_rst-source");
            if (done.chars().filter(c -> c == '1').count() >= 4) {
                break;
            }
            sleep(100);
        }
        assertThat(done).as("a committed offset with finished and unfinished partitions").contains("1", "0");
        long finishedBefore = done.chars().filter(c -> c == '1').count();

        HttpClient http = HttpClient.newHttpClient();
        URI configUri = URI.create(connect.connectUrl() + "/connectors/it_rst-source/config");
        HttpResponse<String> current = http.send(HttpRequest.newBuilder(configUri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        @SuppressWarnings("unchecked")
        Map<String, String> config = JSON.readValue(current.body(), Map.class);
        config.put("tasks.max", "3");
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(configUri).header("Content-Type",
                        "application/json").PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isBetween(200, 299);
        connect.awaitRunning("it_rst-source", 3, WAIT);
        await("every row after the change", () -> ch("SELECT toString(uniqExact(id)) FROM $db.rst"),
                List.of(List.of(Integer.toString(rows))));
        long sent = connect.cluster().kafka().consumeAll(WAIT.toMillis(), "it_rst.public.rst").count();
        // re-reading everything would send again at least the finished partitions' rows; reading only unfinished
        // partitions re-sends at most the partitions the two old tasks were emitting and what was not yet committed
        assertThat(sent - rows).as("rows sent twice (" + finishedBefore + " of 20 partitions were finished in the "
                + "committed offsets before the change)").isBetween(0L, finishedBefore * 1000 - 1);
        await("every partition finished in the offsets", () -> {
            try {
                return doneUnion("it_rst-source");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "1".repeat(20));
        // each partition read by exactly one slot, over both task counts
        Map<String, String> read = bySlot("it_rst-source", "read");
        assertThat(read).containsOnlyKeys("0", "1", "2");
        for (int k = 0; k < 20; k++) {
            int partition = k;
            assertThat(read.values().stream().filter(r -> r.charAt(partition) == '1').count())
                    .as("slots that read partition " + k + ": " + read).isEqualTo(1);
        }
    }
}
