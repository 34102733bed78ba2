package io.mirrorconnect.pgcdc.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.decoder.CopyTextParser;
import io.mirrorconnect.pgcdc.decoder.EmbeddedPg;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Insert;
import io.mirrorconnect.pgcdc.schema.TableSchema;
import io.mirrorconnect.pgcdc.schema.TableSchemaBuilder;
import io.mirrorconnect.pgcdc.snapshot.plan.CtidPartition;
import io.mirrorconnect.pgcdc.sql.PgSql;

/**
 * Every mapped type against a real Postgres: the built-in registry matches pg_type; the catalog queries of
 * {@link PgSql} load user types and columns; and one table holding every type converts to the same Structs from
 * pgoutput text (the stream) and from COPY text (the snapshot), with the expected values.
 */
class PgTextFormatsIT {
    private static EmbeddedPg pg;
    private static boolean hstore;
    private static boolean citext;

    @BeforeAll
    static void start() throws Exception {
        pg = new EmbeddedPg();
        try (Statement st = pg.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM pg_available_extensions WHERE name IN ('hstore', 'citext')")) {
            while (rs.next()) {
                hstore |= rs.getString(1).equals("hstore");
                citext |= rs.getString(1).equals("citext");
            }
        }
        for (String s : PgSql.sessionSetStatements()) {
            pg.exec(s);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void builtInRegistryMatchesPgType() throws Exception {
        int checked = 0;
        for (PgType t : PgTypeRegistry.builtInTypes()) {
            try (PreparedStatement ps = pg.connection().prepareStatement(
                    "SELECT format_type(oid, NULL), typtype, typcategory, typelem FROM pg_type WHERE oid = ?")) {
                ps.setLong(1, t.oid());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("type %d (%s) exists", t.oid(), t.name()).isTrue();
                    assertThat(rs.getString(1)).as("name of %d", t.oid()).isEqualTo(t.name());
                    assertThat(rs.getString(2).charAt(0)).as("typtype of %s", t.name()).isEqualTo(t.typtype());
                    assertThat(rs.getString(3).charAt(0)).as("typcategory of %s", t.name()).isEqualTo(t.category());
                    if (t.isArray()) {
                        assertThat(rs.getLong(4)).as("typelem of %s", t.name()).isEqualTo(t.elementOid());
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void sessionOptionsTakeEffectOnAPgjdbcConnection() throws Exception {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", "postgres");
        props.setProperty("options", PgSql.sessionOptions());
        String url = pg.connection().getMetaData().getURL();
        try (Connection c = java.sql.DriverManager.getConnection(url, props); Statement st = c.createStatement()) {
            for (String setting : List.of("IntervalStyle", "extra_float_digits", "bytea_output", "lc_monetary")) {
                try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
                    rs.next();
                    assertThat(rs.getString(1)).as(setting).isEqualTo(PgSql.SESSION_SETTINGS.get(setting));
                }
            }
            try (ResultSet rs = st.executeQuery("SHOW DateStyle")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("ISO, YMD");
            }
            // TimeZone is not checked here: pgjdbc's own TimeZone startup parameter (the JVM's zone) wins over
            // "options", so PgConnections also runs the settings as SET (PgValueFidelityIT checks the effect)
        }
    }

    private static PgTypeRegistry loadUserTypes(Connection c) throws Exception {
        PgTypeRegistry registry = new PgTypeRegistry();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(PgSql.USER_TYPES)) {
            while (rs.next()) {
                Array labels = rs.getArray(8);
                registry.register(new PgType((int) rs.getLong(1), rs.getString(2), rs.getString(3).charAt(0),
                        rs.getString(4).charAt(0), (int) rs.getLong(5), (int) rs.getLong(6),
                        labels == null ? List.of() : Arrays.asList((String[]) labels.getArray()), rs.getInt(7)));
            }
        }
        return registry;
    }

    private record Columns(List<PgColumn> columns, List<String> key) {
    }

    private static Columns loadColumns(Connection c, String table) throws Exception {
        List<PgColumn> cols = new ArrayList<>();
        Map<Integer, String> key = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(PgSql.TABLE_COLUMNS)) {
            ps.setLong(1, pg.queryLong("SELECT '" + table + "'::regclass::oid"));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cols.add(new PgColumn(rs.getString(1), (int) rs.getLong(2), rs.getInt(3), rs.getString(4),
                            !rs.getBoolean(5)));
                    int pk = rs.getInt(6);
                    if (!rs.wasNull()) {
                        key.put(pk, rs.getString(1));
                    }
                }
            }
        }
        return new Columns(cols, new ArrayList<>(key.values()));
    }

    @Test
    void everyTypeConvertsTheSameFromPgoutputAndCopy() throws Exception {
        pg.exec("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
                "CREATE DOMAIN price AS numeric(10,2) CHECK (VALUE >= 0)");
        if (hstore) {
            pg.exec("CREATE EXTENSION hstore");
        }
        if (citext) {
            pg.exec("CREATE EXTENSION citext");
        }
        String ddl = "CREATE TABLE all_types (id int PRIMARY KEY, c_int2 smallint, c_int8 bigint, c_oid oid, "
                + "c_float4 real, c_float8 double precision, c_bool boolean, c_num numeric(12,3), c_numfree numeric, "
                + "c_text text, c_varchar varchar(10), c_bpchar char(5), c_name name, c_char \"char\", c_bytea bytea, "
                + "c_uuid uuid, c_json json, c_jsonb jsonb, c_xml xml, c_date date, c_time time, c_timetz timetz, "
                + "c_ts timestamp, c_tstz timestamptz, c_interval interval, c_mood mood, c_int_arr int[], "
                + "c_text_arr text[], c_mood_arr mood[], c_inet inet, c_cidr cidr, c_macaddr macaddr, "
                + "c_macaddr8 macaddr8, c_bit bit(4), c_varbit varbit, c_money money, c_range int4range, "
                + "c_tstzrange tstzrange, c_point point, c_price price, \"Odd Name\" int"
                + (hstore ? ", c_hstore hstore" : "") + (citext ? ", c_citext citext" : "") + ")";
        pg.exec(ddl);
        pg.exec("CREATE PUBLICATION p_types FOR TABLE all_types",
                "SELECT pg_create_logical_replication_slot('s_types', 'pgoutput')");
        pg.exec("INSERT INTO all_types VALUES (1, -32768, -9223372036854775808, 4294967295, 1.5, 0.1, true, "
                + "123456789.123, 1e-30, E'tab\\there\\nnew \\\\ back é', 'abc', 'ab', 'nm', 'x', '\\x00ff5c0a', "
                + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": [1, \"x\\ty\"]}', '{\"b\": 2, \"a\": 1}', "
                + "'<a>b</a>', '0044-03-15 BC', '24:00:00', '12:34:56.789+05:30', '2024-02-29 23:59:59.999999', "
                + "'2024-01-02 03:04:05.123456+05:30', '1 year 2 months -3 days 04:05:06.789', 'happy', "
                + "'{1,NULL,3}', ARRAY['a,b', NULL, 'NULL', 'q\"uote', 'back\\slash', ''], '{sad,happy}', "
                + "'192.168.0.1/24', '10.0.0.0/8', '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05', B'1010', "
                + "B'101', 1234.56, '[1,10)', '[2024-01-01 00:00:00+00,2024-02-01 00:00:00+00)', '(1.5,-2)', 9.99, 7"
                + (hstore ? ", 'a=>1, \"k q\"=>NULL'" : "") + (citext ? ", 'MiXeD'" : "") + ")");
        pg.exec("INSERT INTO all_types (id) VALUES (2)");
        pg.exec("INSERT INTO all_types (id, c_float4, c_float8, c_num, c_numfree, c_date, c_ts, c_tstz) VALUES "
                + "(3, 'NaN', '-Infinity', 'NaN', 'Infinity', 'infinity', '-infinity', 'infinity')");

        PgTypeRegistry registry = loadUserTypes(pg.connection());
        Columns cols = loadColumns(pg.connection(), "all_types");
        assertThat(cols.key()).containsExactly("id");
        TableId table = TableId.of("public", "all_types");
        TableSchema strict = TableSchemaBuilder.build(table, "m.public.all_types", cols.columns(), cols.key(),
                List.of(), new PgTypeMapper(registry));
        TableSchema lenient = TableSchemaBuilder.build(table, "m.public.all_types", cols.columns(), cols.key(),
                List.of(), new PgTypeMapper(registry, SpecialValuePolicy.NULL));

        // the stream: pgoutput text
        List<String[]> streamed = new ArrayList<>();
        for (PgOutputMessage m : pg.peekDecoded("s_types", "p_types")) {
            if (m instanceof Insert ins) {
                streamed.add(ins.newTuple().texts());
            }
        }
        assertThat(streamed).hasSize(3);

        // the snapshot: COPY text of the same table
        String copySql = PgSql.copyPartition(table, strict.includedColumnNames(), new CtidPartition(0, 0, null));
        StringWriter out = new StringWriter();
        ((PGConnection) pg.connection().unwrap(PGConnection.class)).getCopyAPI().copyOut(copySql, out);
        CopyTextParser parser = new CopyTextParser(strict.includedColumnNames().size());
        List<String[]> copied = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new StringReader(out.toString()))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                copied.add(parser.parse(line));
            }
        }
        copied.sort((a, b) -> Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0])));

        for (int i = 0; i < 2; i++) {
            Struct fromStream = strict.valueStruct(streamed.get(i));
            Struct fromCopy = strict.valueStructOfIncluded(copied.get(i));
            fromStream.validate();
            assertThat(fromCopy).as("row %d", i + 1).isEqualTo(fromStream);
            assertThat(copied.get(i)).as("row %d texts", i + 1).containsExactly(streamed.get(i));
        }
        Struct special = lenient.valueStruct(streamed.get(2));
        assertThat(lenient.valueStructOfIncluded(copied.get(2))).isEqualTo(special);
        assertThat(special.get("c_float4")).isEqualTo(Float.NaN);
        assertThat(special.get("c_float8")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(special.get("c_num")).isNull();
        assertThat(special.get("c_numfree")).isEqualTo("Infinity");
        assertThat(special.get("c_date")).isNull();
        assertThat(special.get("c_ts")).isNull();
        assertThat(special.get("c_tstz")).isNull();

        Struct v = strict.valueStruct(streamed.get(0));
        assertThat(v.get("c_int2")).isEqualTo((short) -32768);
        assertThat(v.get("c_int8")).isEqualTo(Long.MIN_VALUE);
        assertThat(v.get("c_oid")).isEqualTo(4294967295L);
        assertThat(v.get("c_float4")).isEqualTo(1.5f);
        assertThat(v.get("c_float8")).isEqualTo(0.1);
        assertThat(v.get("c_bool")).isEqualTo(true);
        assertThat(v.get("c_num")).isEqualTo(new BigDecimal("123456789.123"));
        assertThat(v.get("c_numfree")).isEqualTo("0.000000000000000000000000000001");
        assertThat(v.get("c_text")).isEqualTo("tab\there\nnew \\ back é");
        assertThat(v.get("c_bpchar")).isEqualTo("ab   ");
        assertThat(v.get("c_char")).isEqualTo("x");
        assertThat((byte[]) v.get("c_bytea")).containsExactly(0, 0xFF, 0x5C, 0x0A);
        assertThat(v.get("c_uuid")).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(v.get("c_json")).isEqualTo("{\"a\": [1, \"x\\ty\"]}");
        assertThat(v.get("c_jsonb")).isEqualTo("{\"a\": 1, \"b\": 2}");
        assertThat(v.get("c_xml")).isEqualTo("<a>b</a>");
        assertThat(v.get("c_date")).isEqualTo(new java.util.Date(LocalDate.of(-43, 3, 15).toEpochDay() * 86_400_000L));
        assertThat(v.get("c_time")).isEqualTo(86_400_000_000L);
        assertThat(v.get("c_timetz")).isEqualTo("12:34:56.789+05:30");
        assertThat(v.get("c_ts")).isEqualTo(micros("2024-02-29T23:59:59.999999Z"));
        assertThat(v.get("c_tstz")).isEqualTo(micros("2024-01-01T21:34:05.123456Z"));
        assertThat(v.get("c_interval")).isEqualTo("P1Y2M-3DT4H5M6.789S");
        assertThat(v.get("c_mood")).isEqualTo("happy");
        assertThat(v.get("c_int_arr")).isEqualTo(Arrays.asList(1, null, 3));
        assertThat(v.get("c_text_arr")).isEqualTo(Arrays.asList("a,b", null, "NULL", "q\"uote", "back\\slash", ""));
        assertThat(v.get("c_mood_arr")).isEqualTo(List.of("sad", "happy"));
        assertThat(v.get("c_inet")).isEqualTo("192.168.0.1/24");
        assertThat(v.get("c_cidr")).isEqualTo("10.0.0.0/8");
        assertThat(v.get("c_macaddr")).isEqualTo("08:00:2b:01:02:03");
        assertThat(v.get("c_macaddr8")).isEqualTo("08:00:2b:01:02:03:04:05");
        assertThat(v.get("c_bit")).isEqualTo("1010");
        assertThat(v.get("c_varbit")).isEqualTo("101");
        assertThat(v.get("c_money")).isEqualTo(new BigDecimal("1234.56"));
        assertThat(v.get("c_range")).isEqualTo("[1,10)");
        assertThat(v.get("c_tstzrange")).isEqualTo("[\"2024-01-01 00:00:00+00\",\"2024-02-01 00:00:00+00\")");
        assertThat(v.get("c_point")).isEqualTo("(1.5,-2)");
        assertThat(v.get("c_price")).isEqualTo(new BigDecimal("9.99"));
        assertThat(v.get("Odd_Name")).isEqualTo(7);
        if (hstore) {
            assertThat(v.getMap("c_hstore")).containsEntry("a", "1").containsKey("k q").hasSize(2);
        }
        if (citext) {
            assertThat(v.get("c_citext")).isEqualTo("MiXeD");
        }

        // another session time zone prints timestamptz differently but converts to the same values
        pg.exec("SET TimeZone = 'America/St_Johns'");
        StringWriter other = new StringWriter();
        ((PGConnection) pg.connection().unwrap(PGConnection.class)).getCopyAPI().copyOut(copySql, other);
        pg.exec("SET TimeZone = 'UTC'");
        List<String[]> otherRows = new ArrayList<>();
        for (String line : other.toString().split("\n")) {
            otherRows.add(parser.parse(line));
        }
        otherRows.sort((a, b) -> Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0])));
        assertThat(otherRows.get(0)[strict.includedColumnNames().indexOf("c_tstz")]).endsWith("-03:30");
        assertThat(strict.valueStructOfIncluded(otherRows.get(0))).isEqualTo(v);
        pg.exec("SELECT pg_drop_replication_slot('s_types')");
    }

    private static long micros(String instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(instant));
    }
}
