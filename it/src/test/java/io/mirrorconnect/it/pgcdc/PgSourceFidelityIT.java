package io.mirrorconnect.it.pgcdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.SchemaConventions;
import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.Fixtures;
import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * The source's value fidelity through a real Connect worker (plugin archive, JsonConverter, Kafka broker) on
 * Postgres 17: a table of the type-fidelity suite's hardest shapes (multi-dimensional arrays with NULL elements,
 * every byte 0x00-0xFF, 1 MiB bytea, 60-digit numerics, BC dates, special values under {@code special.values =
 * null}, an enum label added while streaming, a table and columns named with spaces, quotes and upper case) goes
 * through the snapshot and the stream, and every field read back from Kafka is compared with an oracle Postgres
 * computes from the stored value. pg-cdc-source's PgValueFidelityIT covers the full list without Kafka.
 */
class PgSourceFidelityIT {
    static ConnectFixture connect;
    static PostgresFixture pg;

    /** Records up to 8 MiB: a 1 MiB bytea is about 1.4 MB of JSON, above Kafka's 1 MB defaults. */
    static final String MAX_BYTES = Integer.toString(8 << 20);

    @BeforeAll
    static void start() {
        pg = PostgresFixture.start("17", false);
        connect = ConnectFixture.start(Map.of("producer.max.request.size", MAX_BYTES), "pg-cdc-source");
    }

    @AfterAll
    static void stop() {
        Fixtures.closeAll(connect, pg);
    }

    enum Render { PLAIN, DECIMAL, HEX, DAYS, JSON, MD5 }

    record Col(String sqlName, String type, String oracle, Render render) {
        String column() {
            return sqlName.startsWith("\"") ? sqlName.substring(1, sqlName.length() - 1).replace("\"\"", "\"") : sqlName;
        }
    }

    static final String TABLE = "public.\"Fid \"\"Shapes\"\" UP\"";
    static final String EPOCH_MICROS = "(extract(epoch from %s) * 1000000)::numeric(40,0)::text";

    static final List<Col> COLS = List.of(
            new Col("\"Text \"\"Col\"\"\"", "text", "%s", Render.PLAIN),
            new Col("b", "bytea", "encode(%s, 'hex')", Render.HEX),
            new Col("big", "bytea", "md5(%s)", Render.MD5),
            new Col("n", "numeric", "%s::text", Render.PLAIN),
            new Col("n38", "numeric(38,4)", "CASE WHEN %1$s = 'NaN' THEN NULL ELSE %1$s::text END", Render.DECIMAL),
            new Col("d", "date", "CASE WHEN isfinite(%1$s) THEN (%1$s - date '1970-01-01')::text END", Render.DAYS),
            new Col("tstz", "timestamptz", "CASE WHEN isfinite(%1$s) THEN "
                    + EPOCH_MICROS.replace("%s", "%1$s") + " END", Render.PLAIN),
            new Col("iv", "interval", "%s::text", Render.PLAIN),
            new Col("m", "fid_mood", "%s::text", Render.PLAIN),
            new Col("ma", "fid_mood[]", "array_to_json(%s)::text", Render.JSON),
            new Col("a2", "int[][]", "array_to_json(%s)::text", Render.JSON),
            new Col("t2", "text[][]", "array_to_json(%s)::text", Render.JSON),
            new Col("\"UPPER Case\"", "int", "%s::text", Render.PLAIN));

    static String everyByte() {
        return "(SELECT string_agg(set_byte('\\x00'::bytea, 0, b), ''::bytea ORDER BY b) FROM generate_series(0, 255) b)";
    }

    static final String MIB = "(SELECT string_agg(decode(md5(g::text), 'hex'), ''::bytea) FROM generate_series(1, 65536) g)";

    static final List<List<String>> ROWS = List.of(
            List.of("NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL",
                    "NULL"),
            List.of("''", "'\\x'", "'\\x'", "0", "0", "'1970-01-01'", "'1970-01-01 00:00:00+00'", "'0'", "'sad'",
                    "'{}'", "'{}'", "'{}'", "0"),
            List.of("E'tab\\tnl\\ncr\\r\\x01 \\\\ \"q\" 漢字 😀'", everyByte(), MIB,
                    "'-123456789012345678901234567890.123456789012345678901234567890'",
                    "'-9999999999999999999999999999999999.9999'", "'4713-01-01 BC'", "'2024-03-10 02:30:00.000001-08'",
                    "'1 year -2 mons +3 days -04:05:06.789'", "'happy'", "'{sad,NULL,happy}'",
                    "'[0:1][-1:0]={{1,NULL},{3,4}}'", "'{{\"a,b\",NULL},{\"\",\"}\\\"\"}}'", "-2147483648"),
            List.of("'x'", "'\\x00ff'", "NULL", "'NaN'", "'NaN'", "'infinity'", "'-infinity'", "NULL", "NULL", "NULL",
                    "'{{1}}'", "NULL", "NULL"));

    static String insert(int id, List<String> literals) {
        StringBuilder sb = new StringBuilder("INSERT INTO " + TABLE + " (id");
        COLS.forEach(c -> sb.append(", ").append(c.sqlName()));
        sb.append(") VALUES (").append(id);
        literals.forEach(l -> sb.append(", ").append(l));
        return sb.append(')').toString();
    }

    @Test
    void hardShapesSurviveTheWorkerAndKafkaFromSnapshotAndStream() throws Exception {
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + TABLE + " (id int PRIMARY KEY");
        COLS.forEach(c -> ddl.append(", ").append(c.sqlName()).append(' ').append(c.type()));
        pg.execute("CREATE TYPE fid_mood AS ENUM ('sad', 'happy')", ddl.append(')').toString());
        for (int i = 0; i < ROWS.size(); i++) {
            pg.execute(insert(i + 1, ROWS.get(i)));
        }
        String mirror = "fidw";
        String topic = mirror + ".public.Fid__Shapes__UP";
        connect.cluster().kafka().createTopic(topic, 1, 1, Map.of("max.message.bytes", MAX_BYTES));
        Map<String, String> cfg = pg.cdcSourceConfig(mirror, TABLE);
        cfg.put("special.values", "null");
        connect.configureConnector(mirror, cfg);
        TopicReader reader = new TopicReader(connect, topic);
        try {
            connect.awaitRunning(mirror, 1, Duration.ofMinutes(2));
            reader.untilCount(ROWS.size());
            for (int i = 0; i < ROWS.size(); i++) {
                pg.execute(insert(i + 101, ROWS.get(i)));
            }
            // a label added while streaming, used in a scalar and an array
            pg.execute("ALTER TYPE fid_mood ADD VALUE 'calm' BEFORE 'happy'",
                    "INSERT INTO " + TABLE + " (id, m, ma) VALUES (200, 'calm', '{calm,NULL}')");
            List<Change> all = reader.until(cs -> cs.stream().anyMatch(c -> c.key().getInt32("id") == 200),
                    Duration.ofMinutes(3));
            assertThat(all).filteredOn(c -> c.op() == ChangeOp.SNAPSHOT).hasSize(ROWS.size());
            assertThat(all).filteredOn(c -> c.op() == ChangeOp.INSERT).hasSize(ROWS.size() + 1);
            assertThat(mismatches(all)).as("mismatches").isEmpty();
            Struct calm = all.get(all.size() - 1).valueStruct();
            assertThat(calm.schema().field("m").schema().parameters()).containsEntry("allowed", "sad,calm,happy");
        } finally {
            reader.close();
            connect.deleteConnector(mirror);
        }
    }

    static List<String> mismatches(List<Change> changes) throws Exception {
        StringBuilder q = new StringBuilder("SELECT id");
        for (Col c : COLS) {
            q.append(", ").append(String.format(c.oracle(), c.sqlName()));
        }
        q.append(" FROM ").append(TABLE);
        Map<Integer, Map<String, String>> expected = new HashMap<>();
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            st.execute("SET IntervalStyle = 'iso_8601'");
            try (ResultSet rs = st.executeQuery(q.toString())) {
                while (rs.next()) {
                    Map<String, String> row = new HashMap<>();
                    for (int i = 0; i < COLS.size(); i++) {
                        row.put(COLS.get(i).sqlName(), rs.getString(i + 2));
                    }
                    expected.put(rs.getInt(1), row);
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (Change ch : changes) {
            Struct v = ch.valueStruct();
            int id = v.getInt32("id");
            for (Col c : COLS) {
                Field f = v.schema().fields().stream()
                        .filter(x -> c.column().equals(SchemaConventions.columnName(x))).findFirst().orElse(null);
                String got = f == null ? "<no field>" : render(v.get(f), c.render());
                String exp = expected.get(id).get(c.sqlName());
                if (!Objects.equals(exp, got)) {
                    out.add("id " + id + " (" + ch.op() + ") column " + c.sqlName() + " " + c.type() + ": source "
                            + abbreviate(exp) + " but record " + abbreviate(got));
                }
            }
        }
        return out;
    }

    static String abbreviate(String s) {
        return s == null || s.length() < 200 ? s : s.substring(0, 200) + "...(" + s.length() + " chars)";
    }

    static String render(Object v, Render r) throws Exception {
        if (v == null) {
            return null;
        }
        return switch (r) {
            case DECIMAL -> ((BigDecimal) v).toPlainString();
            case HEX -> HexFormat.of().formatHex(bytes(v));
            case DAYS -> Long.toString(Math.floorDiv(((java.util.Date) v).getTime(), 86_400_000L));
            case JSON -> json(v);
            case MD5 -> HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : bytes(v)));
            default -> v.toString();
        };
    }

    static byte[] bytes(Object v) {
        if (v instanceof ByteBuffer bb) {
            byte[] b = new byte[bb.remaining()];
            bb.duplicate().get(b);
            return b;
        }
        return (byte[]) v;
    }

    /** A list as Postgres's {@code array_to_json} prints it. */
    static String json(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(json(l.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof String s) {
            StringBuilder sb = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\b' -> sb.append("\\b");
                    case '\f' -> sb.append("\\f");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                }
            }
            return sb.append('"').toString();
        }
        return v.toString();
    }
}
