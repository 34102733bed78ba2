package io.mirrorconnect.it.clickhousesink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.SchemaConventions;
import io.mirrorconnect.it.fixtures.ClickHouseFixture;
import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.Fixtures;

/**
 * The ClickHouse sink on a real Connect worker (loaded from its plugin archive) writing to the ClickHouse engine:
 * contract records produced to Kafka directly (no Postgres), the destination compared with a model of the source
 * table, for soft and hard delete, then a replay (consumer group reset) and a destination outage.
 */
class ClickHouseSinkIT {
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static ConnectFixture connect;
    private static ClickHouseFixture clickhouse;
    private static String database;

    @BeforeAll
    static void start() {
        clickhouse = ClickHouseFixture.start();
        connect = ConnectFixture.start("clickhouse-sink");
        database = clickhouse.createDatabase("sink_it");
    }

    @AfterAll
    static void stop() {
        Fixtures.closeAll(connect, clickhouse);
    }

    /** The source table {@code items(id int primary key, name text, body text [, extra text])} and its changes. */
    static final class Source {
        final String topic;
        final Schema key;
        final Schema v1;
        final Schema v2;
        /** id -> [id, name, body, extra]; the source's current rows. */
        final Map<Integer, List<String>> rows = new TreeMap<>();
        /** id -> last values of deleted rows (what a soft delete keeps). */
        final Map<Integer, List<String>> deleted = new TreeMap<>();
        final ContractProducer producer;

        Source(String topic, ContractProducer producer) {
            this.topic = topic;
            this.producer = producer;
            key = SchemaBuilder.struct().name(SchemaConventions.keySchemaName(topic))
                    .field("id", SchemaBuilder.int32().parameter(SchemaConventions.SOURCE_TYPE, "integer")
                            .parameter(SchemaConventions.SOURCE_NULLABLE, "false").build()).build();
            SchemaBuilder b1 = base();
            v1 = b1.build();
            SchemaBuilder b2 = base();
            b2.field("extra", text());
            v2 = b2.build();
        }

        private SchemaBuilder base() {
            return SchemaBuilder.struct().name(SchemaConventions.valueSchemaName(topic)).optional()
                    .field("id", SchemaBuilder.int32().optional().parameter(SchemaConventions.SOURCE_TYPE, "integer")
                            .parameter(SchemaConventions.SOURCE_NULLABLE, "false").build())
                    .field("name", text())
                    .field("body", text());
        }

        private static Schema text() {
            return SchemaBuilder.string().optional().parameter(SchemaConventions.SOURCE_TYPE, "text").build();
        }

        Struct keyOf(int id) {
            return new Struct(key).put("id", id);
        }

        /** A full-row change (snapshot, insert, update), or an update with {@code toast} unchanged (sent as null). */
        void upsert(ChangeOp op, long version, int id, String name, String body, boolean v2Schema, String extra,
                    String... toast) {
            Struct value = new Struct(v2Schema ? v2 : v1).put("id", id).put("name", name).put("body", body);
            if (v2Schema) {
                value.put("extra", extra);
            }
            List<String> old = rows.get(id);
            List<String> now = new ArrayList<>(ContractProducer.row(id, name, body, v2Schema ? extra : null));
            for (String f : toast) {
                int i = List.of("id", "name", "body", "extra").indexOf(f);
                now.set(i, old.get(i));
                value.put(f, null);
            }
            rows.put(id, now);
            deleted.remove(id);
            producer.send(topic, op, version, keyOf(id), value, toast);
        }

        void delete(long version, int id) {
            deleted.put(id, rows.remove(id));
            producer.send(topic, ChangeOp.DELETE, version, keyOf(id), keyOf(id));
        }

        /** A change the source made earlier, arriving again late (a replayed old version): must not win. */
        void stale(long version, int id, String name) {
            Struct value = new Struct(v1).put("id", id).put("name", name).put("body", "stale");
            producer.send(topic, ChangeOp.UPDATE, version, keyOf(id), value);
        }
    }

    private static Map<String, String> sinkConfig(String name, String topic, String table, boolean softDelete) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.mirrorconnect.clickhouse.ClickHouseSinkConnector");
        c.put("tasks.max", "1");
        c.put("topics", topic);
        c.put("mirror.name", name);
        c.put("table.mapping", topic + ":" + table);
        c.put("soft.delete", String.valueOf(softDelete));
        c.putAll(clickhouse.sinkConnection(database));
        c.put("flush.interval.ms", "300");
        c.put("retry.backoff.ms", "200");
        c.put("retry.backoff.max.ms", "2000");
        c.put("max.retries", "1000");
        return c;
    }

    /** Live rows under FINAL (deleted ones excluded), as [id, name, body, extra] ([id, name, body] before ADD COLUMN). */
    private static List<List<String>> liveRows(String table, boolean extra) {
        return clickhouse.query("SELECT toString(id), name, body" + (extra ? ", extra" : "") + " FROM `" + database
                + "`.`" + table + "` FINAL WHERE _PEERDB_IS_DELETED = 0 ORDER BY id");
    }

    private static List<List<String>> deletedRows(String table) {
        return clickhouse.query("SELECT toString(id), name, body, extra FROM `" + database + "`.`" + table
                + "` FINAL WHERE _PEERDB_IS_DELETED = 1 ORDER BY id");
    }

    private static List<List<String>> expected(Map<Integer, List<String>> rows, boolean extra) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> r : rows.values()) {
            out.add(extra ? r : r.subList(0, 3));
        }
        return out;
    }

    /** Polls until {@code actual} equals {@code expected} (or the wait ends), then asserts equality. */
    private static <T> void awaitEqual(Supplier<T> actual, Supplier<T> expected, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = null;
        RuntimeException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = actual.get();
                lastError = null;
                if (last.equals(expected.get())) {
                    return;
                }
            } catch (RuntimeException notYet) {
                lastError = notYet; // table not created yet, or the server is restarting
            }
            sleep(250);
        }
        if (lastError != null) {
            throw new AssertionError(what + ": still failing after " + WAIT, lastError);
        }
        assertThat(last).as(what).isEqualTo(expected.get());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Snapshot, inserts, updates, key-only deletes, unchanged TOAST (filled within a batch and from the
     * destination), a late stale version, and ADD COLUMN, each phase awaited before the next.
     */
    private static void runScenario(Source src, String table, boolean softDelete) {
        // phase 1: snapshot (version 0) and the first streamed changes, partly in the same batch
        for (int id = 1; id <= 40; id++) {
            src.upsert(ChangeOp.SNAPSHOT, 0, id, "name-" + id, "body-" + id + "-" + "x".repeat(200), false, null);
        }
        src.upsert(ChangeOp.INSERT, 1000, 41, "inserted", "new body", false, null);
        src.upsert(ChangeOp.UPDATE, 1001, 2, "renamed", "body-2-changed", false, null);
        src.delete(1002, 3);
        src.upsert(ChangeOp.UPDATE, 1003, 4, "toast in batch", null, false, null, "body");
        src.producer.flush();
        awaitEqual(() -> liveRows(table, false), () -> expected(src.rows, false), "phase 1 live rows of " + table);

        // phase 2: changes whose missing values only the destination has
        src.upsert(ChangeOp.UPDATE, 2000, 5, "toast from destination", null, false, null, "body");
        src.delete(2001, 6);
        src.upsert(ChangeOp.UPDATE, 2002, 7, "plain update", "body-7-changed", false, null);
        src.stale(500, 2, "stale name"); // older than version 1001 already written
        // ADD COLUMN extra: the value schema grows
        src.upsert(ChangeOp.UPDATE, 2003, 8, "with extra", "body-8", true, "extra-8");
        src.upsert(ChangeOp.INSERT, 2004, 42, "inserted v2", "b42", true, "extra-42");
        src.upsert(ChangeOp.UPDATE, 2005, 9, "v2 toast", null, true, "extra-9", "body");
        src.delete(2006, 41);
        src.upsert(ChangeOp.INSERT, 2007, 3, "re-inserted", "body-3-again", true, null);
        src.producer.flush();
        awaitEqual(() -> liveRows(table, true), () -> expected(src.rows, true), "phase 2 live rows of " + table);
        if (softDelete) {
            assertThat(deletedRows(table)).as("soft-deleted rows keep their last values").isEqualTo(expected(src.deleted, true));
        } else {
            assertThat(clickhouse.query("SELECT count() FROM `" + database + "`.`" + table + "` FINAL WHERE id IN (6, 41)"))
                    .as("hard-deleted rows vanish under FINAL").isEqualTo(List.of(List.of("0")));
        }
    }

    @Test
    void softAndHardDeleteReplayAndOutage() throws Exception {
        try (ContractProducer producer = new ContractProducer(connect.producer());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connect.bootstrapServers()))) {
            String softTopic = "it.public.items_soft";
            String hardTopic = "it.public.items_hard";
            connect.createTopic(softTopic, 2);
            connect.createTopic(hardTopic, 2);
            connect.configureConnector("soft-sink", sinkConfig("soft", softTopic, "items_soft", true));
            connect.configureConnector("hard-sink", sinkConfig("hard", hardTopic, "items_hard", false));
            connect.awaitRunning("soft-sink", 1, WAIT);
            connect.awaitRunning("hard-sink", 1, WAIT);

            Source soft = new Source(softTopic, producer);
            Source hard = new Source(hardTopic, producer);
            runScenario(soft, "items_soft", true);
            runScenario(hard, "items_hard", false);

            assertThat(clickhouse.query("SELECT engine_full FROM system.tables WHERE database = '" + database
                    + "' AND name = 'items_hard'").get(0).get(0)).contains("ReplacingMergeTree(_PEERDB_VERSION, _PEERDB_IS_DELETED)");

            // replay: stop the sink, reset its consumer group to the start, run it again: nothing changes
            List<List<String>> before = clickhouse.query("SELECT toString(id), name, body, extra, _PEERDB_IS_DELETED, "
                    + "_PEERDB_VERSION FROM `" + database + "`.`items_soft` FINAL ORDER BY id");
            connect.deleteConnector("soft-sink");
            resetGroup(admin, "connect-soft-sink");
            connect.configureConnector("soft-sink", sinkConfig("soft", softTopic, "items_soft", true));
            connect.awaitRunning("soft-sink", 1, WAIT);
            awaitCaughtUp(admin, "connect-soft-sink", softTopic);
            assertThat(clickhouse.query("SELECT toString(id), name, body, extra, _PEERDB_IS_DELETED, "
                    + "_PEERDB_VERSION FROM `" + database + "`.`items_soft` FINAL ORDER BY id"))
                    .as("destination after replaying every offset").isEqualTo(before);

            // a restarted task whose first batch holds only a key-only delete: the row keeps its values
            connect.deleteConnector("soft-sink");
            soft.delete(2500, 11);
            producer.flush();
            connect.configureConnector("soft-sink", sinkConfig("soft", softTopic, "items_soft", true));
            connect.awaitRunning("soft-sink", 1, WAIT);
            awaitEqual(() -> deletedRows("items_soft"), () -> expected(soft.deleted, true), "deleted rows after a restart");

            // outage: the server goes away while changes arrive, and comes back
            if (!clickhouse.isExternal()) {
                clickhouse.stop();
                for (int id = 10; id <= 20; id++) {
                    soft.upsert(ChangeOp.UPDATE, 3000 + id, id, "during outage " + id, "body-" + id, true, "x" + id);
                }
                soft.delete(3100, 21);
                soft.upsert(ChangeOp.UPDATE, 3101, 22, "toast during outage", null, true, null, "body");
                producer.flush();
                sleep(3_000); // let the sink run into the outage and retry
                clickhouse.restart();
                awaitEqual(() -> liveRows("items_soft", true), () -> expected(soft.rows, true), "rows after the outage");
                assertThat(deletedRows("items_soft")).isEqualTo(expected(soft.deleted, true));
                assertThat(connect.status("soft-sink").tasks()).allSatisfy(t -> assertThat(t.state()).isEqualTo("RUNNING"));
            }
        }
    }

    @Test
    void recordsTheDestinationCannotTakeGoToTheDeadLetterQueue() throws Exception {
        String topic = "it.public.strict";
        String dlq = "it-dlq";
        connect.createTopic(topic, 1);
        Map<String, String> c = sinkConfig("strict", topic, "strict", true);
        c.put("errors.tolerance", "all");
        c.put("errors.deadletterqueue.topic.name", dlq);
        c.put("errors.deadletterqueue.topic.replication.factor", "1");
        c.put("errors.deadletterqueue.context.headers.enable", "true");
        connect.configureConnector("strict-sink", c);
        connect.awaitRunning("strict-sink", 1, WAIT);

        Schema key = SchemaBuilder.struct().name(SchemaConventions.keySchemaName(topic))
                .field("id", Schema.INT32_SCHEMA).build();
        Schema value = SchemaBuilder.struct().name(SchemaConventions.valueSchemaName(topic)).optional()
                .field("id", SchemaBuilder.int32().optional().parameter(SchemaConventions.SOURCE_NULLABLE, "false").build())
                .field("code", SchemaBuilder.string().optional().parameter(SchemaConventions.SOURCE_TYPE, "text")
                        .parameter(SchemaConventions.SOURCE_NULLABLE, "false").build())
                .build();
        try (ContractProducer producer = new ContractProducer(connect.producer())) {
            producer.send(topic, ChangeOp.INSERT, 10, new Struct(key).put("id", 1), new Struct(value).put("id", 1).put("code", "a"));
            // NOT NULL column without a value: ClickHouse's non-Nullable column cannot take it
            producer.send(topic, ChangeOp.INSERT, 11, new Struct(key).put("id", 2), new Struct(value).put("id", 2));
            producer.send(topic, ChangeOp.INSERT, 12, new Struct(key).put("id", 3), new Struct(value).put("id", 3).put("code", "c"));
            // a record without the contract's headers
            producer.sendWithoutHeaders(topic, new Struct(key).put("id", 4), new Struct(value).put("id", 4).put("code", "d"));
            producer.flush();
        }
        awaitEqual(() -> clickhouse.query("SELECT toString(id), code FROM `" + database + "`.`strict` FINAL ORDER BY id"),
                () -> List.of(List.of("1", "a"), List.of("3", "c")), "rows that could be written");
        var dead = connect.consume(dlq, 2, WAIT);
        assertThat(dead).hasSize(2);
        assertThat(dead).extracting(r -> new String(r.headers().lastHeader("__connect.errors.exception.message").value()))
                .anySatisfy(m -> assertThat(m).contains("offset 1").contains("column code"))
                .anySatisfy(m -> assertThat(m).contains("offset 3").contains("mirror.op"));
        assertThat(connect.status("strict-sink").tasks()).allSatisfy(t -> assertThat(t.state()).isEqualTo("RUNNING"));
    }

    @Test
    void appendKeepsEveryRecordAndUniqueKeyColumnsUpsertKeylessRecords() {
        String appendTopic = "it.public.log";
        String qrepTopic = "it.public.qrep";
        connect.createTopic(appendTopic, 1);
        connect.createTopic(qrepTopic, 1);
        Map<String, String> append = sinkConfig("log", appendTopic, "log", false);
        append.put("write.mode", "append");
        connect.configureConnector("log-sink", append);
        Map<String, String> qrep = sinkConfig("qrep", qrepTopic, "qrep", false);
        qrep.put("unique.key.columns", "code");
        connect.configureConnector("qrep-sink", qrep);
        connect.awaitRunning("log-sink", 1, WAIT);
        connect.awaitRunning("qrep-sink", 1, WAIT);

        Schema value = SchemaBuilder.struct().name("it.public.rows.Value").optional()
                .field("code", SchemaBuilder.string().optional().parameter(SchemaConventions.SOURCE_NULLABLE, "false").build())
                .field("n", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
        try (ContractProducer producer = new ContractProducer(connect.producer())) {
            for (String topic : List.of(appendTopic, qrepTopic)) {
                // query replication: no key, version 0, later partitions re-read rows
                producer.send(topic, ChangeOp.SNAPSHOT, 0, null, new Struct(value).put("code", "a").put("n", 1L));
                producer.send(topic, ChangeOp.SNAPSHOT, 0, null, new Struct(value).put("code", "b").put("n", 2L));
                producer.send(topic, ChangeOp.SNAPSHOT, 0, null, new Struct(value).put("code", "a").put("n", 3L));
            }
            producer.flush();
        }
        awaitEqual(() -> clickhouse.query("SELECT code, toString(n) FROM `" + database + "`.`log` ORDER BY n"),
                () -> List.of(List.of("a", "1"), List.of("b", "2"), List.of("a", "3")), "append: every record is a row");
        awaitEqual(() -> clickhouse.query("SELECT code, toString(n) FROM `" + database + "`.`qrep` FINAL ORDER BY code"),
                () -> List.of(List.of("a", "3"), List.of("b", "2")), "upsert by unique.key.columns: the later row wins");
        assertThat(clickhouse.query("SELECT engine FROM system.tables WHERE database = '" + database
                + "' AND name IN ('log', 'qrep') ORDER BY name"))
                .isEqualTo(List.of(List.of("MergeTree"), List.of("ReplacingMergeTree")));
    }

    private static void resetGroup(Admin admin, String group) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                admin.deleteConsumerGroups(List.of(group)).all().get();
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(500); // the old task's consumer is still leaving the group
            }
        }
    }

    /** Waits until the group's committed offsets reach the end of every partition of the topic. */
    private static void awaitCaughtUp(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < 2; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        awaitEqual(() -> {
            try {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, Long> out = new HashMap<>();
                for (TopicPartition tp : ends.keySet()) {
                    OffsetAndMetadata o = committed.get(tp);
                    out.put(tp, o == null ? -1L : o.offset());
                }
                return out;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, () -> ends, "committed offsets of " + group);
        assertThat(Set.copyOf(ends.keySet())).hasSize(2);
    }
}
