package io.mirrorconnect.it.clickhousesink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.it.fixtures.ClickHouseFixture;
import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.Fixtures;
import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * The two sink defects a real workload found (issue 7), end to end on Postgres -> pg-cdc-source -> Kafka ->
 * clickhouse-sink -> ClickHouse, with soft delete:
 * <ol>
 *   <li>a NULL in a nullable array column (ClickHouse has no {@code Nullable(Array)}) stopped the sink task, and
 *       every table of the mirror with it;</li>
 *   <li>bytea values that are not UTF-8 were corrupted whenever the sink filled values from the destination
 *       (unchanged TOAST columns, the last values of a soft-deleted row after a key-only delete).</li>
 * </ol>
 * The destination is compared with the source byte for byte ({@code hex}).
 */
class RealWorkloadDefectsIT {
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
        database = clickhouse.createDatabase("defects");
    }

    @AfterAll
    static void stop() {
        Fixtures.closeAll(connect, clickhouse, pg);
    }

    private static Map<String, String> sink(String mirror, String... tables) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.mirrorconnect.clickhouse.ClickHouseSinkConnector");
        c.put("tasks.max", "1");
        c.put("mirror.name", mirror);
        StringBuilder topics = new StringBuilder();
        StringBuilder mapping = new StringBuilder();
        for (String t : tables) {
            topics.append(topics.length() == 0 ? "" : ",").append(mirror).append(".public.").append(t);
            mapping.append(mapping.length() == 0 ? "" : ",").append(mirror).append(".public.").append(t).append(':').append(t);
        }
        c.put("topics", topics.toString());
        c.put("table.mapping", mapping.toString());
        c.put("soft.delete", "true");
        c.putAll(clickhouse.sinkConnection(database));
        c.put("flush.interval.ms", "500");
        c.put("retry.backoff.ms", "200");
        c.put("retry.backoff.max.ms", "2000");
        return c;
    }

    private static void awaitEqual(String what, java.util.function.Supplier<List<List<String>>> actual,
                                   java.util.function.Supplier<List<List<String>>> expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<List<String>> last = null;
        RuntimeException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = actual.get();
                lastError = null;
                if (last.equals(expected.get())) {
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
            throw new AssertionError(what + ": still failing; " + sinkState(), lastError);
        }
        assertThat(last).as(what + " (" + sinkState() + ")").isEqualTo(expected.get());
    }

    private static String sinkState() {
        var status = connect.status("defects-sink");
        StringBuilder b = new StringBuilder("sink connector " + status.connector().state());
        status.tasks().forEach(t -> b.append(", task ").append(t.id()).append(' ').append(t.state())
                .append(t.trace() == null ? "" : ": " + t.trace().lines().limit(3).toList()));
        return b.toString();
    }

    @Test
    void nullArraysAndNonUtf8BytesSurviveSnapshotToastFillAndKeyOnlyDeletes() {
        pg.execute("CREATE TABLE tagged (id int PRIMARY KEY, tags text[], counts int[], note text)",
                "INSERT INTO tagged VALUES (1, NULL, NULL, 'both null'), (2, '{}', '{}', 'empty'),"
                        + " (3, '{a,NULL,\"b c\"}', '{1,NULL,3}', 'null elements'), (4, '{x}', NULL, 'one null')",
                // 4 KB of bytes that are not UTF-8 (incompressible, so TOASTed out of line); the md5 chain differs per row
                "CREATE TABLE blobs (id int PRIMARY KEY, name text, blob bytea)",
                "ALTER TABLE blobs ALTER COLUMN blob SET STORAGE EXTERNAL",
                "INSERT INTO blobs SELECT g, 'n' || g, (SELECT string_agg(decode(md5(g::text || x::text), 'hex'), ''::bytea)"
                        + " FROM generate_series(1, 256) x) FROM generate_series(1, 20) g");
        connect.configureConnector("defects-source", pg.cdcSourceConfig("defects", "public.tagged,public.blobs"));
        connect.configureConnector("defects-sink", sink("defects", "tagged", "blobs"));
        connect.awaitRunning("defects-source", 1, WAIT);
        connect.awaitRunning("defects-sink", 1, WAIT);

        awaitEqual("blobs after the snapshot", () -> destinationBlobs(false), RealWorkloadDefectsIT::sourceBlobs);
        // every array row arrives; NULL arrays are written as [] (ClickHouse has no Nullable(Array), documented)
        awaitEqual("tagged after the snapshot", this::destinationTagged, () -> List.of(
                List.of("1", "[]", "[]", "both null"), List.of("2", "[]", "[]", "empty"),
                List.of("3", "['a',NULL,'b c']", "[1,NULL,3]", "null elements"), List.of("4", "['x']", "[]", "one null")));

        // updates that leave the TOASTed blob unchanged: the sink fills it from the destination
        pg.execute("UPDATE blobs SET name = 'renamed ' || id WHERE id <= 10",
                "INSERT INTO tagged VALUES (5, NULL, '{7}', 'streamed null')");
        awaitEqual("blobs after TOAST-unchanged updates", () -> destinationBlobs(false), RealWorkloadDefectsIT::sourceBlobs);
        awaitEqual("tagged after a streamed NULL array", () -> destinationTagged().subList(4, 5),
                () -> List.<List<String>>of(List.of("5", "[]", "[7]", "streamed null")));

        // key-only deletes: the soft-deleted rows keep their last values, bytes exact
        List<List<String>> before = sourceBlobs().subList(10, 20);
        pg.execute("DELETE FROM blobs WHERE id > 10");
        awaitEqual("soft-deleted blobs keep their last values", () -> destinationBlobs(true), () -> before);
    }

    private static List<List<String>> sourceBlobs() {
        return pg.queryRows("SELECT id::text, name, upper(encode(blob, 'hex')), length(blob)::text FROM blobs ORDER BY blobs.id");
    }

    private static List<List<String>> destinationBlobs(boolean deleted) {
        return clickhouse.query("SELECT toString(id), name, hex(blob), toString(length(blob)) FROM `" + database
                + "`.`blobs` FINAL WHERE _PEERDB_IS_DELETED = " + (deleted ? 1 : 0) + " ORDER BY id");
    }

    private List<List<String>> destinationTagged() {
        return clickhouse.query("SELECT toString(id), toString(tags), toString(counts), note FROM `" + database
                + "`.`tagged` FINAL WHERE _PEERDB_IS_DELETED = 0 ORDER BY id");
    }
}
