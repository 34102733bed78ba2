package io.mirrorconnect.it.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.SchemaConventions;
import io.mirrorconnect.it.clickhousesink.ContractProducer;
import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.FakesnowFixture;
import io.mirrorconnect.it.fixtures.Fixtures;

/**
 * The write modes other than CDC upserts, with contract records produced straight to Kafka (as query replication
 * sends them: no key, version 0) and snowflake-sink loaded from its archive: {@code append} keeps every record,
 * unique-key upsert ({@code unique.key.columns}) keeps the later re-read of a row, {@code overwrite} empties the
 * table when its partition is read again from offset 0 (so a replay leaves one copy).
 */
class SnowflakeSinkModesIT {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final String DB = "MODES_IT";
    private static FakesnowFixture fakesnow;
    private static ConnectFixture connect;

    @BeforeAll
    static void start() {
        fakesnow = FakesnowFixture.start();
        connect = ConnectFixture.start("snowflake-sink");
    }

    @AfterAll
    static void stop() {
        Fixtures.closeAll(connect, fakesnow);
    }

    private static Map<String, String> sink(String name, String topic, String mode) {
        Map<String, String> c = new HashMap<>(fakesnow.sinkConnection(DB));
        c.put("connector.class", "io.mirrorconnect.snowflake.SnowflakeSinkConnector");
        c.put("tasks.max", "1");
        c.put("mirror.name", name);
        c.put("topics", topic);
        c.put("table.mapping", topic + ":" + name);
        c.put("write.mode", mode);
        c.put("flush.interval.ms", "500");
        return c;
    }

    private static List<List<String>> rows(String table, String order) {
        return fakesnow.query(DB, "SELECT \"code\", \"n\" FROM \"" + DB + "\".\"PUBLIC\".\"" + table + "\" ORDER BY " + order);
    }

    private static void awaitEqual(Supplier<List<List<String>>> actual, List<List<String>> expected, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<List<String>> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = actual.get();
                if (last.equals(expected)) {
                    return;
                }
            } catch (IllegalStateException notThereYet) {
                // table not created yet
            }
            PostgresToSnowflakeIT.sleep(500);
        }
        assertThat(last).as(what).isEqualTo(expected);
    }

    @Test
    void appendUniqueKeyUpsertAndOverwrite() {
        String log = "it.public.log";
        String qrep = "it.public.qrep";
        String snap = "it.public.snap";
        for (String t : List.of(log, qrep, snap)) {
            connect.createTopic(t, 1);
        }
        connect.configureConnector("log-sink", sink("log", log, "append"));
        Map<String, String> unique = sink("qrep", qrep, "upsert");
        unique.put("unique.key.columns", "code");
        connect.configureConnector("qrep-sink", unique);
        connect.configureConnector("snap-sink", sink("snap", snap, "overwrite"));
        for (String s : List.of("log-sink", "qrep-sink", "snap-sink")) {
            connect.awaitRunning(s, 1, WAIT);
        }
        Schema value = SchemaBuilder.struct().name("it.public.rows.Value").optional()
                .field("code", SchemaBuilder.string().optional().parameter(SchemaConventions.SOURCE_NULLABLE, "false").build())
                .field("n", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
        try (ContractProducer producer = new ContractProducer(connect.producer())) {
            for (String topic : List.of(log, qrep, snap)) {
                producer.send(topic, ChangeOp.SNAPSHOT, 0, null, new Struct(value).put("code", "a").put("n", 1L));
                producer.send(topic, ChangeOp.SNAPSHOT, 0, null, new Struct(value).put("code", "b").put("n", 2L));
                producer.send(topic, ChangeOp.SNAPSHOT, 0, null, new Struct(value).put("code", "a").put("n", 3L));
            }
            producer.flush();
        }
        List<List<String>> all = List.of(List.of("a", "1"), List.of("b", "2"), List.of("a", "3"));
        awaitEqual(() -> rows("log", "\"n\""), all, "append: every record is a row");
        awaitEqual(() -> rows("qrep", "\"code\""), List.of(List.of("a", "3"), List.of("b", "2")),
                "upsert by unique.key.columns: the later re-read of a row wins (equal versions)");
        awaitEqual(() -> rows("snap", "\"n\""), all, "overwrite: every record is a row");

        // overwrite: reading the partition again from offset 0 empties the table first
        SinkProgress.awaitCaughtUp(connect, "connect-snap-sink", WAIT);
        connect.cluster().stopConnector("snap-sink");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!"STOPPED".equals(connect.status("snap-sink").connector().state()) && System.nanoTime() < deadline) {
            PostgresToSnowflakeIT.sleep(200);
        }
        connect.cluster().resetConnectorOffsets("snap-sink");
        connect.cluster().resumeConnector("snap-sink");
        connect.awaitRunning("snap-sink", 1, WAIT);
        SinkProgress.awaitCaughtUp(connect, "connect-snap-sink", WAIT);
        assertThat(rows("snap", "\"n\"")).as("overwrite after a replay from offset 0: one copy").isEqualTo(all);
    }
}
