package io.mirrorconnect.pgcdc.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.ChangeHeaders;
import io.mirrorconnect.contract.ChangeMetadata;
import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.SchemaConventions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Value fidelity of the source on a real Postgres: the shapes of the shared type-fidelity suite (NULLs, empties,
 * boundaries, control characters, emoji, every byte, 60-digit numerics, BC dates, TOAST, multi-dimensional
 * arrays, enums growing while streaming, odd names, generated columns, special values) go through the snapshot
 * AND the stream, and every emitted field is compared with an oracle computed by Postgres itself from the stored
 * value (e.g. {@code encode(b,'hex')}, {@code extract(epoch ...)}, {@code array_to_json}). A mismatch names the
 * table, key, column and both values.
 */
class PgValueFidelityIT {
    static EmbeddedPostgres pg;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_wal_senders", "20")
                .setServerConfig("max_replication_slots", "20")
                .start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        pg.close();
    }

    // ---- the oracle ----

    /** How a record's field value is rendered to compare with the oracle's text. */
    enum Render { PLAIN, DECIMAL, HEX, DAYS, JSON, MD5, FLAT }

    /** A column: SQL name (quoted as needed), type, oracle SQL ({@code %s} = the column), rendering. */
    /**
     * A column: SQL name (quoted as needed), type, oracle SQL ({@code %s} = the column), rendering; for
     * {@link Render#FLAT} array columns, {@code element} renders each element of the flattened (row-major) array.
     */
    record Col(String sqlName, String type, String oracle, Render render, Render element) {
        Col(String sqlName, String type, String oracle, Render render) {
            this(sqlName, type, oracle, render, null);
        }

        static Col plain(String name, String type) {
            return new Col(name, type, "%s::text", Render.PLAIN);
        }

        /**
         * An array column compared element by element: the oracle is the elements' scalar oracle ({@code %s} =
         * the element), as text, in row-major order; the record's nested lists are flattened and each element
         * rendered with {@code element}.
         */
        static Col array(String name, String type, String elementOracle, Render element) {
            String oracle = "CASE WHEN %1$s IS NOT NULL THEN array_to_json(ARRAY(SELECT ("
                    + String.format(elementOracle, "x").replace("%", "%%") + ")::text FROM unnest(%1$s) WITH ORDINALITY u(x, o) "
                    + "ORDER BY o))::text END";
            return new Col(name, type, oracle, Render.FLAT, element);
        }

        /** {@link #array} over the column cast to {@code text[]} (each element's text form). */
        static Col arrayOfText(String name, String type) {
            Col c = array(name, type, "%s", Render.PLAIN);
            return new Col(name, type, c.oracle().replace("unnest(%1$s)", "unnest(%1$s::text[])"), Render.FLAT,
                    Render.PLAIN);
        }
    }

    static final String EPOCH_MICROS = "(extract(epoch from %s) * 1000000)::numeric(40,0)::text";

    static void sql(String... statements) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /** id -> column sqlName -> oracle text (null for SQL NULL). */
    static Map<Integer, Map<String, String>> oracle(String table, List<Col> cols) throws SQLException {
        StringBuilder q = new StringBuilder("SELECT id");
        for (Col c : cols) {
            q.append(", ").append(String.format(c.oracle(), c.sqlName()));
        }
        q.append(" FROM ").append(table);
        Map<Integer, Map<String, String>> out = new HashMap<>();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            st.execute("SET IntervalStyle = 'iso_8601'");
            try (ResultSet rs = st.executeQuery(q.toString())) {
                while (rs.next()) {
                    Map<String, String> row = new HashMap<>();
                    for (int i = 0; i < cols.size(); i++) {
                        row.put(cols.get(i).sqlName(), rs.getString(i + 2));
                    }
                    out.put(rs.getInt(1), row);
                }
            }
        }
        return out;
    }

    /** The field of a column: by name, or by its {@code mirror.source.column} parameter. */
    static Field field(Schema value, String column) {
        for (Field f : value.fields()) {
            if (f.name().equals(column) || column.equals(SchemaConventions.columnName(f))) {
                return f;
            }
        }
        return null;
    }

    static String unquote(String sqlName) {
        return sqlName.startsWith("\"") ? sqlName.substring(1, sqlName.length() - 1).replace("\"\"", "\"") : sqlName;
    }

    static String render(Object v, Render r) throws Exception {
        if (v == null) {
            return null;
        }
        switch (r) {
            case DECIMAL:
                return ((BigDecimal) v).toPlainString();
            case HEX:
                return HexFormat.of().formatHex(bytes(v));
            case DAYS:
                return Long.toString(Math.floorDiv(((java.util.Date) v).getTime(), 86_400_000L));
            case JSON:
                return json(v);
            case MD5:
                byte[] b = v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : bytes(v);
                return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
            default:
                return v.toString();
        }
    }

    /** Nested lists flattened row-major, each element rendered, as a JSON array of strings. */
    static String flat(Object v, Render element) throws Exception {
        if (v == null) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        flatten((List<?>) v, element, out);
        return json(out);
    }

    private static void flatten(List<?> l, Render element, List<Object> out) throws Exception {
        for (Object o : l) {
            if (o instanceof List<?> sub) {
                flatten(sub, element, out);
            } else {
                out.add(render(o, element));
            }
        }
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
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            return sb.append('"').toString();
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof java.util.Date d) {
            return Long.toString(Math.floorDiv(d.getTime(), 86_400_000L));
        }
        return v.toString();
    }

    /** Every mismatch between records (by id) and the oracle, as readable lines. */
    static List<String> mismatches(String table, List<Col> cols, List<SourceRecord> records) throws Exception {
        Map<Integer, Map<String, String>> expected = oracle(table, cols);
        List<String> out = new ArrayList<>();
        for (SourceRecord r : records) {
            Struct v = (Struct) r.value();
            int id = v.getInt32("id");
            Map<String, String> want = expected.get(id);
            if (want == null) {
                out.add(table + " id " + id + ": no such row in the source");
                continue;
            }
            for (Col c : cols) {
                Field f = field(v.schema(), unquote(c.sqlName()));
                if (f == null) {
                    out.add(table + " id " + id + " column " + c.sqlName() + ": no field in " + v.schema().fields());
                    continue;
                }
                String got;
                try {
                    got = c.render() == Render.FLAT ? flat(v.get(f), c.element()) : render(v.get(f), c.render());
                } catch (RuntimeException e) {
                    got = "<" + e + ">";
                }
                String exp = want.get(c.sqlName());
                if (!java.util.Objects.equals(exp, got)) {
                    out.add(table + " id " + id + " (" + meta(r).op() + ") column " + c.sqlName() + " " + c.type()
                            + ": source " + abbreviate(exp) + " but record " + abbreviate(got));
                }
            }
        }
        return out;
    }

    static String abbreviate(String s) {
        return s == null || s.length() < 200 ? s : s.substring(0, 200) + "...(" + s.length() + " chars)";
    }

    static String createTable(String table, List<Col> cols, String extra) {
        StringBuilder sb = new StringBuilder("CREATE TABLE " + table + " (id int PRIMARY KEY");
        for (Col c : cols) {
            sb.append(", ").append(c.sqlName()).append(' ').append(c.type());
        }
        return sb.append(extra).append(')').toString();
    }

    static String insert(String table, List<Col> cols, int id, List<String> literals) {
        StringBuilder sb = new StringBuilder("INSERT INTO " + table + " (id");
        cols.forEach(c -> sb.append(", ").append(c.sqlName()));
        sb.append(") VALUES (").append(id);
        literals.forEach(l -> sb.append(", ").append(l));
        return sb.append(')').toString();
    }

    static Map<String, String> config(String mirror, String tables) {
        Map<String, String> p = new HashMap<>();
        p.put("mirror.name", mirror);
        p.put("database.hostname", "localhost");
        p.put("database.port", Integer.toString(pg.getPort()));
        p.put("database.user", "postgres");
        p.put("database.dbname", "postgres");
        p.put("database.sslmode", "disable");
        p.put("table.include.list", tables);
        p.put("heartbeat.interval.ms", "500");
        return p;
    }

    static ChangeMetadata meta(SourceRecord r) {
        return ChangeHeaders.read(r.headers(), r.topic());
    }

    static long count(List<SourceRecord> rs, Predicate<SourceRecord> p) {
        return rs.stream().filter(p).count();
    }

    static boolean isSnapshot(SourceRecord r) {
        return meta(r).op() == ChangeOp.SNAPSHOT;
    }

    static boolean isInsert(SourceRecord r) {
        return meta(r).op() == ChangeOp.INSERT;
    }

    /**
     * Inserts {@code rows} (ids 1..n) before the task starts and again (ids 101..100+n) while it streams; returns
     * the harness (running) after every row arrived from both paths, and asserts no mismatch.
     */
    static TaskHarness snapshotAndStream(String mirror, String table, String include, List<Col> cols,
                                         List<List<String>> rows, Map<String, String> extraConfig) throws Exception {
        for (int i = 0; i < rows.size(); i++) {
            sql(insert(table, cols, i + 1, rows.get(i)));
        }
        Map<String, String> cfg = config(mirror, include);
        cfg.putAll(extraConfig);
        TaskHarness h = new TaskHarness();
        h.start(cfg);
        try {
            h.pollUntil(rs -> count(rs, PgValueFidelityIT::isSnapshot) >= rows.size(), 200);
            for (int i = 0; i < rows.size(); i++) {
                sql(insert(table, cols, i + 101, rows.get(i)));
            }
            h.pollUntil(rs -> count(rs, PgValueFidelityIT::isInsert) >= rows.size(), 200);
            List<String> bad = mismatches(table, cols, h.delivered);
            assertThat(bad).as("mismatches").isEmpty();
            // the same stored value gives the same field through both paths
            Map<Integer, Struct> byId = new HashMap<>();
            h.delivered.forEach(r -> byId.put(((Struct) r.value()).getInt32("id"), (Struct) r.value()));
            for (int i = 1; i <= rows.size(); i++) {
                Struct snap = byId.get(i);
                Struct streamed = byId.get(i + 100);
                assertThat(streamed.schema().fields()).isEqualTo(snap.schema().fields());
                for (Field f : snap.schema().fields()) {
                    if (!f.name().equals("id")) {
                        assertThat(deep(streamed.get(f))).as("row %s field %s", i, f.name())
                                .isEqualTo(deep(snap.get(f)));
                    }
                }
            }
            return h;
        } catch (Throwable t) {
            h.stop();
            throw t;
        }
    }

    /** A value comparable with equals(): byte arrays (also inside lists) as ByteBuffers. */
    static Object deep(Object v) {
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(o -> out.add(deep(o)));
            return out;
        }
        return v instanceof byte[] b ? ByteBuffer.wrap(b) : v;
    }

    static String everyByte() {
        return "(SELECT string_agg(set_byte('\\x00'::bytea, 0, b), ''::bytea ORDER BY b) FROM generate_series(0, 255) b)";
    }

    // ---- the tests ----

    static final List<Col> SHAPES = List.of(
            new Col("t", "text", "%s", Render.PLAIN),
            new Col("vc", "varchar(20)", "%s", Render.PLAIN),
            new Col("ch", "char(5)", "%s", Render.PLAIN),
            new Col("b", "bytea", "encode(%s, 'hex')", Render.HEX),
            Col.plain("n", "numeric"),
            new Col("n38", "numeric(38,4)", "%s::text", Render.DECIMAL),
            new Col("n102", "numeric(10,2)", "%s::text", Render.DECIMAL),
            Col.plain("i2", "smallint"),
            Col.plain("i8", "bigint"),
            Col.plain("bo", "boolean"),
            new Col("d", "date", "(%s - date '1970-01-01')::text", Render.DAYS),
            new Col("ts", "timestamp", EPOCH_MICROS, Render.PLAIN),
            new Col("tstz", "timestamptz", EPOCH_MICROS, Render.PLAIN),
            new Col("tm", "time", EPOCH_MICROS, Render.PLAIN),
            new Col("tmtz", "timetz", "regexp_replace(%s::text, '([+-][0-9]{2})$', '\\1:00')", Render.PLAIN),
            Col.plain("iv", "interval"),
            Col.plain("js", "json"),
            Col.plain("jb", "jsonb"),
            Col.plain("u", "uuid"),
            new Col("ip", "inet", "%s", Render.PLAIN),
            Col.plain("cn", "cidr"),
            Col.plain("mac", "macaddr"),
            Col.plain("mac8", "macaddr8"),
            Col.plain("m", "fid_mood"),
            Col.plain("di", "fid_int"),
            new Col("dn", "fid_amount", "%s::text", Render.DECIMAL),
            Col.plain("comp", "fid_pair"),
            new Col("ia", "int[]", "array_to_json(%s)::text", Render.JSON),
            new Col("ta", "text[]", "array_to_json(%s)::text", Render.JSON),
            new Col("ma", "fid_mood[]", "array_to_json(%s)::text", Render.JSON),
            new Col("\"Mixed \"\"Quoted\"\" Col\"", "text", "%s", Render.PLAIN));

    static List<String> nulls(int n) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add("NULL");
        }
        return l;
    }

    static final String SIXTY = "123456789012345678901234567890.123456789012345678901234567890";

    @Test
    void everyShapeArrivesIntactFromSnapshotAndStream() throws Exception {
        sql("CREATE TYPE fid_mood AS ENUM ('sad', 'ok', 'happy')",
                "CREATE DOMAIN fid_int AS int",
                "CREATE DOMAIN fid_amount AS numeric(12,3)",
                "CREATE TYPE fid_pair AS (a int, b text, at timestamptz)",
                createTable("shapes", SHAPES, ", gen int GENERATED ALWAYS AS (i2 * 2) STORED"));
        List<List<String>> rows = List.of(
                nulls(SHAPES.size()),
                List.of("''", "''", "''", "'\\x'", "0", "0", "0", "0", "0", "false", "'1970-01-01'",
                        "'1970-01-01 00:00:00'", "'1970-01-01 00:00:00+00'", "'00:00:00'", "'00:00:00+00'", "'0'",
                        "'{}'", "'[]'", "'00000000-0000-0000-0000-000000000000'", "'0.0.0.0'", "'0.0.0.0/0'",
                        "'00:00:00:00:00:00'", "'00:00:00:00:00:00:00:00'", "'sad'", "0", "0", "'(,,)'", "'{}'",
                        "'{}'", "'{}'", "''"),
                List.of("E'tab\\there\\nnew\\rline\\x01\\x1f\\x7f back\\\\slash \"q\" ''s'",
                        "'漢字かな한국어😀👍🏽'", "'ab'", everyByte(), "'" + SIXTY + "'",
                        "'9999999999999999999999999999999999.9999'", "'99999999.99'", "32767",
                        "9223372036854775807", "true", "'9999-12-31'", "'9999-12-31 23:59:59.999999'",
                        "'9999-12-31 23:59:59.999999+00'", "'24:00:00'", "'23:59:59.999999-15:59'",
                        "'1 year -2 mons +3 days -04:05:06.789'",
                        "'{\"a\": [1, {\"b\": \"ünï\\u00e9 \\\"q\\\" \\n 😀\"}], \"c\": null}'",
                        "'{\"a\": [1, {\"b\": \"ünï\\u00e9 \\\"q\\\" \\n 😀\"}], \"c\": null}'",
                        "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'", "'192.168.0.1/24'", "'2001:db8::/32'",
                        "'08:00:2b:01:02:03'", "'08:00:2b:01:02:03:04:05'", "'happy'", "2147483647",
                        "'123456789.123'", "'(1,\"a \"\"b\"\" ,c\",\"2024-06-01 12:00:00+05:45\")'", "'{1,NULL,-3}'",
                        "E'{\"\",NULL,\"NULL\",\"a,b\",\"q\\\\\"uote\",\"😀\",\"back\\\\\\\\slash\",\"tab\\there\"}'",
                        "'{sad,NULL,happy}'", "'x'"),
                List.of("' '", "' '", "'abcde'", "'\\x00'", "'-" + SIXTY.replace(".", "") + "'",
                        "'-9999999999999999999999999999999999.9999'", "'-0.01'", "-32768", "-9223372036854775808",
                        "false", "'0001-01-01'", "'0001-01-01 00:00:00'", "'0001-01-01 00:00:00+00'",
                        "'00:00:00.000001'", "'00:00:00+15:59'", "'-1 days +02:03:04.000001'", "'[]'",
                        "'{\"zz\": 1, \"a\": {\"nested\": [\"x\", 2.50, true]}}'",
                        "'ffffffff-ffff-ffff-ffff-ffffffffffff'", "'::1'", "'10.0.0.0/8'", "'ff:ff:ff:ff:ff:ff'",
                        "'ff:ff:ff:ff:ff:ff:ff:ff'", "'ok'", "1", "'-0.001'", "'(-1,,)'", "'[0:2]={7,8,9}'",
                        "'{NULL}'", "'{}'", "'😀'"),
                List.of("'a'", "NULL", "NULL", "NULL", "'0.000000000000000000000000000000000000000000000000000000001'",
                        "'0.0001'", "NULL", "NULL", "NULL", "NULL", "'4713-01-01 BC'", "'4713-01-01 00:00:00 BC'",
                        "'2024-03-10 02:30:00-08'", "'12:34:56.789'", "'12:34:56.789+05:30'", "'-178000000 years'",
                        "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL",
                        "NULL", "NULL", "NULL", "NULL"),
                List.of("'b'", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL",
                        "'2024-02-29'", "'2024-06-01 12:34:56.000001'", "'2024-06-01 12:00:00+05:45'",
                        "NULL", "'00:00:00-12'", "'-1 mons +1 days -00:00:00.000001'", "NULL", "NULL", "NULL",
                        "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL",
                        "NULL"),
                // extremes: the last date Postgres holds, almost the last timestamp int64 microseconds since 1970
                // hold (.775807 is the last, but Postgres's own extract(epoch) rounds it, so the oracle could not
                // check it; later ones, up to 294276-12-31, follow special.values), the longest interval
                List.of("'c'", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL",
                        "'5874897-12-31'", "'294247-01-10 04:00:54.775806'", "'294247-01-10 04:00:54.775806+00'",
                        "'23:59:59.999999'", "'24:00:00-15:59'",
                        "'177999999 years 11 mons 2147483647 days 2562047788:00:54.775807'", "NULL", "NULL", "NULL",
                        "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL",
                        "NULL"));
        TaskHarness h = snapshotAndStream("fid1", "shapes", "public.shapes", SHAPES, rows, Map.of());
        try {
            // generated columns are not carried, by either path (pgoutput does not publish them before PG 18)
            assertThat(h.delivered).allMatch(r -> ((Struct) r.value()).schema().field("gen") == null);
        } finally {
            h.stop();
        }
    }

    static final List<Col> ARRAYS = List.of(
            new Col("a2", "int[][]", "array_to_json(%s)::text", Render.JSON),
            new Col("t2", "text[][]", "array_to_json(%s)::text", Render.JSON),
            new Col("a3", "int[][][]", "array_to_json(%s)::text", Render.JSON),
            new Col("n2", "numeric(6,2)[][]", "array_to_json(%s)::text", Render.JSON),
            new Col("a1", "int[]", "array_to_json(%s)::text", Render.JSON),
            new Col("dg", "fid_grid", "array_to_json(%s)::text", Render.JSON));

    @Test
    void multiDimensionalArraysRoundTripThroughSnapshotAndStream() throws Exception {
        sql("CREATE DOMAIN fid_grid AS int[][]", createTable("arrays", ARRAYS, ""));
        List<List<String>> rows = List.of(
                List.of("'{{1,2},{3,NULL}}'", "'{{\"a,b\",NULL},{\"\",\"}\"}}'", "'{{{1},{2}},{{3},{4}}}'",
                        "'{{1.50,-2.00}}'", "'{1,2}'", "'{{5,6}}'"),
                List.of("'{}'", "'{}'", "'{}'", "'{}'", "'{}'", "'{}'"),
                List.of("NULL", "NULL", "NULL", "NULL", "NULL", "NULL"),
                List.of("'[0:1][-1:0]={{1,2},{3,4}}'", "'{{NULL}}'", "'{{{NULL,NULL}}}'", "'{{NULL}}'",
                        "'[0:2]={7,8,9}'", "'{{NULL},{7}}'"));
        snapshotAndStream("fid2", "arrays", "public.arrays", ARRAYS, rows, Map.of()).stop();
    }

    @Test
    void anArrayOfOtherDimensionsThanDeclaredFollowsTheSpecialValuePolicyMidStream() throws Exception {
        sql("CREATE TABLE arrmix (id int PRIMARY KEY, a int[], g int[][])",
                "INSERT INTO arrmix VALUES (1, '{1}', '{{1}}')");
        Map<String, String> cfg = config("fid3", "public.arrmix");
        cfg.put("special.values", "null");
        TaskHarness h = new TaskHarness();
        h.start(cfg);
        try {
            h.pollUntil(rs -> rs.size() >= 1, 100);
            sql("INSERT INTO arrmix VALUES (2, '{{1,2}}', '{1,2}')", "INSERT INTO arrmix VALUES (3, '{3}', '{{3}}')");
            h.pollUntil(rs -> count(rs, PgValueFidelityIT::isInsert) >= 2, 100);
            Struct two = (Struct) h.delivered.get(1).value();
            Struct three = (Struct) h.delivered.get(2).value();
            assertThat(two.get("a")).isNull();
            assertThat(two.get("g")).isNull();
            assertThat(three.getArray("a")).isEqualTo(List.of(3));
            assertThat(three.getArray("g")).isEqualTo(List.of(List.of(3)));
        } finally {
            h.stop();
        }

        sql("CREATE TABLE arrfail (id int PRIMARY KEY, a int[])");
        TaskHarness f = new TaskHarness();
        f.start(config("fid4", "public.arrfail"));
        try {
            f.pollOnce();
            sql("INSERT INTO arrfail VALUES (1, '{{1,2}}')");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.pollUntil(rs -> rs.size() >= 1, 100))
                    .hasStackTraceContaining("public.arrfail.a (integer[])")
                    .hasStackTraceContaining("has 2 dimension(s) but the column is declared with 1");
        } finally {
            f.stop();
        }
    }

    @Test
    void enumLabelsAddedWhileStreamingArriveInScalarsArraysAndKeyChangingUpdates() throws Exception {
        sql("CREATE TYPE fid_size AS ENUM ('s', 'm')",
                "CREATE TABLE sized (id int PRIMARY KEY, sz fid_size, szs fid_size[])",
                "INSERT INTO sized VALUES (1, 's', '{s,m}'), (2, 'm', NULL)");
        TaskHarness h = new TaskHarness();
        h.start(config("fid5", "public.sized"));
        try {
            h.pollUntil(rs -> rs.size() >= 2, 100);
            // the first record needing the new label is a key-changing update (a delete of the old key, then the
            // update): the re-read of the labels must not emit the delete twice
            sql("ALTER TYPE fid_size ADD VALUE 'l'",
                    "UPDATE sized SET id = 10, sz = 'l' WHERE id = 1",
                    "INSERT INTO sized VALUES (3, 'l', '{l,NULL,s}')",
                    "ALTER TYPE fid_size ADD VALUE 'xs' BEFORE 's'",
                    "UPDATE sized SET szs = '{xs}' WHERE id = 2");
            h.pollUntil(rs -> rs.stream().anyMatch(r -> meta(r).op() == ChangeOp.UPDATE
                    && ((Struct) r.key()).getInt32("id") == 2), 100);
            for (int i = 0; i < 3; i++) {
                h.pollOnce();
            }
            List<SourceRecord> streamed = h.delivered.subList(2, h.delivered.size());
            assertThat(streamed).extracting(r -> meta(r).op() + " " + ((Struct) r.key()).getInt32("id"))
                    .containsExactly("DELETE 1", "UPDATE 10", "INSERT 3", "UPDATE 2");
            Struct ten = (Struct) streamed.get(1).value();
            assertThat(ten.getString("sz")).isEqualTo("l");
            Struct three = (Struct) streamed.get(2).value();
            assertThat(three.getString("sz")).isEqualTo("l");
            assertThat(three.getArray("szs")).isEqualTo(java.util.Arrays.asList("l", null, "s"));
            Struct two = (Struct) streamed.get(3).value();
            assertThat(two.getArray("szs")).isEqualTo(List.of("xs"));
            assertThat(two.schema().field("sz").schema().parameters()).containsEntry("allowed", "xs,s,m,l");
            // the records flow on: the slot's confirmed position passes them
            sql("INSERT INTO sized VALUES (4, 'm', NULL)");
            h.pollUntil(rs -> rs.size() >= 7, 100);
        } finally {
            h.stop();
        }
    }

    static final List<Col> NAMED = List.of(
            new Col("\"Unit \"\"Price\"\" EX\"", "numeric(10,2)", "%s::text", Render.DECIMAL),
            new Col("\"line no\"", "text", "%s", Render.PLAIN),
            new Col("\"UPPER\"", "int", "%s::text", Render.PLAIN),
            new Col("\"ü-ñ\"", "text", "%s", Render.PLAIN));

    @Test
    void tablesAndColumnsNamedWithSpacesQuotesAndUpperCase() throws Exception {
        String table = "public.\"Order \"\"Lines\"\"\"";
        sql(createTable(table, NAMED, ""));
        List<List<String>> rows = List.of(List.of("'12.50'", "'first'", "1", "'ä'"), nulls(4));
        TaskHarness h = snapshotAndStream("fid6", table, table, NAMED, rows, Map.of());
        try {
            SourceRecord r = h.delivered.get(0);
            assertThat(r.topic()).isEqualTo("fid6.public.Order__Lines_");
            Schema v = r.valueSchema();
            assertThat(v.fields()).extracting(f -> SchemaConventions.columnName(f))
                    .containsExactly("id", "Unit \"Price\" EX", "line no", "UPPER", "ü-ñ");
        } finally {
            h.stop();
        }
    }

    static final List<Col> TOASTED = List.of(
            new Col("big", "text", "md5(%s)", Render.MD5),
            new Col("blob", "bytea", "md5(%s)", Render.MD5),
            Col.plain("small", "int"));

    @Test
    void oneMegabyteValuesArriveWholeAndAnUpdateLeavingThemNamesThem() throws Exception {
        sql(createTable("toasted", TOASTED, ""));
        String bigText = "(SELECT string_agg(md5(g::text) || '漢😀', '') FROM generate_series(1, 27000) g)";
        String bigBytes = "(SELECT string_agg(decode(md5(g::text), 'hex'), ''::bytea) FROM generate_series(1, 65536) g)";
        List<List<String>> rows = List.of(List.of(bigText, bigBytes, "1"), List.of("''", everyByte(), "1"));
        TaskHarness h = snapshotAndStream("fid7", "toasted", "public.toasted", TOASTED, rows, Map.of());
        try {
            assertThat(((Struct) h.delivered.get(0).value()).getString("big").getBytes(StandardCharsets.UTF_8).length)
                    .isGreaterThan(1_000_000);
            int before = h.delivered.size();
            sql("UPDATE toasted SET small = 2 WHERE id IN (1, 101)", "DELETE FROM toasted WHERE id = 101");
            h.pollUntil(rs -> rs.size() >= before + 3, 100);
            List<SourceRecord> changes = h.delivered.subList(before, h.delivered.size());
            assertThat(changes).extracting(r -> meta(r).op())
                    .containsExactly(ChangeOp.UPDATE, ChangeOp.UPDATE, ChangeOp.DELETE);
            for (SourceRecord u : changes.subList(0, 2)) {
                Struct v = (Struct) u.value();
                assertThat(meta(u).unchangedToastFields()).containsExactlyInAnyOrder("big", "blob");
                assertThat(v.get("big")).isNull();
                assertThat(v.get("blob")).isNull();
                assertThat(v.getInt32("small")).isEqualTo(2);
            }
            assertThat(((Struct) changes.get(2).key()).getInt32("id")).isEqualTo(101);
        } finally {
            h.stop();
        }
    }

    static final String NOT_SPECIAL_NUM = "CASE WHEN %1$s IN ('NaN', 'Infinity', '-Infinity') THEN NULL ELSE %1$s::text END";
    static final List<Col> SPECIALS = List.of(
            new Col("n", "numeric(10,2)", NOT_SPECIAL_NUM, Render.DECIMAL),
            new Col("d", "date", "CASE WHEN isfinite(%1$s) THEN (%1$s - date '1970-01-01')::text END", Render.DAYS),
            new Col("ts", "timestamp", "CASE WHEN isfinite(%1$s) AND %1$s < '294247-01-10 04:00:54.775807' THEN "
                    + EPOCH_MICROS.replace("%s", "%1$s") + " END", Render.PLAIN),
            new Col("tstz", "timestamptz", "CASE WHEN isfinite(%1$s) AND %1$s < '294247-01-10 04:00:54.775807+00' "
                    + "THEN " + EPOCH_MICROS.replace("%s", "%1$s") + " END", Render.PLAIN),
            new Col("f", "float8", "%s::text", Render.PLAIN),
            new Col("nu", "numeric", "%s::text", Render.PLAIN),
            new Col("na", "numeric(10,2)[]", "CASE WHEN %1$s IS NOT NULL THEN array_to_json(ARRAY(SELECT CASE WHEN x IN "
                    + "('NaN', 'Infinity', '-Infinity') THEN NULL ELSE x END FROM unnest(%1$s) WITH ORDINALITY u(x, o) "
                    + "ORDER BY o))::text END", Render.JSON),
            new Col("da", "date[]", "CASE WHEN %1$s IS NOT NULL THEN array_to_json(ARRAY(SELECT CASE WHEN isfinite(x) "
                    + "THEN x - date '1970-01-01' END FROM unnest(%1$s) WITH ORDINALITY u(x, o) ORDER BY o))::text END",
                    Render.JSON),
            new Col("tsa", "timestamptz[]", "CASE WHEN %1$s IS NOT NULL THEN array_to_json(ARRAY(SELECT CASE WHEN "
                    + "isfinite(x) AND x < '294247-01-10 04:00:54.775807+00' THEN (extract(epoch from x) * 1000000)"
                    + "::numeric(40,0) END FROM unnest(%1$s) WITH "
                    + "ORDINALITY u(x, o) ORDER BY o))::text END", Render.JSON));

    @Test
    void specialValuesBecomeNullForEveryTypeWhenTheUserChoosesNull() throws Exception {
        sql(createTable("specials", SPECIALS, ""));
        List<List<String>> rows = List.of(
                List.of("'NaN'", "'infinity'", "'infinity'", "'infinity'", "'NaN'", "'NaN'", "'{NaN,1.50}'",
                        "'{infinity,2024-01-01}'", "'{-infinity,NULL}'"),
                // numeric(p,s) cannot hold +-Infinity (Postgres refuses it); unconstrained numeric and float can
                List.of("'-0.01'", "'-infinity'", "'-infinity'", "'-infinity'", "'Infinity'", "'Infinity'",
                        "'{NaN,NULL}'", "'{-infinity}'", "'{infinity,2024-01-01 00:00:00+00}'"),
                List.of("NULL", "'2024-02-29'", "'2024-02-29 01:02:03.000004'", "'0001-01-01 00:00:00+00'",
                        "'-Infinity'", "'-Infinity'", "'{}'", "'{}'", "'{}'"),
                List.of("'1.50'", "NULL", "NULL", "NULL", "'1.5'", "'1.5'", "NULL", "NULL", "NULL"),
                // valid Postgres timestamps after the last one int64 microseconds since 1970 hold
                List.of("NULL", "NULL", "'294276-12-31 23:59:59.999999'", "'294276-12-31 23:59:59.999999+00'", "NULL",
                        "NULL", "NULL", "NULL", "'{294247-01-10 04:00:54.775808+00,2024-01-01 00:00:00+00}'"));
        snapshotAndStream("fid8", "specials", "public.specials", SPECIALS, rows, Map.of("special.values", "null"))
                .stop();

        // and 'fail' (the default) stops with the column named, on the stream as on the snapshot
        sql("CREATE TABLE specials_fail (id int PRIMARY KEY, d date, ts timestamp)");
        TaskHarness f = new TaskHarness();
        f.start(config("fid9", "public.specials_fail"));
        try {
            f.pollOnce();
            sql("INSERT INTO specials_fail VALUES (1, 'infinity', NULL)");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.pollUntil(rs -> rs.size() >= 1, 100))
                    .hasStackTraceContaining("public.specials_fail.d (date)")
                    .hasStackTraceContaining("'infinity'")
                    .hasStackTraceContaining("special.values");
        } finally {
            f.stop();
        }
        sql("CREATE TABLE specials_fail2 (id int PRIMARY KEY, ts timestamp)");
        TaskHarness f2 = new TaskHarness();
        f2.start(config("fid9b", "public.specials_fail2"));
        try {
            f2.pollOnce();
            sql("INSERT INTO specials_fail2 VALUES (1, '294276-12-31 23:59:59.999999')");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> f2.pollUntil(rs -> rs.size() >= 1, 100))
                    .hasStackTraceContaining("public.specials_fail2.ts (timestamp without time zone)")
                    .hasStackTraceContaining("'294276-12-31 23:59:59.999999'")
                    .hasStackTraceContaining("special.values");
        } finally {
            f.stop();
        }
    }

    /** An element's output-function text ({@code ::text} of inet adds the mask, of char(n) drops the padding). */
    static final String OUTPUT_TEXT = "CASE WHEN %1$s IS NOT NULL THEN format('%%s', %1$s) END";

    /** Array columns of every element type, with two element texts each (array syntax). */
    static final List<Col> ARRAYS_OF_EACH = List.of(
            Col.array("ab", "bytea[]", "encode(%s, 'hex')", Render.HEX),
            Col.array("an", "numeric[]", "%s::text", Render.PLAIN),
            Col.array("an2", "numeric(10,2)[]", "%s::text", Render.DECIMAL),
            Col.array("ad", "date[]", "(%s - date '1970-01-01')::text", Render.DAYS),
            Col.array("ats", "timestamp[]", EPOCH_MICROS, Render.PLAIN),
            Col.array("atz", "timestamptz[]", EPOCH_MICROS, Render.PLAIN),
            Col.array("atm", "time[]", EPOCH_MICROS, Render.PLAIN),
            Col.array("att", "timetz[]", "regexp_replace(%s::text, '([+-][0-9]{2})$', '\\1:00')", Render.PLAIN),
            Col.array("aiv", "interval[]", "%s::text", Render.PLAIN),
            Col.array("ajs", "json[]", "%s::text", Render.PLAIN),
            Col.array("ajb", "jsonb[]", "%s::text", Render.PLAIN),
            Col.array("au", "uuid[]", "%s::text", Render.PLAIN),
            Col.array("aip", "inet[]", OUTPUT_TEXT, Render.PLAIN),
            Col.array("acn", "cidr[]", "%s::text", Render.PLAIN),
            Col.array("amc", "macaddr[]", "%s::text", Render.PLAIN),
            Col.array("am8", "macaddr8[]", "%s::text", Render.PLAIN),
            Col.array("abo", "boolean[]", "%s::text", Render.PLAIN),
            Col.array("ach", "char(3)[]", OUTPUT_TEXT, Render.PLAIN),
            Col.array("avc", "varchar(10)[]", "%s::text", Render.PLAIN),
            Col.array("atx", "text[]", "%s::text", Render.PLAIN),
            Col.array("amo", "fid2_mood[]", "%s::text", Render.PLAIN),
            Col.array("adi", "fid2_int[]", "%s::text", Render.PLAIN),
            // unnest() would expand a composite into its fields: compare the elements' text forms
            Col.arrayOfText("acp", "fid2_pair[]"),
            Col.array("ai2", "smallint[]", "%s::text", Render.PLAIN),
            Col.array("ai8", "bigint[]", "%s::text", Render.PLAIN));

    /** Per column of {@link #ARRAYS_OF_EACH}: two elements in array syntax. */
    static final List<List<String>> ELEMENTS = List.of(
            List.of("\"\\\\x00ff\"", "\"\\\\x\""),
            List.of("-123456789012345678901234567890.123456789012345678901234567890", "NaN"),
            List.of("1.50", "-99999999.99"),
            List.of("\"4713-01-01 BC\"", "9999-12-31"),
            List.of("\"0001-01-01 00:00:00\"", "\"2024-06-01 12:34:56.000001\""),
            List.of("\"2024-03-10 02:30:00-08\"", "\"2024-06-01 12:00:00+05:45\""),
            List.of("24:00:00", "00:00:00.000001"),
            List.of("12:34:56.789+05:30", "00:00:00-15:59"),
            List.of("\"1 year -2 mons +3 days -04:05:06.789\"", "\"-00:00:00.000001\""),
            List.of("\"{\\\"a\\\": [1, \\\"\u00fc \\\\\\\\u00e9 \ud83d\ude00\\\"]}\"", "\"[]\""),
            List.of("\"{\\\"a\\\": [1, \\\"\u00fc \\\\\\\\u00e9 \ud83d\ude00\\\"]}\"", "\"[]\""),
            List.of("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "00000000-0000-0000-0000-000000000000"),
            List.of("192.168.0.1/24", "::1"),
            List.of("10.0.0.0/8", "2001:db8::/32"),
            List.of("08:00:2b:01:02:03", "ff:ff:ff:ff:ff:ff"),
            List.of("08:00:2b:01:02:03:04:05", "00:00:00:00:00:00:00:00"),
            List.of("t", "f"),
            List.of("\"a\"", "abc"),
            List.of("\"\"", "\u6f22\u5b57\ud83d\ude00"),
            List.of("\"a,b\"", "\"q\\\"uote \\\\ back\ttab {}\""),
            List.of("sad", "happy"),
            List.of("0", "-2147483648"),
            List.of("\"(1,\\\"x y\\\",)\"", "\"(,,)\""),
            List.of("32767", "-32768"),
            List.of("9223372036854775807", "-9223372036854775808"));

    static List<String> arrayRow(java.util.function.BiFunction<String, String, String> shape) {
        List<String> row = new ArrayList<>();
        for (List<String> e : ELEMENTS) {
            row.add("$v$" + shape.apply(e.get(0), e.get(1)) + "$v$");
        }
        return row;
    }

    @Test
    void arraysOfEveryTypeKeepElementsNullsAndEmptiesIn1DAnd2D() throws Exception {
        sql("CREATE TYPE fid2_mood AS ENUM ('sad', 'ok', 'happy')",
                "CREATE DOMAIN fid2_int AS int",
                "CREATE TYPE fid2_pair AS (a int, b text, at timestamptz)",
                createTable("arr1", ARRAYS_OF_EACH, ""));
        List<List<String>> rows1 = List.of(
                nulls(ARRAYS_OF_EACH.size()),
                arrayRow((a, b) -> "{}"),
                arrayRow((a, b) -> "{NULL}"),
                arrayRow((a, b) -> "{" + a + ",NULL," + b + "}"),
                arrayRow((a, b) -> "[0:1]={" + b + "," + a + "}"));
        snapshotAndStream("fid10", "arr1", "public.arr1", ARRAYS_OF_EACH, rows1, Map.of()).stop();

        List<Col> twoD = ARRAYS_OF_EACH.stream().map(c -> new Col(c.sqlName(), c.type() + "[]", c.oracle(), c.render(),
                c.element())).toList();
        sql(createTable("arr2", twoD, ""));
        List<List<String>> rows2 = List.of(
                nulls(twoD.size()),
                arrayRow((a, b) -> "{}"),
                arrayRow((a, b) -> "{{NULL}}"),
                arrayRow((a, b) -> "{{" + a + ",NULL},{" + b + "," + a + "}}"));
        TaskHarness h = snapshotAndStream("fid11", "arr2", "public.arr2", twoD, rows2, Map.of());
        try {
            Struct row = (Struct) h.delivered.stream().filter(r -> ((Struct) r.value()).getInt32("id") == 4)
                    .findFirst().orElseThrow().value();
            assertThat(row.getArray("au")).isEqualTo(List.of(
                    java.util.Arrays.asList("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", null),
                    List.of("00000000-0000-0000-0000-000000000000", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")));
        } finally {
            h.stop();
        }
    }

    static final List<Col> ZONED = List.of(
            Col.plain("comp", "fid3_stamp"),
            new Col("tstz", "timestamptz", EPOCH_MICROS, Render.PLAIN),
            Col.plain("r", "tstzrange"),
            new Col("tt", "timetz", "regexp_replace(%s::text, '([+-][0-9]{2})$', '\\1:00')", Render.PLAIN));

    @Test
    void textFormsEmbeddingATimestamptzDoNotDependOnTheWorkersTimeZone() throws Exception {
        sql("CREATE TYPE fid3_stamp AS (at timestamptz, note text)", createTable("zoned", ZONED, ""));
        List<List<String>> rows = List.of(List.of("'(\"2024-06-01 12:00:00+05:45\",x)'", "'2024-06-01 12:00:00+05:45'",
                "'[2024-01-01 00:00:00+01,2024-01-02 00:00:00+01)'", "'12:00:00+05:45'"));
        java.util.TimeZone jvm = java.util.TimeZone.getDefault();
        // pgjdbc sends the JVM's zone as the session TimeZone of every connection it opens
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Asia/Kathmandu"));
        try {
            snapshotAndStream("fid12", "zoned", "public.zoned", ZONED, rows, Map.of()).stop();
        } finally {
            java.util.TimeZone.setDefault(jvm);
        }
    }
}
