package io.mirrorconnect.it.clickhousesink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.it.fixtures.ClickHouseFixture;
import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.PostgresFixture;
import io.mirrorconnect.it.fixtures.Fixtures;

/**
 * End to end: Postgres (embedded) -> pg-cdc-source -> Kafka -> clickhouse-sink -> ClickHouse, both connectors
 * loaded from their plugin archives by one Connect worker. One source table feeds two mirrors (own slots): one
 * sink with soft delete, one with hard delete. After the snapshot and after each round of changes (inserts,
 * updates, deletes, updates leaving a TOASTed column unchanged, ADD COLUMN, TRUNCATE), the destination under FINAL (deleted
 * rows excluded) must equal the source table row for row.
 */
class PostgresToClickHouseIT {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static PostgresFixture pg;
    private static ConnectFixture connect;
    private static ClickHouseFixture clickhouse;
    private static String database;

    @BeforeAll
    static void start() {
        pg = PostgresFixture.start();
        clickhouse = ClickHouseFixture.start();
        connect = ConnectFixture.start("pg-cdc-source", "clickhouse-sink");
        database = clickhouse.createDatabase("pg2ch");
    }

    @AfterAll
    static void stop() {
        Fixtures.closeAll(connect, clickhouse, pg);
    }

    private static Map<String, String> sink(String mirror, String table, boolean softDelete) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.mirrorconnect.clickhouse.ClickHouseSinkConnector");
        c.put("tasks.max", "1");
        c.put("mirror.name", mirror);
        c.put("topics", mirror + ".public.items");
        c.put("table.mapping", mirror + ".public.items:" + table);
        c.put("soft.delete", String.valueOf(softDelete));
        c.putAll(clickhouse.sinkConnection(database));
        c.put("flush.interval.ms", "500");
        c.put("retry.backoff.ms", "200");
        c.put("retry.backoff.max.ms", "2000");
        return c;
    }

    /** The source rows: id, name, md5(body), length(body), amount, extra (when present). */
    private static List<List<String>> source(boolean extra) {
        String sql = "SELECT id::text, name, md5(body), length(body)::text, trim_scale(amount)::text"
                + (extra ? ", extra::text" : "") + " FROM items ORDER BY items.id";
        return pg.queryRows(sql);
    }

    /** The destination's live rows, same columns. */
    private static List<List<String>> destination(String table, boolean extra) {
        return clickhouse.query("SELECT toString(id), name, lower(hex(MD5(body))), toString(lengthUTF8(body)), "
                + "toString(amount)" + (extra ? ", toString(extra)" : "") + " FROM `" + database + "`.`" + table
                + "` FINAL WHERE _PEERDB_IS_DELETED = 0 ORDER BY id");
    }

    private static void awaitSame(String table, boolean extra, String phase) {
        Supplier<List<List<String>>> actual = () -> destination(table, extra);
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<List<String>> last = null;
        RuntimeException lastError = null;
        List<List<String>> expected = source(extra);
        while (System.nanoTime() < deadline) {
            try {
                last = actual.get();
                lastError = null;
                if (last.equals(expected)) {
                    return;
                }
            } catch (RuntimeException notYet) {
                lastError = notYet;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (lastError != null) {
            throw new AssertionError(phase + ": " + table + " still failing", lastError);
        }
        assertThat(last).as(phase + ": " + table + " vs the source").isEqualTo(expected);
    }

    @Test
    void snapshotThenChangesForSoftAndHardDelete() {
        pg.execute("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, body text, amount numeric(10,2))",
                "INSERT INTO items SELECT g, 'name-' || g, "
                        + "CASE WHEN g % 10 = 0 THEN (SELECT string_agg(md5((g * 1000 + x)::text), '') "
                        + "FROM generate_series(1, 300) x) ELSE 'short ' || g END, g * 1.25 FROM generate_series(1, 2000) g");
        for (String[] m : new String[][] {{"softm", "items_soft", "true"}, {"hardm", "items_hard", "false"}}) {
            Map<String, String> src = pg.cdcSourceConfig(m[0], "public.items");
            connect.configureConnector(m[0] + "-source", src);
            connect.configureConnector(m[0] + "-sink", sink(m[0], m[1], Boolean.parseBoolean(m[2])));
        }
        for (String m : List.of("softm", "hardm")) {
            connect.awaitRunning(m + "-source", 1, WAIT);
            connect.awaitRunning(m + "-sink", 1, WAIT);
        }
        awaitSame("items_soft", false, "snapshot");
        awaitSame("items_hard", false, "snapshot");

        pg.execute("INSERT INTO items VALUES (5001, 'new', 'new body', 1.5)",
                "UPDATE items SET name = 'renamed' WHERE id BETWEEN 1 AND 50",
                // body is TOASTed out of line for ids divisible by 10: these updates leave it unchanged
                "UPDATE items SET amount = amount + 1 WHERE id % 10 = 0 AND id <= 500",
                "DELETE FROM items WHERE id BETWEEN 51 AND 60",
                "BEGIN; UPDATE items SET name = 'in tx' WHERE id = 70; DELETE FROM items WHERE id = 70; "
                        + "INSERT INTO items VALUES (70, 'reinserted', 'rebody', 7); COMMIT");
        awaitSame("items_soft", false, "changes");
        awaitSame("items_hard", false, "changes");

        pg.execute("ALTER TABLE items ADD COLUMN extra int",
                "UPDATE items SET extra = id * 2 WHERE id % 7 = 0",
                "UPDATE items SET name = 'after add' WHERE id % 20 = 0",
                "DELETE FROM items WHERE id BETWEEN 900 AND 910",
                "INSERT INTO items VALUES (6000, 'with extra', 'b', 0, 42)");
        awaitSame("items_soft", true, "ADD COLUMN");
        awaitSame("items_hard", true, "ADD COLUMN");

        assertThat(clickhouse.query("SELECT count() FROM `" + database + "`.`items_soft` FINAL WHERE _PEERDB_IS_DELETED = 1"))
                .as("soft-deleted rows stay, flagged").isEqualTo(List.of(List.of("21")));
        assertThat(clickhouse.query("SELECT count() FROM `" + database + "`.`items_hard` FINAL WHERE id BETWEEN 51 AND 60"))
                .as("hard-deleted rows vanish under FINAL").isEqualTo(List.of(List.of("0")));
        assertThat(clickhouse.query("SELECT name, lower(hex(MD5(body))) FROM `" + database
                + "`.`items_soft` FINAL WHERE id = 55"))
                .as("a soft-deleted row keeps its last values (from the destination: the delete carried only the key)")
                .isEqualTo(List.of(List.of("name-55", md5("short 55"))));

        // TRUNCATE empties the destination; what follows it is mirrored as usual
        pg.execute("TRUNCATE items", "INSERT INTO items VALUES (1, 'after truncate', 'x', 1, 1)");
        awaitSame("items_soft", true, "TRUNCATE");
        awaitSame("items_hard", true, "TRUNCATE");
    }

    private static String md5(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
