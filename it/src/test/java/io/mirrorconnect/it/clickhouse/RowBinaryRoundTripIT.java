package io.mirrorconnect.it.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.data.ClickHouseFormat;
import io.mirrorconnect.contract.SchemaConventions;
import io.mirrorconnect.it.fixtures.ClickHouseFixture;
import io.mirrorconnect.it.fixtures.Fixtures;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sink's pure core against the real ClickHouse engine: every Connect type the record contract produces is
 * mapped by ClickHouseTypeMapper, the table is created by ClickHouseDdl, values are encoded by RowBinaryEncoder,
 * inserted with the official client's {@code insert(table, InputStream, RowBinary)}, and read back as the server
 * formats them. Also: the soft/hard delete queries of docs/clickhouse-types.md, and the key lookups of
 * ClickHouseDml with hostile strings.
 */
class RowBinaryRoundTripIT {
    private static ClickHouseFixture ch;
    private static SinkCoreClasses core;
    private static String db;

    @BeforeAll
    static void start() {
        core = SinkCoreClasses.load();
        ch = ClickHouseFixture.start();
        db = ch.createDatabase("rowbinary_it");
    }

    @AfterAll
    static void stop() {
        Fixtures.closeAll(ch);
    }

    /** One column of the round trip: Connect schema, nullable?, values to write, what the server prints back. */
    private record Col(String name, Schema schema, boolean nullable, List<Object> values, List<String> expected) {
    }

    private static Schema decimal(int precision, int scale) {
        return Decimal.builder(scale).parameter("connect.decimal.precision", Integer.toString(precision)).optional()
                .build();
    }

    private static Schema named(SchemaBuilder b, String name) {
        return b.name(name).optional().build();
    }

    @Test
    void everyContractTypeRoundTripsThroughTheEngine() throws Exception {
        String hostile = "tab\there, quote' backtick` backslash\\ newline\n é 😀";
        byte[] binary = {0, (byte) 0xff, (byte) 0xc3, 0x28, '\n'};
        Map<String, String> hstore = new LinkedHashMap<>();
        hstore.put("a", "1");
        hstore.put("nul", null);
        List<Col> cols = List.of(
                new Col("i16", Schema.OPTIONAL_INT16_SCHEMA, false, List.of((short) -32768, (short) 32767),
                        List.of("-32768", "32767")),
                new Col("i32", Schema.OPTIONAL_INT32_SCHEMA, true, Arrays.asList(Integer.MIN_VALUE, null),
                        Arrays.asList("-2147483648", null)),
                new Col("i64", Schema.OPTIONAL_INT64_SCHEMA, false, List.of(Long.MIN_VALUE, Long.MAX_VALUE),
                        List.of("-9223372036854775808", "9223372036854775807")),
                new Col("f32", Schema.OPTIONAL_FLOAT32_SCHEMA, false, List.of(1.5f, -0.25f), List.of("1.5", "-0.25")),
                new Col("f64", Schema.OPTIONAL_FLOAT64_SCHEMA, true, Arrays.asList(Math.PI, null),
                        Arrays.asList("3.141592653589793", null)),
                new Col("b", Schema.OPTIONAL_BOOLEAN_SCHEMA, false, List.of(true, false), List.of("true", "false")),
                new Col("s", Schema.OPTIONAL_STRING_SCHEMA, true, Arrays.asList(hostile, null),
                        Arrays.asList(hostile, null)),
                new Col("bytes", Schema.OPTIONAL_BYTES_SCHEMA, false, List.of(binary, new byte[0]),
                        List.of("00FFC3280A", "")),
                new Col("d9", decimal(9, 2), false, List.of(new BigDecimal("-9999999.99"), new BigDecimal("0.01")),
                        List.of("-9999999.99", "0.01")),
                new Col("d18", decimal(18, 4), false,
                        List.of(new BigDecimal("12345678901234.5678"), new BigDecimal("-1")),
                        List.of("12345678901234.5678", "-1")),
                new Col("d38", decimal(38, 10), true,
                        Arrays.asList(new BigDecimal("-1234567890123456789012345678.0123456789"), null),
                        Arrays.asList("-1234567890123456789012345678.0123456789", null)),
                new Col("d76", decimal(76, 20), false,
                        List.of(new BigDecimal("12345678901234567890123456789012345678901234567890123456.12345678901234567890"),
                                new BigDecimal("-0.00000000000000000001")),
                        List.of("12345678901234567890123456789012345678901234567890123456.1234567890123456789",
                                "-0.00000000000000000001")),
                new Col("dbig", decimal(100, 2), false,
                        List.of(new BigDecimal("1" + "0".repeat(90) + ".25"), new BigDecimal("-3.10")),
                        List.of("1" + "0".repeat(90) + ".25", "-3.10")),
                new Col("money", decimal(19, 2), false, List.of(new BigDecimal("92233720368547758.07"),
                        new BigDecimal("-92233720368547758.08")),
                        List.of("92233720368547758.07", "-92233720368547758.08")),
                new Col("num", named(SchemaBuilder.string(), SchemaConventions.NUMERIC), true,
                        Arrays.asList("NaN", "123456789012345678901234567890.000000000000000000001"),
                        Arrays.asList("NaN", "123456789012345678901234567890.000000000000000000001")),
                new Col("dt", Date.builder().optional().build(), true,
                        Arrays.asList(Date.toLogical(Date.SCHEMA, (int) LocalDate.of(1900, 1, 1).toEpochDay()),
                                Date.toLogical(Date.SCHEMA, (int) LocalDate.of(2299, 12, 31).toEpochDay())),
                        List.of("1900-01-01", "2299-12-31")),
                new Col("ts", named(SchemaBuilder.int64(), SchemaConventions.TIMESTAMP_MICROS), false,
                        List.of(-1L, micros("2024-02-29T23:59:59.999999Z")),
                        List.of("1969-12-31 23:59:59.999999", "2024-02-29 23:59:59.999999")),
                new Col("tstz", named(SchemaBuilder.int64(), SchemaConventions.TIMESTAMPTZ_MICROS), true,
                        Arrays.asList(micros("1900-01-01T00:00:00Z"), null),
                        Arrays.asList("1900-01-01 00:00:00.000000", null)),
                new Col("tm", named(SchemaBuilder.int64(), SchemaConventions.TIME_MICROS), false,
                        List.of(0L, 86_400_000_000L), List.of("00:00:00.000000", "24:00:00.000000")),
                new Col("u", named(SchemaBuilder.string(), SchemaConventions.UUID), true,
                        Arrays.asList("00112233-4455-6677-8899-aabbccddeeff", null),
                        Arrays.asList("00112233-4455-6677-8899-aabbccddeeff", null)),
                new Col("j", named(SchemaBuilder.string(), SchemaConventions.JSON), false,
                        List.of("{\"a\": [1, 2]}", "null"), List.of("{\"a\": [1, 2]}", "null")),
                new Col("e", named(SchemaBuilder.string(), SchemaConventions.ENUM), true,
                        Arrays.asList("happy", null), Arrays.asList("happy", null)),
                new Col("arr", SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).optional().build(), true,
                        Arrays.asList(Arrays.asList(1, null, 3), List.of()), List.of("[1,NULL,3]", "[]")),
                new Col("tsarr", SchemaBuilder.array(named(SchemaBuilder.int64(), SchemaConventions.TIMESTAMPTZ_MICROS))
                        .optional().build(), false,
                        List.of(List.of(micros("2000-01-01T00:00:00.000001Z")), List.of()),
                        List.of("['2000-01-01 00:00:00.000001']", "[]")),
                new Col("hs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).optional().build(),
                        true, List.of(hstore, Map.of()), List.of("{'a':'1','nul':NULL}", "{}")));

        List<String[]> specs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<Schema> schemas = new ArrayList<>();
        specs.add(new String[] {"id", "Int32"});
        names.add("id");
        types.add("Int32");
        schemas.add(null);
        for (Col c : cols) {
            String type = core.columnType(c.schema(), c.nullable());
            specs.add(new String[] {c.name(), type});
            names.add(c.name());
            types.add(type);
            schemas.add(c.schema());
        }
        ch.execute(core.createTable(db, "all_types", specs, List.of("id"), "_ver", "_del", false, "_synced", false));

        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            List<Object> row = new ArrayList<>();
            row.add(r);
            for (Col c : cols) {
                row.add(c.values().get(r));
            }
            rows.add(row);
        }
        byte[] body = core.encode(names, types, schemas, rows);
        ch.client().insert(core.qualified(db, "all_types"), names, new ByteArrayInputStream(body),
                ClickHouseFormat.RowBinary).get(60, TimeUnit.SECONDS).close();

        // the server formats every value: toString for most, hex for raw bytes
        List<String> select = new ArrayList<>();
        for (Col c : cols) {
            String q = "`" + c.name() + "`";
            select.add(c.name().equals("bytes") ? "hex(" + q + ")" : "toString(" + q + ")");
        }
        List<List<String>> back = ch.query("SELECT " + String.join(", ", select) + " FROM " + db
                + ".all_types ORDER BY id");
        assertThat(back).hasSize(2);
        for (int r = 0; r < 2; r++) {
            for (int i = 0; i < cols.size(); i++) {
                Col c = cols.get(i);
                assertThat(back.get(r).get(i)).as("%s (%s), row %d", c.name(), types.get(i + 1), r)
                        .isEqualTo(c.expected().get(r));
            }
        }

        // the DDL's column types are what the server reports, so the sink's evolution checks compare like with like
        List<List<String>> described = ch.query("SELECT name, type FROM system.columns WHERE database = '" + db
                + "' AND table = 'all_types' ORDER BY position");
        for (int i = 0; i < specs.size(); i++) {
            assertThat(described.get(i)).containsExactly(specs.get(i)[0], specs.get(i)[1]);
        }
        assertThat(described.get(specs.size())).containsExactly("_ver", "UInt64");
        assertThat(described.get(specs.size() + 2)).containsExactly("_synced", "DateTime64(9)");
    }

    @Test
    void softDeleteKeepsTheRowFlaggedAndHardDeleteHidesIt() throws Exception {
        List<String[]> columns = List.<String[]>of(new String[] {"id", "Int64"}, new String[] {"v", "Nullable(String)"});
        for (boolean hard : new boolean[] {false, true}) {
            String table = hard ? "hard" : "soft";
            ch.execute(core.createTable(db, table, columns, List.of("id"), "_PEERDB_VERSION", "_PEERDB_IS_DELETED",
                    hard, "_PEERDB_SYNCED_AT", false));
            List<String> names = List.of("id", "v", "_PEERDB_VERSION", "_PEERDB_IS_DELETED");
            List<String> types = List.of("Int64", "Nullable(String)", "UInt64", "UInt8");
            List<Schema> schemas = Arrays.asList(null, null, null, null);
            Object dflt = core.defaultMarker();
            // insert 1 and 2 (snapshot, version 0), update 1, delete 2 (delete rows carry defaults), replay an old 1
            insert(table, names, core.encode(names, types, schemas, List.of(
                    List.of(1L, "one", 0L, 0), List.of(2L, "two", 0L, 0))));
            insert(table, names, core.encode(names, types, schemas, List.of(
                    List.of(1L, "uno", 100L, 0), List.of(2L, dflt, 200L, true))));
            insert(table, names, core.encode(names, types, schemas, List.of(List.of(1L, "stale", 50L, 0))));

            String qualified = db + "." + table;
            if (hard) {
                assertThat(ch.query("SELECT id, v FROM " + qualified + " FINAL ORDER BY id"))
                        .containsExactly(List.of("1", "uno"));
            } else {
                assertThat(ch.query("SELECT id, v, _PEERDB_IS_DELETED FROM " + qualified + " FINAL ORDER BY id"))
                        .containsExactly(List.of("1", "uno", "0"), Arrays.asList("2", null, "1"));
                assertThat(ch.query("SELECT id, v FROM " + qualified + " FINAL WHERE _PEERDB_IS_DELETED = 0"))
                        .containsExactly(List.of("1", "uno"));
            }
            assertThat(ch.query("SELECT count() FROM " + qualified + " FINAL WHERE _PEERDB_SYNCED_AT > now64(9) - 600"))
                    .as("synced-at is filled by its DEFAULT").containsExactly(List.of(hard ? "1" : "2"));
        }
    }

    @Test
    void keyLookupsFindTheNewestRowsForHostileKeys() throws Exception {
        ch.execute(core.createTable(db, "lookup", List.<String[]>of(new String[] {"k", "String"},
                new String[] {"n", "Int64"}, new String[] {"v", "String"}), List.of("k", "n"), "_ver", null, false,
                null, false));
        String k1 = "quote' back\\slash \t tab";
        String k2 = "}{k0_0:String} `) OR 1=1 --";
        List<String> names = List.of("k", "n", "v", "_ver");
        List<String> types = List.of("String", "Int64", "String", "UInt64");
        List<Schema> schemas = Arrays.asList(null, null, null, null);
        insert("lookup", names, core.encode(names, types, schemas, List.of(
                List.of(k1, 1L, "old", 1L), List.of(k1, 1L, "new", 2L), List.of(k2, 2L, "x", 1L),
                List.of("other", 3L, "y", 1L))));

        List<List<Object>> keys = List.of(List.of(k1, 1L), List.of(k2, 2L), List.of("missing", 9L));
        String sql = core.selectLatestByKeys(db, "lookup", List.<String[]>of(new String[] {"k", "String"},
                new String[] {"n", "Int64"}), List.of("k", "v"), keys.size());
        List<GenericRecord> found = ch.client().queryAll(sql + " ORDER BY n", core.keyParameters(keys));
        assertThat(found).extracting(r -> r.getString(1) + "=" + r.getString(2)).containsExactly(k1 + "=new", k2 + "=x");

        String literalSql = core.selectLatestByKeyLiterals(db, "lookup", List.of("k", "n"), List.of("k", "v"), keys);
        assertThat(ch.query(literalSql + " ORDER BY n")).containsExactly(List.of(k1, "new"), List.of(k2, "x"));
    }

    @Test
    void unsignedAndWideIntegersRoundTrip() throws Exception {
        ch.execute("CREATE TABLE " + db + ".wide (u64 UInt64, i128 Int128, u256 UInt256, dt DateTime64(9),"
                + " fs FixedString(3)) ENGINE = MergeTree ORDER BY tuple()");
        List<String> names = List.of("u64", "i128", "u256", "dt", "fs");
        List<String> types = List.of("UInt64", "Int128", "UInt256", "DateTime64(9)", "FixedString(3)");
        insert("wide", names, core.encode(names, types, Arrays.asList(null, null, null, null, null), List.of(
                List.of(new BigInteger("18446744073709551615"), BigInteger.ONE.shiftLeft(127).negate(),
                        BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE),
                        Instant.parse("2262-04-11T23:47:16.854775807Z"), "ab"))));
        assertThat(ch.query("SELECT toString(u64), toString(i128), toString(u256), toString(dt), hex(fs) FROM "
                + db + ".wide")).containsExactly(List.of("18446744073709551615",
                "-170141183460469231731687303715884105728",
                "115792089237316195423570985008687907853269984665640564039457584007913129639935",
                "2262-04-11 23:47:16.854775807", "616200"));
    }

    private static void insert(String table, List<String> names, byte[] body) throws Exception {
        List<String> quoted = new ArrayList<>();
        for (String n : names) {
            quoted.add("`" + n + "`");
        }
        ch.client().insert(core.qualified(db, table), quoted, new ByteArrayInputStream(body),
                ClickHouseFormat.RowBinary).get(60, TimeUnit.SECONDS).close();
    }

    private static long micros(String instant) {
        Instant i = Instant.parse(instant);
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    }
}
