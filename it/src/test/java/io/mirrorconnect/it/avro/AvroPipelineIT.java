package io.mirrorconnect.it.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.it.fixtures.ApicurioRegistryFixture;
import io.mirrorconnect.it.fixtures.ClickHouseFixture;
import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.Fixtures;
import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * End to end with Avro: Postgres (embedded) -> pg-cdc-source -> Kafka, keys and values written by Apicurio's
 * AvroConverter in Confluent wire format against a real Apicurio Registry -> clickhouse-sink (same converter,
 * reading) -> ClickHouse. Snapshot, inserts, updates, deletes, updates leaving a TOASTed column unchanged, then
 * ADD COLUMN under BACKWARD compatibility (set on the subjects before the changes): the new value schema must be
 * registered as a second version and the destination must equal the source after each phase. The table keeps
 * the default replica identity, so deletes carry only the old key (in the value schema: docs/record-contract.md).
 */
class AvroPipelineIT {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final String MIRROR = "avm";
    private static final String TOPIC = MIRROR + ".public.items";
    private static PostgresFixture pg;
    private static ApicurioRegistryFixture registry;
    private static ConnectFixture connect;
    private static ClickHouseFixture clickhouse;
    private static String database;

    @BeforeAll
    static void start() {
        registry = ApicurioRegistryFixture.start();
        pg = PostgresFixture.start();
        clickhouse = ClickHouseFixture.start();
        connect = ConnectFixture.start("pg-cdc-source", "clickhouse-sink");
        database = clickhouse.createDatabase("avro");
    }

    @AfterAll
    static void stop() {
        Fixtures.closeAll(connect, clickhouse, pg, registry);
    }

    private static Map<String, String> converters() {
        return registry.converterConfig();
    }

    private static Map<String, String> sink(String table) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.mirrorconnect.clickhouse.ClickHouseSinkConnector");
        c.put("tasks.max", "1");
        c.put("mirror.name", MIRROR);
        c.put("topics", TOPIC);
        c.put("table.mapping", TOPIC + ":" + table);
        c.put("soft.delete", "true");
        c.putAll(clickhouse.sinkConnection(database));
        c.put("flush.interval.ms", "500");
        c.put("retry.backoff.ms", "200");
        c.put("retry.backoff.max.ms", "2000");
        c.putAll(converters());
        return c;
    }

    /** id, name, md5(body), length(body), amount, raw as hex, tags joined, ts as epoch µs, extra (when present). */
    private static List<List<String>> source(boolean extra) {
        return pg.queryRows("SELECT id::text, name, md5(body), length(body)::text, trim_scale(amount)::text, "
                + "encode(raw, 'hex'), array_to_string(tags, '|'), "
                + "(extract(epoch FROM ts) * 1000000)::bigint::text" + (extra ? ", extra::text" : "")
                + " FROM items ORDER BY items.id");
    }

    private static List<List<String>> destination(boolean extra) {
        return clickhouse.query("SELECT toString(id), name, lower(hex(MD5(body))), toString(lengthUTF8(body)), "
                + "toString(amount), lower(hex(raw)), arrayStringConcat(tags, '|'), "
                + "toString(toUnixTimestamp64Micro(ts))" + (extra ? ", toString(extra)" : "")
                + " FROM `" + database + "`.`items` FINAL WHERE _PEERDB_IS_DELETED = 0 ORDER BY id");
    }

    private static void awaitSame(boolean extra, String phase) {
        List<List<String>> expected = source(extra);
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<List<String>> last = null;
        RuntimeException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = destination(extra);
                lastError = null;
                if (last.equals(expected)) {
                    return;
                }
            } catch (RuntimeException notYet) {
                lastError = notYet;
            }
            sleep(500);
            assertConnectorsNotFailed();
        }
        if (lastError != null) {
            throw new AssertionError(phase + ": destination still failing", lastError);
        }
        assertThat(last).as(phase + ": destination vs the source").isEqualTo(expected);
    }

    private static void assertConnectorsNotFailed() {
        for (String c : List.of(MIRROR + "-source", MIRROR + "-sink")) {
            var s = connect.status(c);
            assertThat(s.tasks()).as(c + " tasks").allSatisfy(t ->
                    assertThat(t.state()).as(c + " task " + t.id() + ": " + t.trace()).isNotEqualTo("FAILED"));
        }
    }

    @Test
    void snapshotChangesAndAddColumnThroughTheRegistry() {
        pg.execute("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, body text, amount numeric(10,2), "
                        + "raw bytea, tags text[], ts timestamptz)",
                "INSERT INTO items SELECT g, 'name-' || g, "
                        + "CASE WHEN g % 10 = 0 THEN (SELECT string_agg(md5((g * 1000 + x)::text), '') "
                        + "FROM generate_series(1, 300) x) ELSE 'short ' || g END, g * 1.25, "
                        + "CASE WHEN g % 3 = 0 THEN NULL ELSE decode(lpad(to_hex(g), 8, '0') || '00ff', 'hex') END, "
                        + "ARRAY['t' || g, 'u'], timestamptz '2024-01-01 00:00:00.000001+00' + g * interval '1.5 s' "
                        + "FROM generate_series(1, 500) g");
        Map<String, String> src = pg.cdcSourceConfig(MIRROR, "public.items");
        src.putAll(converters());
        connect.configureConnector(MIRROR + "-source", src);
        connect.configureConnector(MIRROR + "-sink", sink("items"));
        connect.awaitRunning(MIRROR + "-source", 1, WAIT);
        connect.awaitRunning(MIRROR + "-sink", 1, WAIT);
        awaitSame(false, "snapshot");

        String keySubject = TOPIC + "-key";
        String valueSubject = TOPIC + "-value";
        assertThat(registry.subjects()).contains(keySubject, valueSubject);
        assertThat(registry.versions(valueSubject)).hasSize(1);
        registry.setCompatibility(keySubject, "BACKWARD");
        registry.setCompatibility(valueSubject, "BACKWARD");
        assertThat(registry.compatibility(valueSubject)).isEqualTo("BACKWARD");

        pg.execute("INSERT INTO items VALUES (5001, 'new', 'new body', 1.5, '\\x00'::bytea, '{}', now())",
                "UPDATE items SET name = 'renamed', raw = '\\xdeadbeef' WHERE id BETWEEN 1 AND 50",
                // body is TOASTed out of line for ids divisible by 10: these updates leave it unchanged
                "UPDATE items SET amount = amount + 1 WHERE id % 10 = 0 AND id <= 300",
                "DELETE FROM items WHERE id BETWEEN 51 AND 60",
                "BEGIN; UPDATE items SET name = 'in tx' WHERE id = 70; DELETE FROM items WHERE id = 70; "
                        // a NULL array is left out: it stops the ClickHouse sink whatever the converter (issue 7,
                        // RealWorkloadDefectsIT); an empty one is fine
                        + "INSERT INTO items VALUES (70, 'reinserted', 'rebody', 7, NULL, '{}', NULL); COMMIT");
        awaitSame(false, "changes");
        assertThat(clickhouse.query("SELECT count() FROM `" + database + "`.`items` FINAL WHERE _PEERDB_IS_DELETED = 1"))
                .as("soft-deleted rows").isEqualTo(List.of(List.of("10")));

        pg.execute("ALTER TABLE items ADD COLUMN extra int",
                "UPDATE items SET extra = id * 2 WHERE id % 7 = 0",
                "UPDATE items SET name = 'after add' WHERE id % 20 = 0",
                "DELETE FROM items WHERE id BETWEEN 400 AND 410",
                "INSERT INTO items VALUES (6000, 'with extra', 'b', 0, '\\x01', '{a}', now(), 42)");
        awaitSame(true, "ADD COLUMN");

        List<Integer> versions = registry.versions(valueSubject);
        assertThat(versions).as("ADD COLUMN registered a second value schema under BACKWARD").hasSize(2);
        Schema first = nonNull(new Schema.Parser().parse(registry.schema(valueSubject, versions.get(0))));
        Schema second = nonNull(new Schema.Parser().parse(registry.schema(valueSubject, versions.get(1))));
        assertThat(first.getField("extra")).isNull();
        assertThat(second.getField("extra")).as("the new column").isNotNull();
        assertThat(second.getField("extra").defaultVal()).as("optional with default null, so BACKWARD holds")
                .isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
        assertThat(registry.compatibility(valueSubject)).isEqualTo("BACKWARD");
        assertThat(registry.versions(keySubject)).as("the key did not change").hasSize(1);
    }

    /**
     * A consumer that is not ours (plain Apache Avro, schema fetched by the id in the message from
     * {@code /apis/ccompat/v7/schemas/ids/<id>}) reads what pg-cdc-source wrote through the converter: every value of
     * every type exactly, and NULLs.
     */
    @Test
    void aForeignAvroConsumerDecodesEveryType() {
        pg.execute("CREATE TYPE mood AS ENUM ('sad', 'ok')",
                "CREATE TABLE every_type (id int PRIMARY KEY, c_int2 smallint, c_int8 bigint, c_num numeric(12,3), "
                        + "c_numfree numeric, c_float4 real, c_float8 double precision, c_bool boolean, c_text text, "
                        + "c_bytea bytea, c_uuid uuid, c_jsonb jsonb, c_date date, c_time time, c_ts timestamp, "
                        + "c_tstz timestamptz, c_interval interval, c_mood mood, c_int_arr int[], c_text_arr text[], "
                        + "c_num_arr numeric(5,2)[], \"Order Date\" date)",
                "INSERT INTO every_type VALUES (1, -32768, -9223372036854775808, -123456789.123, '1e-30', 1.5, "
                        + "'NaN', true, 'héllo', '\\x00ff0a', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', "
                        + "'{\"a\": [1, 2]}', '2024-02-29', '12:34:56.789012', '2024-01-02 03:04:05.123456', "
                        + "'2024-01-02 03:04:05.123456+02', '1 mon 2 days 00:00:03', 'ok', '{1,NULL,3}', "
                        + "'{a,\"b c\"}', '{1.50,-2.25}', '1969-12-31')",
                "INSERT INTO every_type (id) VALUES (2)");
        Map<String, String> src = pg.cdcSourceConfig("avt", "public.every_type");
        src.putAll(converters());
        connect.configureConnector("avt-source", src);
        connect.awaitRunning("avt-source", 1, WAIT);
        pg.execute("UPDATE every_type SET c_text = 'streamed', c_bytea = '\\x' WHERE id = 2");

        var records = connect.consume("avt.public.every_type", 3, WAIT);
        assertThat(records).hasSize(3);
        ForeignAvroReader reader = new ForeignAvroReader(registry::schemaById);
        Map<Integer, GenericRecord> rows = new java.util.TreeMap<>();
        for (var r : records) {
            GenericRecord key = (GenericRecord) reader.read(r.key());
            GenericRecord value = (GenericRecord) reader.read(r.value());
            assertThat(value.get("id")).isEqualTo(key.get("id"));
            rows.put((Integer) key.get("id"), value); // the streamed update of id 2 replaces its snapshot row
        }

        GenericRecord full = rows.get(1);
        Schema schema = full.getSchema();
        assertThat(schema.getFullName()).isEqualTo("avt.public.every_type.Value");
        assertThat(full.get("c_int2")).isEqualTo(-32768);
        assertThat(full.get("c_int8")).isEqualTo(Long.MIN_VALUE);
        Schema num = nonNull(schema.getField("c_num").schema());
        assertThat(num.getLogicalType()).isEqualTo(LogicalTypes.decimal(12, 3));
        assertThat(full.get("c_num")).isEqualTo(new BigDecimal("-123456789.123"));
        assertThat(full.get("c_numfree").toString()).isEqualTo("0.000000000000000000000000000001");
        assertThat(full.get("c_float4")).isEqualTo(1.5f);
        assertThat((Double) full.get("c_float8")).isNaN();
        assertThat(full.get("c_bool")).isEqualTo(true);
        assertThat(full.get("c_text").toString()).isEqualTo("héllo");
        assertThat(bytes(full.get("c_bytea"))).containsExactly(0x00, 0xff, 0x0a);
        assertThat(full.get("c_uuid").toString()).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(full.get("c_jsonb").toString()).isEqualTo("{\"a\": [1, 2]}");
        assertThat(nonNull(schema.getField("c_date").schema()).getLogicalType()).isEqualTo(LogicalTypes.date());
        assertThat(full.get("c_date")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(full.get("c_time")).as("µs since midnight").isEqualTo(45_296_789_012L);
        assertThat(nonNull(schema.getField("c_ts").schema()).getProp("connect.name"))
                .isEqualTo("io.mirrorconnect.time.TimestampMicros");
        assertThat(full.get("c_ts")).isEqualTo(micros(Instant.parse("2024-01-02T03:04:05.123456Z")));
        assertThat(full.get("c_tstz")).isEqualTo(micros(Instant.parse("2024-01-02T01:04:05.123456Z")));
        assertThat(full.get("c_interval").toString()).isEqualTo("P1M2DT3S");
        assertThat(full.get("c_mood").toString()).isEqualTo("ok");
        assertThat(list(full.get("c_int_arr"))).containsExactly(1, null, 3);
        assertThat(((List<?>) full.get("c_text_arr")).stream().map(String::valueOf)).containsExactly("a", "b c");
        assertThat(list(full.get("c_num_arr"))).containsExactly(new BigDecimal("1.50"), new BigDecimal("-2.25"));
        assertThat(full.get("Order_Date")).as("sanitized field name").isEqualTo(LocalDate.of(1969, 12, 31));
        assertThat(nonNull(schema.getField("Order_Date").schema()).getObjectProp("connect.parameters"))
                .asString().contains("mirror.source.column=Order Date");

        GenericRecord sparse = rows.get(2);
        assertThat(sparse.get("c_text").toString()).isEqualTo("streamed");
        assertThat(bytes(sparse.get("c_bytea"))).as("empty, not null").isEmpty();
        for (String f : List.of("c_int2", "c_num", "c_numfree", "c_date", "c_ts", "c_int_arr", "c_mood", "Order_Date")) {
            assertThat(sparse.get(f)).as(f).isNull();
        }
        connect.deleteConnector("avt-source");
    }

    private static Schema nonNull(Schema s) {
        return s.getType() == Schema.Type.UNION ? s.getTypes().get(1) : s;
    }

    private static List<Object> list(Object avroArray) {
        return new java.util.ArrayList<>((List<?>) avroArray);
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    private static byte[] bytes(Object avroBytes) {
        ByteBuffer b = ((ByteBuffer) avroBytes).duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
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
