package io.mirrorconnect.it.clickhousesink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.ddl.compiler.ConsumerOverrides;
import io.mirrorconnect.it.fixtures.ClickHouseFixture;
import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.Fixtures;
import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * Scale-out (docs/sink-core.md, "Several tasks, one table"): pg-cdc-source creates its topic with 4 partitions
 * ({@code topic.creation.default.partitions}, as mirror-ddl compiles {@code topic_partitions = 4}) and 2
 * clickhouse-sink tasks write one table. Snapshot, inserts, updates (some leaving a TOASTed column unchanged),
 * key-changing updates, deletes, a TRUNCATE in the middle of a change stream (and one inside a transaction between
 * inserts), then changes after it: after each phase, once the sink has committed every record of every partition,
 * the destination equals the source row for row.
 */
class SinkScaleOutIT {
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String MIRROR = "scaled";
    private static final String TOPIC = MIRROR + ".public.items";
    private static final int PARTITIONS = 4;
    private static PostgresFixture pg;
    private static ConnectFixture connect;
    private static ClickHouseFixture clickhouse;
    private static String database;
    private static Admin admin;

    @BeforeAll
    static void start() {
        pg = PostgresFixture.start();
        clickhouse = ClickHouseFixture.start();
        connect = ConnectFixture.start("pg-cdc-source", "clickhouse-sink");
        database = clickhouse.createDatabase("scaleout");
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connect.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        Fixtures.closeAll(connect, clickhouse, pg);
    }

    private static Map<String, String> source() {
        Map<String, String> c = pg.cdcSourceConfig(MIRROR, "public.items");
        c.put("topic.creation.default.partitions", String.valueOf(PARTITIONS));
        c.put("topic.creation.default.replication.factor", "-1");
        return c;
    }

    private static Map<String, String> sink() {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.mirrorconnect.clickhouse.ClickHouseSinkConnector");
        c.put("tasks.max", "2");
        c.put("mirror.name", MIRROR);
        c.put("topics", TOPIC);
        c.put("table.mapping", TOPIC + ":items");
        c.putAll(clickhouse.sinkConnection(database));
        c.put("flush.interval.ms", "300");
        c.put("retry.backoff.ms", "200");
        c.put("retry.backoff.max.ms", "2000");
        // what mirror-ddl compiles into every sink (among them: no topic auto-creation by the sink's consumer)
        ConsumerOverrides.defaults().values().forEach((k, v) -> c.put(ConsumerOverrides.PREFIX + k, v));
        return c;
    }

    /** Waits until the topic exists (the source creates it with its first record). */
    private static void awaitTopic() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!admin.listTopics().names().get().contains(TOPIC) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private static List<List<String>> sourceRows() {
        return pg.queryRows("SELECT id::text, name, md5(body), trim_scale(amount)::text FROM items ORDER BY items.id");
    }

    private static List<List<String>> destinationRows() {
        return clickhouse.query("SELECT toString(id), name, lower(hex(MD5(body))), toString(amount) FROM `" + database
                + "`.`items` FINAL ORDER BY id");
    }

    /** Partition → end offset of the topic. */
    private static Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            request.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
        }
        return admin.listOffsets(request).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Partition → offset the sink's consumer group committed (the sink commits only what is durably written). */
    private static Map<TopicPartition, Long> committed() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets("connect-" + MIRROR + "-sink")
                .partitionsToOffsetAndMetadata().get();
        return m.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /**
     * Waits until the destination equals the source, then until the sink committed every partition up to the
     * topic's end (so no record is still on its way: a row resurrected by a late, older write would show now), and
     * compares once more.
     */
    private static void awaitSame(String phase) throws Exception {
        List<List<String>> expected = sourceRows();
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<List<String>> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = destinationRows();
                if (last.equals(expected) && committed().equals(endOffsets())) {
                    break;
                }
            } catch (RuntimeException notYet) {
                last = null;
            }
            Thread.sleep(300);
        }
        assertThat(committed()).as(phase + ": the sink committed every record of every partition")
                .isEqualTo(endOffsets());
        assertThat(destinationRows()).as(phase + ": destination vs source").isEqualTo(expected);
    }

    @Test
    void twoSinkTasksOnFourPartitionsConvergeThroughChangesAndTruncates() throws Exception {
        pg.execute("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, body text, amount numeric(10,2))",
                "INSERT INTO items SELECT g, 'name-' || g, "
                        + "CASE WHEN g % 10 = 0 THEN (SELECT string_agg(md5((g * 1000 + x)::text), '') "
                        + "FROM generate_series(1, 300) x) ELSE 'short ' || g END, g * 1.25 FROM generate_series(1, 400) g");
        // the sink first, as a user may create it (or as it may restart before the source produced): its consumer
        // subscribes to a topic that does not exist yet and must not create it with the broker's default of one
        // partition (auto.create.topics.enable is on, Kafka's default)
        connect.configureConnector(MIRROR + "-sink", sink());
        connect.awaitRunning(MIRROR + "-sink", 2, WAIT);
        connect.configureConnector(MIRROR + "-source", source());
        connect.awaitRunning(MIRROR + "-source", 1, WAIT);
        awaitTopic();
        assertThat(admin.describeTopics(Set.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions())
                .as("the source created the topic with topic.creation.default.partitions").hasSize(PARTITIONS);
        awaitSame("snapshot");
        assertThat(endOffsets().values()).as("keyed records spread over every partition").allMatch(o -> o > 0);

        pg.execute("INSERT INTO items SELECT g, 'new-' || g, 'new body', 1.5 FROM generate_series(401, 420) g",
                "UPDATE items SET name = 'renamed' WHERE id BETWEEN 1 AND 40",
                // body is TOASTed out of line for ids divisible by 10: these updates leave it unchanged
                "UPDATE items SET amount = amount + 1 WHERE id % 10 = 0 AND id <= 200",
                // key-changing updates: the old key's delete and the new key's row land in different partitions
                "UPDATE items SET id = id + 1000 WHERE id BETWEEN 41 AND 48",
                "UPDATE items SET id = 45 WHERE id = 1045",
                "DELETE FROM items WHERE id BETWEEN 51 AND 60",
                "BEGIN; UPDATE items SET name = 'in tx' WHERE id = 70; DELETE FROM items WHERE id = 70; "
                        + "INSERT INTO items VALUES (70, 'reinserted', 'rebody', 7); COMMIT");
        awaitSame("changes");
        Map<TopicPartition, Long> beforeTruncate = endOffsets();

        // a TRUNCATE in the middle of a change stream: changes to every partition before it, inserts after it
        pg.execute("UPDATE items SET name = 'before truncate' WHERE id % 3 = 0",
                "DELETE FROM items WHERE id % 7 = 0",
                "TRUNCATE items",
                "INSERT INTO items SELECT g, 'after-' || g, 'body ' || g, g FROM generate_series(1, 60) g",
                "UPDATE items SET name = 'updated after truncate' WHERE id % 4 = 0",
                "DELETE FROM items WHERE id % 9 = 0");
        awaitSame("TRUNCATE mid-stream");
        Map<TopicPartition, Long> afterTruncate = endOffsets();
        assertThat(afterTruncate.keySet()).allMatch(tp -> afterTruncate.get(tp) > beforeTruncate.get(tp));

        // a TRUNCATE inside a transaction, between inserts, then changes after it
        pg.execute("BEGIN; INSERT INTO items VALUES (500, 'gone', 'x', 1); TRUNCATE items; "
                        + "INSERT INTO items SELECT g, 'tx-' || g, 'b', g FROM generate_series(100, 140) g; COMMIT",
                "UPDATE items SET id = id + 100 WHERE id BETWEEN 100 AND 105",
                "UPDATE items SET amount = 0 WHERE id % 2 = 0",
                "DELETE FROM items WHERE id BETWEEN 130 AND 135",
                "INSERT INTO items VALUES (7, 'last', 'last body', 7)");
        awaitSame("TRUNCATE in a transaction, then changes");
    }
}
