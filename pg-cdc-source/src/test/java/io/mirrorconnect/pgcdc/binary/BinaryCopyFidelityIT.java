package io.mirrorconnect.pgcdc.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.catalog.CatalogReader;
import io.mirrorconnect.pgcdc.decoder.CopyTextParser;
import io.mirrorconnect.pgcdc.decoder.EmbeddedPg;
import io.mirrorconnect.pgcdc.offsets.BlockRanges;
import io.mirrorconnect.pgcdc.offsets.BlockRanges.Range;
import io.mirrorconnect.pgcdc.schema.TableSchema;
import io.mirrorconnect.pgcdc.schema.TableSchemaBuilder;
import io.mirrorconnect.pgcdc.snapshot.PartitionReader;
import io.mirrorconnect.pgcdc.snapshot.SnapshotCopyFormat;
import io.mirrorconnect.pgcdc.snapshot.SnapshotEvent;
import io.mirrorconnect.pgcdc.snapshot.SnapshotPlanning;
import io.mirrorconnect.pgcdc.snapshot.TableJob;
import io.mirrorconnect.pgcdc.snapshot.plan.CtidPartition;
import io.mirrorconnect.pgcdc.sql.PgSql;
import io.mirrorconnect.pgcdc.types.PgTypeMapper;
import io.mirrorconnect.pgcdc.types.PgTypeRegistry;
import io.mirrorconnect.pgcdc.types.PgValueException;
import io.mirrorconnect.pgcdc.types.SpecialValuePolicy;

/**
 * The binary snapshot against the text snapshot on a real Postgres: one wide table holding every supported type
 * (scalars, domains, enums, extension and composite types, arrays with NULLs, 2-D arrays) with NULLs, empties,
 * boundaries and special values is copied with {@code COPY ... TO STDOUT} (text, parsed by the text converters)
 * and with {@code COPY ... (FORMAT binary)} (the binary decoders, text-selected fallback columns), and every field
 * of every row must be the same value, under both special-value policies (where the text path fails, the binary
 * path fails too).
 */
class BinaryCopyFidelityIT {
    private static final String ALL_BYTES =
            "(SELECT decode(string_agg(lpad(to_hex(b), 2, '0'), '' ORDER BY b), 'hex') FROM generate_series(0, 255) b)";

    private static EmbeddedPg pg;
    private static TableSchema strict;
    private static TableSchema lenient;
    private static final TableId TABLE = TableId.of("public", "wide");

    @BeforeAll
    static void start() throws Exception {
        pg = new EmbeddedPg();
        for (String s : PgSql.sessionSetStatements()) {
            pg.exec(s);
        }
        pg.exec("CREATE EXTENSION hstore", "CREATE EXTENSION citext",
                "CREATE TYPE bmood AS ENUM ('sad', 'ok', 'happy', 'Ünïcode label', 'with space')",
                "CREATE DOMAIN bposint AS integer CHECK (VALUE > 0)",
                "CREATE DOMAIN bprice AS numeric(10,2)",
                "CREATE TYPE bpair AS (a integer, b text)");
        pg.exec("CREATE TABLE wide (id int PRIMARY KEY, "
                + "c_int2 smallint, c_int4 integer, c_int8 bigint, c_oid oid, c_xid xid, c_cid cid, c_xid8 xid8, "
                + "c_float4 real, c_float8 double precision, c_bool boolean, "
                + "c_num numeric(12,4), c_num38 numeric(38,0), c_numneg numeric(5,-2), c_numsmall numeric(3,5), "
                + "c_numeric numeric, c_money money, "
                + "c_text text, c_varchar varchar(20), c_char char(5), c_name name, c_char1 \"char\", c_citext citext, "
                + "c_bytea bytea, c_uuid uuid, c_json json, c_jsonb jsonb, c_xml xml, "
                + "c_date date, c_time time, c_timetz timetz, c_ts timestamp, c_tstz timestamptz, c_interval interval, "
                + "c_inet inet, c_cidr cidr, c_macaddr macaddr, c_macaddr8 macaddr8, c_bit bit(5), c_varbit varbit, "
                + "c_enum bmood, c_domain bposint, c_price bprice, c_range int4range, c_tstzrange tstzrange, "
                + "c_multirange int4multirange, c_hstore hstore, c_pair bpair, c_point point, c_tsvector tsvector, "
                + "c_lsn pg_lsn, "
                + "a_int2 smallint[], a_int4 int[], a_int8 bigint[], a_text text[], a_num numeric(10,2)[], "
                + "a_numeric numeric[], a_float4 real[], a_float8 float8[], a_bool bool[], a_bytea bytea[], "
                + "a_uuid uuid[], a_date date[], a_ts timestamp[], a_tstz timestamptz[], a_time time[], "
                + "a_timetz timetz[], a_interval interval[], a_json json[], a_jsonb jsonb[], a_enum bmood[], "
                + "a_inet inet[], a_char char(3)[], a_varbit varbit[], a_money money[], a_price bprice[], "
                + "a2_int int[][], a2_text text[][])");
        insertRows();

        PgTypeRegistry registry = new PgTypeRegistry();
        registry.registerAll(CatalogReader.userTypes(pg.connection()));
        CatalogReader.TableColumns cols = CatalogReader.columns(pg.connection(),
                pg.queryLong("SELECT 'wide'::regclass::oid"));
        strict = TableSchemaBuilder.build(TABLE, "m.public.wide", cols.columns(), cols.key(), List.of(),
                new PgTypeMapper(registry, SpecialValuePolicy.FAIL));
        lenient = TableSchemaBuilder.build(TABLE, "m.public.wide", cols.columns(), cols.key(), List.of(),
                new PgTypeMapper(registry, SpecialValuePolicy.NULL));
    }

    private static void insertRows() throws SQLException {
        // 1: every column NULL
        pg.exec("INSERT INTO wide (id) VALUES (1)");
        // 2: zeros and empties
        pg.exec("INSERT INTO wide VALUES (2, 0, 0, 0, 0, '0', '0', '0', 0, '-0', false, 0, 0, 0, 0, 0, 0, "
                + "'', '', '', '', '', '', '\\x', '00000000-0000-0000-0000-000000000000', '{}', '[]', '', "
                + "'1970-01-01', '00:00:00', '00:00:00+00', '1970-01-01 00:00:00', '1970-01-01 00:00:00+00', '0', "
                + "'0.0.0.0', '0.0.0.0/0', '00:00:00:00:00:00', '00:00:00:00:00:00:00:00', B'00000', B'', "
                + "'sad', 1, 0, 'empty', 'empty', '{}', '', '(,)', '(0,0)', '', '0/0', "
                + "'{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', "
                + "'{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}')");
        // 3: minimums, BC, control characters, every byte
        pg.exec("INSERT INTO wide VALUES (3, -32768, -2147483648, -9223372036854775808, 4294967295, '4294967295', "
                + "'4294967295', '18446744073709551615', '-3.4028235e38', '-1.7976931348623157e308', true, "
                + "'-99999999.9999', '-" + "9".repeat(38) + "', -9999900, -0.00999, "
                + "'-0." + "0".repeat(59) + "1', '-92233720368547758.08', "
                + "E'\\x01\\x02\\x07\\b\\t\\n\\x0b\\f\\r\\x1b\\x1f\\x7f|end', E'tab\\there\\nnew', 'ab', "
                + "'Name With \"Quotes\" 漢字', 'a', 'MiXeD CaSe', " + ALL_BYTES + ", "
                + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', "
                + "'{\"a\": [1, 2.50, {\"b\": \"caf\\u00e9 \\\"q\\\" \\\\ \\n\"}], \"nul\": \"\\u0000\", \"dup\": 1, \"dup\": 2}', "
                + "'{\"z\": {\"y\": [\"\\u00e9\", \"😀 漢字\"]}, \"a\": null, \"n\": 1.50}', "
                + "'<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><a attr=\"x &amp; y\">漢字 😀</a>', "
                + "'4713-01-01 BC', '00:00:00.000001', '00:00:00.000001-15:59', '4713-01-01 00:00:00 BC', "
                + "'4713-01-01 00:00:00+00 BC', '-178000000 years -2 mons -3 days -04:05:06.000001', "
                + "'2001:db8::1/64', '2001:db8::/32', '08:00:2b:01:02:03', '08:00:2b:ff:fe:01:02:03', B'10101', "
                + "B'10101010101010101', 'Ünïcode label', 2147483647, -99999999.99, '[-5,10)', "
                + "'[2024-01-01 00:00:00+05:30,2024-01-02 00:00:00-08)', '{[1,3), [5,7)}', "
                + "'\"a\"=>\"1\", \"b\"=>NULL, \"ü é\"=>\"漢字\", \"\"=>\"\"', '(-1,\"x \"\"y\"\" z\")', '(-1.5,1e-300)', "
                + "'a fat:2 cat''s 漢字:1A', 'FFFFFFFF/FFFFFFFF', "
                + "'{-32768,NULL,32767}', '{1,NULL,-2147483648}', '{NULL,9223372036854775807}', "
                + "ARRAY['a,b', NULL, 'NULL', 'q\"uote', 'back\\slash', '', ' ', '{}'], '{-99999999.99,NULL,0.01}', "
                + "'{NaN,Infinity,-Infinity,1.500,NULL}', '{NaN,-0,1.17549435e-38}', '{-Infinity,4.9e-324,NULL}', "
                + "'{t,f,NULL}', ARRAY['\\x00ff'::bytea, NULL, '\\x'], '{ffffffff-ffff-ffff-ffff-ffffffffffff,NULL}', "
                + "'{4713-01-01 BC,2024-02-29,NULL}', '{2000-01-01 00:00:00.5,NULL}', "
                + "'{\"2024-03-10 02:30:00.123456-08\",NULL}', '{24:00:00,00:00:00,NULL}', "
                + "'{\"12:34:56+05:30\",\"00:00:00-15:59\"}', '{\"1 mon -1 days -00:00:00.000001\",NULL}', "
                + "ARRAY['{\"a\": 1}'::json, NULL], ARRAY['{\"b\": [1, 2]}'::jsonb, 'null', NULL], "
                + "'{sad,\"with space\",NULL}', '{192.168.0.1/24,::1,NULL}', '{a,\"b  \",NULL}', '{1,0101,\"\"}', "
                + "'{-92233720368547758.08,NULL}', '{0.01,NULL}', '{{1,2},{3,NULL}}', '{{\"a b\",NULL},{\"\",\"c\"}}')");
        // 4: maximums
        pg.exec("INSERT INTO wide (id, c_int2, c_int4, c_int8, c_oid, c_float4, c_float8, c_num, c_num38, c_numneg, "
                + "c_numsmall, c_numeric, c_money, c_text, c_varchar, c_char, c_name, c_char1, c_bytea, c_uuid, c_json, "
                + "c_jsonb, c_xml, c_date, c_time, c_timetz, c_ts, c_tstz, c_interval, c_macaddr, c_bit, c_varbit, "
                + "c_enum, c_domain, c_price, a_int4, a_text, a2_int) VALUES (4, 32767, 2147483647, "
                + "9223372036854775807, 1, '3.4028235e38', '4.9e-324', 99999999.9999, '" + "9".repeat(38) + "', "
                + "9999900, 0.00999, '" + "1234567890".repeat(100) + "." + "0123456789".repeat(100) + "', "
                + "'92233720368547758.07', '😀👍🏽🇯🇵 漢字かな한국어 \u202eRTL\u202c e\u0301 \uFEFF', '漢字😀', '漢字😀', "
                + "'" + "x".repeat(63) + "', 'é', '\\xff00fe80c0afeded', 'ffffffff-ffff-ffff-ffff-ffffffffffff', "
                + "'[]', '\"string\"', 'plain text content', '5874897-12-31', '24:00:00', '24:00:00-15:59', "
                + "'294247-01-10 04:00:54.775807', '294247-01-10 04:00:54.775807+00', "
                + "'178000000 years 11 mons 2147483647 days 2562047788:00:54.775807', 'ff:ff:ff:ff:ff:ff', B'11111', "
                + "B'1111000011110000', 'with space', 1, 99999999.99, '{2147483647}', ARRAY['" + "y".repeat(5000)
                + "'], '{{1},{2}}')");
        // 5: special values (the text path fails under FAIL; NULL writes null)
        pg.exec("INSERT INTO wide (id, c_float4, c_float8, c_num, c_num38, c_numeric, c_date, c_ts, c_tstz, "
                + "a_num, a_date, a_ts, a_tstz) VALUES (5, 'NaN', 'Infinity', 'NaN', 'NaN', '-Infinity', "
                + "'infinity', '-infinity', 'infinity', '{NaN,1}', '{-infinity,2024-01-01}', '{infinity}', "
                + "'{-infinity,NULL}')");
        // 6: past the last instant int64 microseconds since 1970 hold
        pg.exec("INSERT INTO wide (id, c_ts, c_tstz, a_tstz) VALUES (6, '294276-12-31 23:59:59.999999', "
                + "'294276-12-31 23:59:59.999999+00', '{294270-01-01 00:00:00+00}')");
        // 7: array values of other dimensions than declared
        pg.exec("INSERT INTO wide (id, a_int4, a2_int, a_text) VALUES (7, '{{1,2}}', '{1,2}', '[0:1]={x,y}')");
        // 8: odd but valid: non-default lower bounds, fractions, time zones, NaN floats
        pg.exec("INSERT INTO wide (id, c_float4, c_float8, c_num, c_numeric, c_ts, c_tstz, c_time, c_timetz, "
                + "c_interval, a_int4, a2_int, c_money, c_date) VALUES (8, '-Infinity', 'NaN', 1.5, '1.500', "
                + "'2000-01-01 00:00:00.5', '1999-12-31 23:59:59.999999-00:30', '12:34:56.5', '12:00:00-03:30', "
                + "'P1Y2M3DT4H5M6.000007S', '[0:2]={7,8,9}', '[0:1][-1:0]={{1,2},{3,4}}', 0.01, '2024-02-29')");
        // 9: a thousand ordinary rows
        pg.exec("INSERT INTO wide (id, c_int8, c_num, c_text, c_date, c_ts, c_tstz, c_uuid, c_jsonb, c_numeric, "
                + "a_int4) SELECT g, g * 1000003, (g % 10000) / 3.0, md5(g::text), DATE '2020-01-01' + g, "
                + "TIMESTAMP '2020-01-01' + g * INTERVAL '1.000001 second', "
                + "TIMESTAMPTZ '2020-01-01 00:00:00+00' - g * INTERVAL '1 day 1 minute', md5(g::text)::uuid, "
                + "jsonb_build_object('k', g, 'v', repeat('z', g % 7)), g::numeric / 7, ARRAY[g, NULL, -g] "
                + "FROM generate_series(100, 1099) g");
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void typesWithoutABinaryDecoderAreSelectedAsText() {
        assertThat(strict.textInBinaryCopy()).containsExactlyInAnyOrder("c_char1", "c_citext", "c_inet", "c_cidr",
                "c_range", "c_tstzrange", "c_multirange", "c_pair", "c_point", "c_tsvector", "a_inet");
    }

    @Test
    void everyValueIsTheSameThroughBinaryAndTextCopy() throws Exception {
        for (TableSchema schema : List.of(strict, lenient)) {
            List<String[]> text = copyText(schema);
            List<byte[]> binary = copyBinary(schema);
            assertThat(binary).hasSameSizeAs(text).hasSize(1008);
            int failures = 0;
            for (int r = 0; r < text.size(); r++) {
                String[] fields = text.get(r);
                Object t = attempt(() -> schema.valueStructOfIncluded(fields));
                byte[] tuple = binary.get(r);
                Object b = attempt(() -> schema.valueStructOfBinaryTuple(tuple, 0, tuple.length));
                String row = "row " + r + " (id " + text.get(r)[0] + ", " + (schema == strict ? "fail" : "null")
                        + " policy)";
                if (t instanceof PgValueException) {
                    failures++;
                    assertThat(b).as(row + ": the text path failed with %s", t).isInstanceOf(PgValueException.class);
                    continue;
                }
                if (b instanceof Exception e) {
                    fail(row + ": the binary path failed where the text path did not", e);
                }
                assertSameFields(row, (Struct) t, (Struct) b);
                // the binary path stores values without Struct.put's check: they must still be valid
                ((Struct) b).validate();
                if (schema.hasKey()) {
                    schema.keyStructFromValue((Struct) b).validate();
                }
            }
            // ids 5, 6, 7 hold values the FAIL policy refuses; the NULL policy writes them as nulls
            assertThat(failures).as("rows the text path refuses").isEqualTo(schema == strict ? 3 : 0);
        }
    }

    private static void assertSameFields(String row, Struct expected, Struct actual) {
        List<String> diffs = new ArrayList<>();
        for (Field f : expected.schema().fields()) {
            Object e = expected.get(f);
            Object a = actual.get(f);
            if (!same(e, a)) {
                diffs.add(f.name() + ": text " + show(e) + " vs binary " + show(a));
            }
        }
        assertThat(diffs).as(row).isEmpty();
    }

    /** Equal values, byte arrays by content also inside lists (Struct.equals compares those by identity). */
    private static boolean same(Object e, Object a) {
        if (e instanceof List<?> le && a instanceof List<?> la) {
            if (le.size() != la.size()) {
                return false;
            }
            for (int i = 0; i < le.size(); i++) {
                if (!same(le.get(i), la.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.deepEquals(e, a) && (e == null || e.getClass() == a.getClass());
    }

    private static String show(Object v) {
        if (v instanceof byte[] b) {
            return Arrays.toString(b);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(BinaryCopyFidelityIT::show).toList().toString();
        }
        String s = String.valueOf(v) + (v == null ? "" : " (" + v.getClass().getSimpleName() + ")");
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private interface Attempt {
        Object run();
    }

    private static Object attempt(Attempt a) {
        try {
            return a.run();
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static List<String[]> copyText(TableSchema schema) throws SQLException {
        String sql = PgSql.copyPartition(TABLE, schema.includedColumnNames(), new CtidPartition(0, 0, null))
                .replace(" FROM ", " FROM ").replace(") TO STDOUT", " ORDER BY 1) TO STDOUT");
        CopyTextParser parser = new CopyTextParser(schema.includedColumnNames().size());
        List<String[]> out = new ArrayList<>();
        for (byte[] line : copy(sql)) {
            out.add(parser.parse(line, 0, line.length));
        }
        return out;
    }

    private static List<byte[]> copyBinary(TableSchema schema) throws SQLException {
        String sql = PgSql.copyPartitionBinary(TABLE, schema.includedColumnNames(), schema.textInBinaryCopy(),
                new CtidPartition(0, 0, null)).replace(") TO STDOUT", " ORDER BY 1) TO STDOUT");
        List<byte[]> messages = copy(sql);
        List<byte[]> tuples = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            byte[] m = messages.get(i);
            int off = i == 0 ? BinaryCopyFraming.afterHeader(m) : 0;
            if (m.length - off == 0 || BinaryCopyFraming.isTrailer(m, off, m.length - off)) {
                continue;
            }
            tuples.add(Arrays.copyOfRange(m, off, m.length));
        }
        assertThat(BinaryCopyFraming.isTrailer(messages.get(messages.size() - 1), 0, 2)).isTrue();
        return tuples;
    }

    private static List<byte[]> copy(String sql) throws SQLException {
        Connection c = pg.connection();
        CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
        List<byte[]> out = new ArrayList<>();
        byte[] m;
        while ((m = copy.readFromCopy()) != null) {
            out.add(m);
        }
        return out;
    }

    /** The partition reader reads either format by what the server announces, and both give the same rows. */
    @Test
    void partitionReaderReadsBothFormats() throws Exception {
        TableJob job = new TableJob(pg.queryLong("SELECT 'wide'::regclass::oid"), lenient, BlockRanges.empty(),
                java.util.Map.of("table", "public.wide"));
        Range whole = new Range(0, BlockRanges.UNBOUNDED);
        List<List<Struct>> byFormat = new ArrayList<>();
        for (SnapshotCopyFormat format : SnapshotCopyFormat.values()) {
            String sql = new SnapshotPlanning(1000, format).copySql(job, whole);
            assertThat(sql).as(format.name()).matches(format == SnapshotCopyFormat.BINARY
                    ? ".*TO STDOUT \\(FORMAT binary\\)$" : ".*TO STDOUT$");
            java.util.concurrent.LinkedBlockingQueue<SnapshotEvent> q = new java.util.concurrent.LinkedBlockingQueue<>();
            try (Connection c = pg.newConnection()) {
                for (String set : PgSql.sessionSetStatements()) {
                    try (Statement st = c.createStatement()) {
                        st.execute(set);
                    }
                }
                assertThat(PartitionReader.read(c, job, whole, sql, q, 100)).isEqualTo(1008);
            }
            List<Struct> rows = new ArrayList<>();
            List<SnapshotEvent.Rows> chunks = new ArrayList<>();
            for (SnapshotEvent e : q) {
                SnapshotEvent.Rows chunk = (SnapshotEvent.Rows) e;
                chunks.add(chunk);
                for (int i = 0; i < chunk.size(); i++) {
                    assertThat(chunk.keys()[i].get("id")).isEqualTo(chunk.values()[i].get("id"));
                    rows.add(chunk.values()[i]);
                }
            }
            // 1008 rows in chunks of at most 100: ten full ones, then the last (8 rows) marks the partition done
            assertThat(chunks).extracting(SnapshotEvent.Rows::size)
                    .containsExactly(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 8);
            assertThat(chunks).extracting(SnapshotEvent.Rows::lastOfPartition)
                    .containsExactly(false, false, false, false, false, false, false, false, false, false, true);
            rows.sort(java.util.Comparator.comparing(r -> r.getInt32("id")));
            byFormat.add(rows);
        }
        for (int i = 0; i < byFormat.get(0).size(); i++) {
            assertSameFields("row " + i, byFormat.get(1).get(i), byFormat.get(0).get(i));
        }
    }

    @Test
    void fallbackTextIsTheOutputFunctionsNotTheCast() throws Exception {
        // inet::text would add /32; char(n)::text would drop padding; a composite of NULLs is not NULL
        try (Statement st = pg.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT " + PgSql.textOf("i") + ", " + PgSql.textOf("p") + ", "
                     + PgSql.textOf("n") + " FROM (SELECT '192.168.0.1'::inet AS i, ROW(NULL, NULL)::bpair AS p, "
                     + "NULL::inet AS n) s")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("192.168.0.1");
            assertThat(rs.getString(2)).isEqualTo("(,)");
            assertThat(rs.getString(3)).isNull();
        }
        Set<String> names = new TreeSet<>(strict.textInBinaryCopy());
        assertThat(names).doesNotContain("c_xml", "c_char", "c_bool");
        assertThat(new String("ok".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo("ok");
    }
}
