package io.mirrorconnect.it.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deterministic shapes of the suite (docs/type-fidelity.md lists them): every type the source supports with
 * NULL, empty and boundary values, arrays of each, TOASTed values, values some destinations cannot hold (in rows of
 * their own), odd identifiers, and, in groups of their own, shapes the source has refused so far (2-D arrays, an
 * enum label added while streaming). Each snapshot row is inserted again while streaming with key + 100, so every
 * value goes through both the snapshot (COPY) and the streaming (pgoutput) path.
 */
public final class Shapes {
    /** The main mirror. */
    public static final String CORE = "core";
    /** Own mirrors for shapes the source has refused so far, so a failed source cannot hide the others' results. */
    public static final String ARRAYS_2D = "arrays2d";
    public static final String ENUM_ADD = "enumadd";
    /** Added with ALTER TYPE while the mirror streams. */
    public static final String NEW_LABEL = "three (added while streaming)";
    public static final String ODD_TABLE = "Odd \"Table\" Name";

    private static final String ALL_BYTES =
            "(SELECT decode(string_agg(lpad(to_hex(b), 2, '0'), '' ORDER BY b), 'hex') FROM generate_series(0, 255) b)";
    private static final String CONTROL = "\u0001\u0002\u0007\b\t\n\u000b\f\r\u001b\u001f\u007f|end";
    /**
     * Characters Java calls whitespace but Postgres's array output does not quote (it quotes only ' ', \t, \n, \r,
     * \v, \f): the ideographic space of CJK text, an em space, and the file/group/record/unit separators.
     */
    private static final String EDGE_BLANKS = "\u3000全角\u3000\u2003|\u001c\u001d\u001e\u001f";
    private static final String UNICODE = "😀👍🏽🇯🇵 漢字かな한국어 \u202eRTL\u202c e\u0301 \uFEFF";

    private Shapes() {
    }

    /** Types, domains and extensions the shapes use; run once before the tables are created. */
    public static List<String> prelude() {
        return List.of(
                "CREATE EXTENSION IF NOT EXISTS hstore",
                "CREATE EXTENSION IF NOT EXISTS citext",
                "CREATE TYPE fid_mood AS ENUM ('sad', 'ok', 'happy', 'Ünïcode label', 'with space')",
                "CREATE DOMAIN fid_posint AS integer CHECK (VALUE > 0)",
                "CREATE TYPE fid_pair AS (a integer, b text)",
                "CREATE TYPE fid_stream_mood AS ENUM ('one', 'two')");
    }

    public static List<TableShape> all() {
        return List.of(scalars(), arrays(), toast(), outOfRange(), oddNames(), arrays2d(), enumWhileStreaming());
    }

    /** Every scalar type: NULLs, empties/zeros, minimums, maximums, special values, zones and microseconds. */
    static TableShape scalars() {
        TableShape.Builder b = TableShape.builder("fid_scalars", CORE).key("id");
        TypeSpec.SCALARS.forEach(s -> b.column(s.scalar()));
        b.column(Column.generated("c_gen", "bigint", ValueKind.INTEGER, "c_int4::bigint * 2"));
        List<Map<String, String>> rows = List.of(
                Rows.spec().values(), // every column NULL
                Rows.spec().v("c_int2", "0").v("c_int4", "0").v("c_int8", "0").v("c_oid", "0").v("c_float4", "0")
                        .v("c_float8", "-0").v("c_bool", "false").v("c_num", "0").v("c_num38", "0").v("c_num60", "0")
                        .v("c_num80", "0").v("c_numeric", "0").v("c_money", "0").v("c_text", "").v("c_varchar", "")
                        .v("c_char", "").v("c_citext", "").v("c_bytea", "\\x").v("c_uuid", "00000000-0000-0000-0000-000000000000")
                        .v("c_json", "{}").v("c_jsonb", "[]").v("c_xml", "").v("c_date", "1970-01-01")
                        .v("c_ts", "1970-01-01 00:00:00").v("c_tstz", "1970-01-01 00:00:00+00").v("c_time", "00:00:00")
                        .v("c_timetz", "00:00:00+00").v("c_interval", "0").v("c_inet", "0.0.0.0").v("c_cidr", "0.0.0.0/0")
                        .v("c_macaddr", "00:00:00:00:00:00").v("c_macaddr8", "00:00:00:00:00:00:00:00").v("c_bit", "0000")
                        .v("c_varbit", "").v("c_enum", "sad").v("c_domain", "1").v("c_range", "empty")
                        .v("c_tstzrange", "empty").v("c_hstore", "").v("c_pair", "(,)").values(),
                Rows.spec().v("c_int2", "-32768").v("c_int4", "-2147483648").v("c_int8", "-9223372036854775808")
                        .v("c_oid", "4294967295").v("c_float4", "-3.4028235e38").v("c_float8", "-1.7976931348623157e308")
                        .v("c_bool", "true").v("c_num", "-99999999.9999").v("c_num38", "-" + "9".repeat(38))
                        .v("c_num60", "-" + "12345678901234567890123456789012345678901234567890.1234567890")
                        .v("c_num80", "-" + "1234567890".repeat(7) + "12345.54321")
                        .v("c_numeric", "-0." + "0".repeat(59) + "1").v("c_money", "-92233720368547758.08")
                        .v("c_text", CONTROL).v("c_varchar", "tab\there\nnewline").v("c_char", "ab").v("c_citext", "MiXeD CaSe")
                        .x("c_bytea", ALL_BYTES).v("c_uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
                        .v("c_json", "{\"a\": [1, 2.50, {\"b\": \"caf\\u00e9 \\\"q\\\" \\\\ \\/ \\n\"}], \"e\": \"😀\", "
                                + "\"cjk\": \"漢字\", \"nul\": \"\\u0000\", \"dup\": 1, \"dup\": 2}")
                        .v("c_jsonb", "{\"z\": {\"y\": [\"\\u00e9\", \"\\\"\", \"\\\\\", \"\\t\", \"😀 漢字\"]}, \"a\": null, \"n\": 1.50}")
                        .v("c_xml", "<a attr=\"x &amp; y\">漢字 😀</a>").v("c_date", "1900-01-01").v("c_ts", "1900-01-01 00:00:00")
                        .v("c_tstz", "1900-01-01 00:00:00+00").v("c_time", "00:00:00.000001").v("c_timetz", "00:00:00.000001-15:59")
                        .v("c_interval", "-1 years -2 mons -3 days -04:05:06.000001").v("c_inet", "2001:db8::1/64")
                        .v("c_cidr", "2001:db8::/32").v("c_macaddr", "08:00:2b:01:02:03").v("c_macaddr8", "08:00:2b:ff:fe:01:02:03")
                        .v("c_bit", "1010").v("c_varbit", "1").v("c_enum", "Ünïcode label").v("c_domain", "2147483647")
                        .v("c_range", "[-5,10)").v("c_tstzrange", "[2024-01-01 00:00:00+05:30,2024-01-02 00:00:00-08)")
                        .v("c_hstore", "\"a\"=>\"1\", \"b\"=>NULL, \"ü é\"=>\"漢字\", \"\"=>\"\", \"q\\\"k\"=>\"v\\\\\"")
                        .v("c_pair", "(-1,\"x \"\"y\"\" z\")").values(),
                Rows.spec().v("c_int2", "32767").v("c_int4", "2147483647").v("c_int8", "9223372036854775807")
                        .v("c_oid", "1").v("c_float4", "3.4028235e38").v("c_float8", "4.9e-324").v("c_bool", "false")
                        .v("c_num", "99999999.9999").v("c_num38", "9".repeat(38)).v("c_num60", "9".repeat(50) + "." + "9".repeat(10))
                        .v("c_num80", "9".repeat(75) + "." + "9".repeat(5)).v("c_numeric", "1234567890".repeat(6))
                        .v("c_money", "92233720368547758.07").v("c_text", UNICODE).v("c_varchar", "漢字😀")
                        .v("c_char", "漢字😀").v("c_citext", "😀").v("c_bytea", "\\xff00fe80c0afeded").v("c_uuid", "ffffffff-ffff-ffff-ffff-ffffffffffff")
                        .v("c_json", "[]").v("c_jsonb", "\"string\"").v("c_xml", "plain text content").v("c_date", "2299-12-31")
                        .v("c_ts", "2299-12-31 23:59:59.999999").v("c_tstz", "2299-12-31 23:59:59.999999+00")
                        .v("c_time", "23:59:59.999999").v("c_timetz", "23:59:59.999999+15:59").v("c_interval", "178000000 years")
                        .v("c_inet", "255.255.255.255").v("c_cidr", "10.1.0.0/16").v("c_macaddr", "ff:ff:ff:ff:ff:ff")
                        .v("c_macaddr8", "ff:ff:ff:ff:ff:ff:ff:ff").v("c_bit", "1111").v("c_varbit", "1111000011110000")
                        .v("c_enum", "with space").v("c_domain", "1").v("c_range", "(,)").v("c_tstzrange", "(,)")
                        .v("c_hstore", "\"k\"=>\"v\"").v("c_pair", "(2147483647,\"\")").values(),
                Rows.spec().v("c_float4", "NaN").v("c_float8", "Infinity").v("c_num", "NaN").v("c_num38", "NaN")
                        .v("c_numeric", "Infinity").v("c_text", EDGE_BLANKS).v("c_varchar", "  leading and trailing  ")
                        .v("c_json", "null").v("c_jsonb", "null").v("c_date", "infinity").v("c_ts", "-infinity")
                        .v("c_tstz", "infinity").v("c_time", "24:00:00").v("c_timetz", "24:00:00-15:59")
                        .v("c_interval", "1 year 2 mons -3 days 04:05:06.789").v("c_int4", "42").values(),
                Rows.spec().v("c_float4", "-Infinity").v("c_float8", "NaN").v("c_numeric", "-Infinity").v("c_num", "1.5")
                        .v("c_num60", "-0.0000000001").v("c_date", "2024-02-29")
                        .v("c_ts", "2024-02-29 12:34:56.000001").v("c_tstz", "2024-03-10 02:30:00.123456-08")
                        .v("c_time", "12:34:56.5").v("c_timetz", "12:34:56+05:30").v("c_interval", "1 mon -1 days -00:00:00.000001")
                        .v("c_text", "x".repeat(3000)).values(),
                Rows.spec().v("c_float4", "1.17549435e-38").v("c_float8", "-Infinity").v("c_numeric", "1.500")
                        .v("c_num60", "NaN").v("c_tstz", "2024-06-30 23:59:59.999999+14")
                        .v("c_timetz", "12:00:00-03:30").v("c_ts", "2000-01-01 00:00:00.5").v("c_money", "0.01").values(),
                Rows.spec().v("c_numeric", "NaN").v("c_num38", "-0").v("c_float4", "-0").v("c_text", " ").v("c_varchar", "NULL")
                        .v("c_tstz", "1999-12-31 23:59:59.999999-00:30").v("c_interval", "P1Y2M3DT4H5M6.000007S").values());
        for (int i = 0; i < rows.size(); i++) {
            b.snapshotRow(i + 1, rows.get(i));
            b.streamingRow(i + 101, rows.get(i));
        }
        b.update("c_text = coalesce(c_text, '') || ' (updated)', c_int4 = 7", "id IN (3, 103)");
        b.update("c_json = NULL, c_bytea = NULL, c_hstore = '\"new\"=>\"value\"'", "id IN (4, 104)");
        b.delete(2, 102);
        return b.build();
    }

    /** Arrays of every element type: NULL, empty, NULL elements, boundary and special elements. */
    static TableShape arrays() {
        TableShape.Builder b = TableShape.builder("fid_arrays", CORE).key("id");
        TypeSpec.ARRAYS.forEach(s -> b.column(s.array()));
        Rows empty = Rows.spec();
        Rows nullElements = Rows.spec();
        for (TypeSpec s : TypeSpec.ARRAYS) {
            empty.a(s.column());
            nullElements.a(s.column(), (String) null);
        }
        List<Map<String, String>> rows = List.of(
                Rows.spec().values(), // every array NULL
                empty.values(),
                nullElements.values(),
                Rows.spec().a("a_int2", "-32768", null, "32767").a("a_int4", "-2147483648", "0", null, "2147483647")
                        .a("a_int8", "-9223372036854775808", "9223372036854775807")
                        .a("a_float4", "NaN", "Infinity", "-Infinity", "-0", "1.5", null)
                        .a("a_float8", "NaN", "Infinity", "-Infinity", "-0", "4.9e-324", null)
                        .a("a_bool", "true", "false", null).a("a_num", "0", "-1.5", "99999999.9999", "NaN", null)
                        .a("a_numeric", "NaN", "Infinity", "-Infinity", "1.500", "-0.0001", null)
                        .a("a_money", "-92233720368547758.08", "0", null, "1.23")
                        .a("a_text", "", "a b", "x\"y", "NULL", null, "back\\slash", "comma,inside", "{braces}", UNICODE, CONTROL,
                                EDGE_BLANKS, " padded ")
                        .a("a_varchar", "", "漢字😀", null).x("a_bytea", "ARRAY['\\x'::bytea, '\\xff00'::bytea, NULL, " + ALL_BYTES + "]")
                        .a("a_uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", null)
                        .a("a_json", "{\"a\": \"\\u00e9\\n\"}", "[]", "null", null).a("a_jsonb", "{\"b\": [1, \"😀\"]}", "\"s\"", null)
                        .a("a_date", "1900-01-01", "2299-12-31", "infinity", null)
                        .a("a_ts", "1900-01-01 00:00:00", "2024-02-29 12:34:56.000001", "-infinity", null)
                        .a("a_tstz", "2024-03-10 02:30:00.123456-08", "2024-06-30 23:59:59.999999+14", null)
                        .a("a_time", "00:00:00", "24:00:00", "12:34:56.000001", null)
                        .a("a_timetz", "00:00:00+00", "24:00:00-15:59", "12:34:56.5+05:30", null)
                        .a("a_interval", "0", "-1 years -2 mons -3 days -04:05:06.000001", null)
                        .a("a_inet", "::1", "10.0.0.1/8", null).a("a_cidr", "10.0.0.0/8", "2001:db8::/32", null)
                        .a("a_macaddr", "08:00:2b:01:02:03", null).a("a_enum", "sad", "Ünïcode label", "with space", null)
                        .a("a_domain", "1", null, "2147483647").values());
        for (int i = 0; i < rows.size(); i++) {
            b.snapshotRow(i + 1, rows.get(i));
            b.streamingRow(i + 101, rows.get(i));
        }
        b.update("a_text = ARRAY['updated', NULL], a_int4 = NULL", "id IN (4, 104)");
        b.update("a_int4 = '{}', a_date = ARRAY['2000-01-01'::date]", "id IN (1, 101)");
        b.delete(2, 102);
        return b.build();
    }

    /**
     * 1 MB values stored out of line (STORAGE EXTERNAL: no compression, always TOASTed): text with emoji, CJK and
     * a control character; bytea with every byte value (invalid UTF-8). The third phase updates only the small
     * column (pgoutput then omits the unchanged TOAST values) and deletes rows by key (the default replica
     * identity), so a soft-delete sink must keep their last values from what it holds.
     */
    static TableShape toast() {
        Map<String, String> types = new LinkedHashMap<>();
        types.put("note", "text");
        types.put("big_text", "text");
        types.put("big_bytea", "bytea");
        types.put("tags", "text[]");
        TableShape.Builder b = TableShape.builder("fid_toast", CORE).key("id")
                .column(Column.scalar("note", "text", ValueKind.TEXT))
                .column(Column.scalar("big_text", "text", ValueKind.TEXT))
                .column(Column.scalar("big_bytea", "bytea", ValueKind.BYTEA))
                .column(Column.array("tags", "text", ValueKind.TEXT))
                .ddl("ALTER TABLE " + Sql.table("fid_toast") + " ALTER COLUMN big_text SET STORAGE EXTERNAL")
                .ddl("ALTER TABLE " + Sql.table("fid_toast") + " ALTER COLUMN big_bytea SET STORAGE EXTERNAL");
        for (int id : new int[] {1, 2, 3, 101, 102, 103}) {
            Rows r = Rows.of(types).v("note", "row " + id).x("tags", "ARRAY['toast', NULL, '']");
            if (id % 100 != 3) { // rows 3 and 103: big columns NULL
                r.x("big_text", "'row " + id + " ' || repeat(E'漢字😀 abc\\x01', 75000)")
                        .x("big_bytea", "'\\x" + String.format("%02x", id % 256) + "'::bytea || decode(repeat("
                                + "(SELECT string_agg(lpad(to_hex(b), 2, '0'), '' ORDER BY b) FROM generate_series(0, 255) b), 4096), 'hex')");
            }
            if (id < 100) {
                b.snapshotRow(id, r.values());
            } else {
                b.streamingRow(id, r.values());
            }
        }
        b.update("note = note || ' (updated, TOAST unchanged)'", "id IN (1, 2, 3, 101, 102, 103)");
        b.delete(1, 101);
        return b.build();
    }

    /**
     * Dates and timestamps at Postgres's extremes (0001-01-01, 9999-12-31) and just outside the common
     * 1900..2299 range some destinations have, one value per row; ±infinity (NULL under special.values=null).
     */
    static TableShape outOfRange() {
        Map<String, String> types = new LinkedHashMap<>();
        types.put("c_date", "date");
        types.put("c_ts", "timestamp without time zone");
        types.put("c_tstz", "timestamp with time zone");
        types.put("c_dates", "date");
        types.put("c_tss", "timestamp without time zone");
        types.put("note", "text");
        TableShape.Builder b = TableShape.builder("fid_dates", CORE).key("id")
                .column(Column.scalar("c_date", "date", ValueKind.DATE))
                .column(Column.scalar("c_ts", "timestamp without time zone", ValueKind.TIMESTAMP))
                .column(Column.scalar("c_tstz", "timestamp with time zone", ValueKind.TIMESTAMPTZ))
                .column(Column.array("c_dates", "date", ValueKind.DATE))
                .column(Column.array("c_tss", "timestamp without time zone", ValueKind.TIMESTAMP))
                .column(Column.scalar("note", "text", ValueKind.TEXT));
        List<Rows> rows = new ArrayList<>(List.of(
                Rows.of(types).v("c_date", "0001-01-01"),
                Rows.of(types).v("c_date", "9999-12-31"),
                Rows.of(types).v("c_ts", "0001-01-01 00:00:00"),
                Rows.of(types).v("c_ts", "9999-12-31 23:59:59.999999"),
                Rows.of(types).v("c_tstz", "0001-01-01 00:00:00+00"),
                Rows.of(types).v("c_tstz", "9999-12-31 23:59:59.999999+00"),
                Rows.of(types).v("c_date", "1899-12-31"),
                Rows.of(types).v("c_ts", "2300-01-01 00:00:00"),
                Rows.of(types).a("c_dates", "2000-01-01", "0001-01-01"),
                Rows.of(types).a("c_tss", null, "9999-12-31 00:00:00"),
                Rows.of(types).v("c_date", "1900-01-01").v("c_ts", "2299-12-31 23:59:59.999999")
                        .v("c_tstz", "1900-01-01 00:00:00+00").a("c_dates", "1900-01-01", "2299-12-31"),
                Rows.of(types).v("c_date", "-infinity").v("c_ts", "infinity").v("c_tstz", "-infinity")
                        .a("c_dates", "infinity", "-infinity", "2000-01-01").a("c_tss", "infinity")));
        for (int i = 0; i < rows.size(); i++) {
            b.snapshotRow(i + 1, rows.get(i).v("note", "row " + (i + 1)).values());
            b.streamingRow(i + 101, rows.get(i).v("note", "row " + (i + 101)).values());
        }
        b.update("note = note || ' (updated)'", "id IN (11, 111)");
        b.delete(12, 112);
        return b.build();
    }

    /** A table and columns named with spaces, quotes, upper case and a dot. */
    static TableShape oddNames() {
        Map<String, String> types = new LinkedHashMap<>();
        types.put("Column With Spaces", "text");
        types.put("Quote\"Col", "integer");
        types.put("UPPER", "text");
        types.put("dotted.name", "text");
        TableShape.Builder b = TableShape.builder(ODD_TABLE, CORE).key("Row ID")
                .column(Column.scalar("Column With Spaces", "text", ValueKind.TEXT))
                .column(Column.scalar("Quote\"Col", "integer", ValueKind.INTEGER))
                .column(Column.scalar("UPPER", "text", ValueKind.TEXT))
                .column(Column.scalar("dotted.name", "text", ValueKind.TEXT));
        for (int id : new int[] {1, 2, 3, 101, 102}) {
            Map<String, String> row = Rows.of(types).v("Column With Spaces", "value " + id).v("Quote\"Col", "" + id)
                    .v("UPPER", id % 2 == 0 ? null : "UP " + id).v("dotted.name", "'q' \"dq\" `bt` \\ " + id).values();
            if (id < 100) {
                b.snapshotRow(id, row);
            } else {
                b.streamingRow(id, row);
            }
        }
        b.update("\"UPPER\" = 'updated'", "\"Row ID\" IN (1, 101)");
        b.delete(2, 102);
        return b.build();
    }

    /**
     * Two-dimensional arrays in columns declared two-dimensional ({@code integer[][]}: Postgres records the declared
     * dimensions but does not enforce them; the suite keeps to them), with NULL elements, NULL and empty values.
     */
    static TableShape arrays2d() {
        Map<String, String> types = Map.of("a_int", "integer", "a_text", "text", "a_float8", "double precision");
        TableShape.Builder b = TableShape.builder("fid_arrays_2d", ARRAYS_2D).key("id")
                .column(Column.array("a_int", "integer", ValueKind.INTEGER, 2))
                .column(Column.array("a_text", "text", ValueKind.TEXT, 2))
                .column(Column.array("a_float8", "double precision", ValueKind.FLOAT8, 2));
        List<Map<String, String>> rows = List.of(
                Rows.of(types).x("a_int", "'{{1,2},{3,4}}'::integer[]").x("a_text", "'{{\"a\",NULL},{\"c d\",\"\"}}'::text[]")
                        .x("a_float8", "'{{1.5,-2.25}}'::double precision[]").values(),
                Rows.of(types).x("a_int", "'{}'::integer[]").x("a_text", "'{{\"x\"}}'::text[]").values(),
                Rows.of(types).x("a_int", "'{{NULL,NULL},{NULL,7}}'::integer[]").x("a_float8", "'{}'::double precision[]").values());
        for (int i = 0; i < rows.size(); i++) {
            b.snapshotRow(i + 1, rows.get(i));
            b.streamingRow(i + 101, rows.get(i));
        }
        b.update("a_int = '{{7},{8}}'", "id IN (2, 102)");
        b.delete(3, 103);
        return b.build();
    }

    /** An enum whose new label is added with ALTER TYPE while the mirror streams, then used. */
    static TableShape enumWhileStreaming() {
        Map<String, String> types = Map.of("mood", "fid_stream_mood", "moods", "fid_stream_mood");
        TableShape.Builder b = TableShape.builder("fid_enum_stream", ENUM_ADD).key("id")
                .column(Column.scalar("mood", "fid_stream_mood", ValueKind.TEXT))
                .column(Column.array("moods", "fid_stream_mood", ValueKind.TEXT))
                .snapshotRow(1, Rows.of(types).v("mood", "one").a("moods", "one", "two", null).values())
                .snapshotRow(2, Rows.of(types).values())
                .streamingRow(101, Rows.of(types).v("mood", "two").values())
                .streamingStatement("ALTER TYPE fid_stream_mood ADD VALUE " + Sql.lit(NEW_LABEL, "text").replace("::text", ""))
                .streamingRow(102, Rows.of(types).v("mood", NEW_LABEL).a("moods", NEW_LABEL, "one").values())
                .streamingRow(103, Rows.of(types).v("mood", "one").values());
        b.update("mood = " + Sql.lit(NEW_LABEL, "fid_stream_mood"), "id IN (1, 101)");
        b.delete(2);
        return b.build();
    }
}
