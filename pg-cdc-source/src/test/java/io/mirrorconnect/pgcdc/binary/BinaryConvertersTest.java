package io.mirrorconnect.pgcdc.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.types.PgColumn;
import io.mirrorconnect.pgcdc.types.PgOid;
import io.mirrorconnect.pgcdc.types.PgType;
import io.mirrorconnect.pgcdc.types.PgTypeMapper;
import io.mirrorconnect.pgcdc.types.PgTypeRegistry;
import io.mirrorconnect.pgcdc.types.PgValueException;
import io.mirrorconnect.pgcdc.types.SpecialValuePolicy;
import io.mirrorconnect.pgcdc.types.ValueConverter;

/**
 * Every binary decoder against the text converter of the same column, for the same value: the value's binary send
 * form (built here as Postgres writes it) must convert to exactly what its text form (as Postgres prints it under
 * the connector's session settings) converts to, under both special-value policies, including the errors. The
 * real-Postgres counterpart is {@link BinaryCopyFidelityIT}.
 */
class BinaryConvertersTest {
    private static final TableId T = TableId.of("public", "t");
    private static final int MOOD = 90_001;
    private static final PgTypeRegistry REGISTRY = new PgTypeRegistry();

    static {
        REGISTRY.register(PgType.enumType(MOOD, "public.mood", List.of("sad", "ok", "Ünïcode label")));
        REGISTRY.register(PgType.array(MOOD + 1, "public.mood[]", MOOD));
    }

    private static final PgTypeMapper STRICT = new PgTypeMapper(REGISTRY, SpecialValuePolicy.FAIL);
    private static final PgTypeMapper LENIENT = new PgTypeMapper(REGISTRY, SpecialValuePolicy.NULL);

    private static PgColumn col(int oid, String typeName) {
        return new PgColumn("c", oid, -1, typeName, true);
    }

    private static PgColumn col(int oid, int typmod, String typeName, int dims) {
        return new PgColumn("c", oid, typmod, typeName, true, dims);
    }

    private static int numericTypmod(int precision, int scale) {
        return ((precision << 16) | (scale & 0x7FF)) + 4;
    }

    /** Both policies: same value, or both fail. Returns the strict binary result (or the error). */
    private static Object same(PgColumn c, String text, byte[] bin) {
        Object result = null;
        for (PgTypeMapper m : List.of(STRICT, LENIENT)) {
            ValueConverter tc = m.converter(c, false, T);
            BinaryConverter bc = m.binaryConverter(c, false, T);
            assertThat(bc).as("binary converter of %s", c.typeName()).isNotNull();
            Object expected = attempt(() -> tc.convert(text));
            Object actual = attempt(() -> bc.convert(bin, 0, bin.length));
            if (expected instanceof PgValueException) {
                assertThat(actual).as("%s '%s': the text path fails (%s)", c.typeName(), text, expected)
                        .isInstanceOf(PgValueException.class);
            } else {
                assertThat(deepEquals(expected, actual)).as("%s '%s': text %s (%s) vs binary %s (%s)", c.typeName(),
                        text, show(expected), cls(expected), show(actual), cls(actual)).isTrue();
            }
            if (m == STRICT) {
                result = actual;
            }
        }
        return result;
    }

    private static String cls(Object o) {
        return o == null ? "null" : o.getClass().getSimpleName();
    }

    private static String show(Object o) {
        return o instanceof byte[] b ? Arrays.toString(b) : String.valueOf(o);
    }

    private static boolean deepEquals(Object a, Object b) {
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!deepEquals(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.deepEquals(a, b) && (a == null || a.getClass() == b.getClass());
    }

    private interface Call {
        Object call();
    }

    private static Object attempt(Call c) {
        try {
            return c.call();
        } catch (PgValueException e) {
            return e;
        }
    }

    // ---- encoders: Postgres's send formats ----

    private static byte[] i2(int v) {
        return ByteBuffer.allocate(2).putShort((short) v).array();
    }

    private static byte[] i4(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    private static byte[] i8(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** numeric_send of a finite decimal text (display scale = its digits after the point). */
    static byte[] numeric(String text) {
        BigDecimal d = new BigDecimal(text);
        int dscale = Math.max(0, d.scale());
        int sign = d.signum() < 0 ? 0x4000 : 0;
        BigInteger u = d.abs().setScale(dscale).unscaledValue();
        // align the fraction to a multiple of 4 digits, then split into base-10000 digits
        int pad = (4 - dscale % 4) % 4;
        u = u.multiply(BigInteger.TEN.pow(pad));
        int fracGroups = (dscale + pad) / 4;
        List<Integer> digits = new ArrayList<>();
        BigInteger nbase = BigInteger.valueOf(10_000);
        while (u.signum() > 0) {
            BigInteger[] qr = u.divideAndRemainder(nbase);
            digits.add(0, qr[1].intValue());
            u = qr[0];
        }
        int weight = digits.size() - 1 - fracGroups;
        while (!digits.isEmpty() && digits.get(digits.size() - 1) == 0) {
            digits.remove(digits.size() - 1);
        }
        while (!digits.isEmpty() && digits.get(0) == 0) {
            digits.remove(0);
            weight--;
        }
        if (digits.isEmpty()) {
            weight = 0;
        }
        ByteBuffer b = ByteBuffer.allocate(8 + 2 * digits.size());
        b.putShort((short) digits.size()).putShort((short) weight).putShort((short) sign).putShort((short) dscale);
        digits.forEach(x -> b.putShort(x.shortValue()));
        return b.array();
    }

    private static byte[] numericSpecial(int sign) {
        return ByteBuffer.allocate(8).putShort((short) 0).putShort((short) 0).putShort((short) sign)
                .putShort((short) 0).array();
    }

    /** array_send: dims, then the elements (null for NULL) row-major. */
    private static byte[] array(int elemOid, int[] dims, byte[]... elements) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean nulls = Arrays.stream(elements).anyMatch(Objects::isNull);
        out.writeBytes(i4(dims.length));
        out.writeBytes(i4(nulls ? 1 : 0));
        out.writeBytes(i4(elemOid));
        for (int d : dims) {
            out.writeBytes(i4(d));
            out.writeBytes(i4(1));
        }
        for (byte[] e : elements) {
            if (e == null) {
                out.writeBytes(i4(-1));
            } else {
                out.writeBytes(i4(e.length));
                out.writeBytes(e);
            }
        }
        return out.toByteArray();
    }

    private static final long PG_EPOCH_DAYS = 10_957;
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    // ---- the types ----

    @Test
    void integers() {
        PgColumn int2 = col(PgOid.INT2, "smallint");
        for (int v : new int[] {Short.MIN_VALUE, -1, 0, 1, Short.MAX_VALUE}) {
            same(int2, Integer.toString(v), i2(v));
        }
        PgColumn int4 = col(PgOid.INT4, "integer");
        for (int v : new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}) {
            same(int4, Integer.toString(v), i4(v));
        }
        PgColumn int8 = col(PgOid.INT8, "bigint");
        for (long v : new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE}) {
            same(int8, Long.toString(v), i8(v));
        }
        for (int oid : new int[] {PgOid.OID, PgOid.XID, PgOid.CID}) {
            assertThat(same(col(oid, "oid"), "4294967295", i4(-1))).isEqualTo(4294967295L);
            same(col(oid, "oid"), "0", i4(0));
        }
        assertThat(same(col(PgOid.XID8, "xid8"), "18446744073709551615", i8(-1))).isEqualTo("18446744073709551615");
        same(col(PgOid.XID8, "xid8"), "0", i8(0));
    }

    @Test
    void floatsAndBooleans() {
        PgColumn f4 = col(PgOid.FLOAT4, "real");
        String[] f4texts = {"NaN", "Infinity", "-Infinity", "-0", "0", "1.17549435e-38", "3.4028235e+38", "1e-45", "0.1"};
        for (String t : f4texts) {
            same(f4, t, i4(Float.floatToRawIntBits(Float.parseFloat(t))));
        }
        assertThat(same(f4, "-0", i4(Float.floatToRawIntBits(-0.0f)))).isEqualTo(-0.0f);
        PgColumn f8 = col(PgOid.FLOAT8, "double precision");
        String[] f8texts = {"NaN", "Infinity", "-Infinity", "-0", "4.9e-324", "-1.7976931348623157e+308", "0.1"};
        for (String t : f8texts) {
            same(f8, t, i8(Double.doubleToRawLongBits(Double.parseDouble(t))));
        }
        PgColumn bool = col(PgOid.BOOL, "boolean");
        assertThat(same(bool, "t", new byte[] {1})).isEqualTo(true);
        assertThat(same(bool, "f", new byte[] {0})).isEqualTo(false);
    }

    @Test
    void numerics() {
        PgColumn free = col(PgOid.NUMERIC, "numeric");
        String huge = "1234567890".repeat(100) + "." + "0123456789".repeat(100);
        for (String t : new String[] {"0", "0.000", "1.500", "-0.0000000001", "10000", "100000000", "0.5",
            "-99999999.9999", "123456789012345678901234567890", "-" + "9".repeat(38), huge,
            "0." + "0".repeat(59) + "1", "1e-30"}) {
            String pgText = new BigDecimal(t).toPlainString();
            assertThat(same(free, pgText, numeric(pgText))).isEqualTo(pgText);
        }
        assertThat(same(free, "NaN", numericSpecial(0xC000))).isEqualTo("NaN");
        assertThat(same(free, "Infinity", numericSpecial(0xD000))).isEqualTo("Infinity");
        assertThat(same(free, "-Infinity", numericSpecial(0xF000))).isEqualTo("-Infinity");

        PgColumn n124 = col(PgOid.NUMERIC, numericTypmod(12, 4), "numeric(12,4)", 0);
        for (String t : new String[] {"0.0000", "1.5000", "-99999999.9999", "99999999.9999", "0.0001", "10000.0000",
            "12.3400"}) {
            assertThat(same(n124, t, numeric(t))).isEqualTo(new BigDecimal(t));
        }
        // NaN in a numeric(p,s) column follows the policy
        assertThat(same(n124, "NaN", numericSpecial(0xC000))).isInstanceOf(PgValueException.class);
        PgColumn n380 = col(PgOid.NUMERIC, numericTypmod(38, 0), "numeric(38,0)", 0);
        same(n380, "9".repeat(38), numeric("9".repeat(38)));
        same(n380, "-" + "9".repeat(38), numeric("-" + "9".repeat(38)));
        PgColumn negScale = col(PgOid.NUMERIC, numericTypmod(5, -2), "numeric(5,-2)", 0);
        same(negScale, "-9999900", numeric("-9999900"));
        PgColumn bigScale = col(PgOid.NUMERIC, numericTypmod(3, 5), "numeric(3,5)", 0);
        same(bigScale, "-0.00999", numeric("-0.00999"));
        // a value with more fractional digits than the column's scale cannot come from Postgres; both refuse it
        same(n124, "1.23456", numeric("1.23456"));
        // random values through the long fast path and the BigDecimal path
        Random r = new Random(42);
        PgColumn n3010 = col(PgOid.NUMERIC, numericTypmod(30, 10), "numeric(30,10)", 0);
        for (int i = 0; i < 2000; i++) {
            BigDecimal v = new BigDecimal(new BigInteger(1 + r.nextInt(99), r), r.nextInt(11));
            if (v.precision() - v.scale() > 20) {
                continue;
            }
            String t = v.setScale(10).toPlainString();
            same(n3010, t, numeric(v.toPlainString()));
            same(free, v.toPlainString(), numeric(v.toPlainString()));
        }
    }

    @Test
    void money() {
        PgColumn money = col(PgOid.MONEY, "money");
        assertThat(same(money, "-$92,233,720,368,547,758.08", i8(Long.MIN_VALUE)))
                .isEqualTo(new BigDecimal("-92233720368547758.08"));
        same(money, "$92,233,720,368,547,758.07", i8(Long.MAX_VALUE));
        same(money, "$0.00", i8(0));
        same(money, "$0.01", i8(1));
        same(money, "-$1,234.56", i8(-123456));
    }

    @Test
    void stringsBytesAndJson() {
        for (int oid : new int[] {PgOid.TEXT, PgOid.VARCHAR, PgOid.BPCHAR, PgOid.NAME}) {
            for (String s : new String[] {"", " ", "ab   ", "tab\there\nnew \\ back é", "😀👍🏽🇯🇵 漢字 \u202eRTL \uFEFF",
                "\u0001\u007f|end"}) {
                assertThat(same(col(oid, "text"), s, utf8(s))).isEqualTo(s);
            }
        }
        PgColumn bytea = col(PgOid.BYTEA, "bytea");
        byte[] all = new byte[256];
        StringBuilder hex = new StringBuilder("\\x");
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
            hex.append(String.format("%02x", i));
        }
        assertThat((byte[]) same(bytea, hex.toString(), all)).containsExactly(all);
        same(bytea, "\\x", new byte[0]);
        same(bytea, "\\xc328", new byte[] {(byte) 0xC3, 0x28}); // not UTF-8
        PgColumn uuid = col(PgOid.UUID, "uuid");
        same(uuid, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", ByteBuffer.allocate(16)
                .putLong(0xa0eebc999c0b4ef8L).putLong(0xbb6d6bb9bd380a11L).array());
        same(uuid, "ffffffff-ffff-ffff-ffff-ffffffffffff", i8(-1).length == 8 ? concat(i8(-1), i8(-1)) : null);
        same(uuid, "00000000-0000-0000-0000-000000000000", new byte[16]);
        String json = "{\"a\": [1, 2.50], \"dup\": 1, \"dup\": 2, \"e\": \"😀\"}";
        same(col(PgOid.JSON, "json"), json, utf8(json));
        String jsonb = "{\"a\": null, \"n\": 1.50, \"z\": {\"y\": [\"é\"]}}";
        assertThat(same(col(PgOid.JSONB, "jsonb"), jsonb, concat(new byte[] {1}, utf8(jsonb)))).isEqualTo(jsonb);
        assertThatThrownBy(() -> STRICT.binaryConverter(col(PgOid.JSONB, "jsonb"), false, T)
                .convert(concat(new byte[] {2}, utf8("{}")), 0, 3)).isInstanceOf(PgValueException.class)
                .hasMessageContaining("version 1");
        String xml = "<a attr=\"x &amp; y\">漢字</a>";
        same(col(PgOid.XML, "xml"), xml, utf8(xml));
        PgColumn mood = col(MOOD, "public.mood");
        same(mood, "Ünïcode label", utf8("Ünïcode label"));
        assertThat(same(mood, "happy", utf8("happy"))).isInstanceOf(PgValueException.class);
    }

    @Test
    void datesAndTimes() {
        PgColumn date = col(PgOid.DATE, "date");
        same(date, "2000-01-01", i4(0));
        same(date, "1970-01-01", i4((int) -PG_EPOCH_DAYS));
        same(date, "2024-02-29", i4((int) (java.time.LocalDate.of(2024, 2, 29).toEpochDay() - PG_EPOCH_DAYS)));
        same(date, "4713-01-01 BC", i4((int) (java.time.LocalDate.of(-4712, 1, 1).toEpochDay() - PG_EPOCH_DAYS)));
        same(date, "0044-03-15 BC", i4((int) (java.time.LocalDate.of(-43, 3, 15).toEpochDay() - PG_EPOCH_DAYS)));
        same(date, "5874897-12-31", i4((int) (java.time.LocalDate.of(5874897, 12, 31).toEpochDay() - PG_EPOCH_DAYS)));
        assertThat(same(date, "infinity", i4(Integer.MAX_VALUE))).isInstanceOf(PgValueException.class);
        same(date, "-infinity", i4(Integer.MIN_VALUE));

        PgColumn time = col(PgOid.TIME, "time without time zone");
        same(time, "00:00:00", i8(0));
        same(time, "00:00:00.000001", i8(1));
        same(time, "24:00:00", i8(86_400_000_000L));
        same(time, "12:34:56.5", i8(((12 * 60 + 34) * 60 + 56) * 1_000_000L + 500_000));

        PgColumn timetz = col(PgOid.TIMETZ, "time with time zone");
        assertThat(same(timetz, "12:34:56.789+05:30", concat(i8(((12 * 60 + 34) * 60 + 56) * 1_000_000L + 789_000),
                i4(-19_800)))).isEqualTo("12:34:56.789+05:30");
        same(timetz, "00:00:00+00", concat(i8(0), i4(0)));
        same(timetz, "24:00:00-15:59", concat(i8(86_400_000_000L), i4(57_540)));
        same(timetz, "00:00:00.000001-15:59", concat(i8(1), i4(57_540)));
        same(timetz, "12:00:00+00:53:28", concat(i8(43_200_000_000L), i4(-3208)));
        same(timetz, "23:59:59.999999+15:59", concat(i8(86_399_999_999L), i4(-57_540)));

        for (int oid : new int[] {PgOid.TIMESTAMP, PgOid.TIMESTAMPTZ}) {
            boolean tz = oid == PgOid.TIMESTAMPTZ;
            PgColumn ts = col(oid, tz ? "timestamp with time zone" : "timestamp without time zone");
            String z = tz ? "+00" : "";
            same(ts, "2000-01-01 00:00:00" + z, i8(0));
            same(ts, "1970-01-01 00:00:00" + z, i8(-PG_EPOCH_MICROS));
            same(ts, "2000-01-01 00:00:00.5" + z, i8(500_000));
            same(ts, "1999-12-31 23:59:59.999999" + z, i8(-1));
            long bc = java.time.LocalDate.of(-4712, 1, 1).toEpochDay() * 86_400_000_000L - PG_EPOCH_MICROS;
            same(ts, "4713-01-01 00:00:00" + z + " BC", i8(bc));
            long last = Long.MAX_VALUE - PG_EPOCH_MICROS; // 294247-01-10 04:00:54.775807 UTC
            assertThat(same(ts, "294247-01-10 04:00:54.775807" + z, i8(last))).isEqualTo(Long.MAX_VALUE);
            // after the last instant int64 microseconds since 1970 hold: the policy decides, like the text path
            long after = java.time.LocalDate.of(294276, 12, 31).toEpochDay() * 86_400_000_000L
                    + 86_399_999_999L - PG_EPOCH_MICROS;
            assertThat(same(ts, "294276-12-31 23:59:59.999999" + z, i8(after))).isInstanceOf(PgValueException.class);
            same(ts, "infinity", i8(Long.MAX_VALUE));
            same(ts, "-infinity", i8(Long.MIN_VALUE));
        }
        assertThatThrownBy(() -> STRICT.binaryConverter(col(PgOid.TIMESTAMP, "timestamp"), false, T)
                .convert(i8(Long.MAX_VALUE), 0, 8)).hasMessageContaining("'infinity'");
    }

    @Test
    void intervals() {
        PgColumn interval = col(PgOid.INTERVAL, "interval");
        same(interval, "00:00:00", concat(i8(0), i4(0), i4(0)));
        same(interval, "1 year 2 mons -3 days +04:05:06.789", concat(i8(14_706_789_000L), i4(-3), i4(14)));
        same(interval, "-178000000 years -2 mons -3 days -04:05:06.000001",
                concat(i8(-14_706_000_001L), i4(-3), i4(-2_136_000_002)));
        same(interval, "178000000 years 11 mons 2147483647 days 2562047788:00:54.775807",
                concat(i8(Long.MAX_VALUE), i4(Integer.MAX_VALUE), i4(2_136_000_011)));
        same(interval, "1 mon -1 days -00:00:00.000001", concat(i8(-1), i4(-1), i4(1)));
    }

    @Test
    void bitsMacaddrLsn() {
        PgColumn bit = col(PgOid.VARBIT, "bit varying");
        same(bit, "", i4(0));
        same(bit, "10101", concat(i4(5), new byte[] {(byte) 0xA8}));
        same(bit, "10101010101010101", concat(i4(17), new byte[] {(byte) 0xAA, (byte) 0xAA, (byte) 0x80}));
        same(bit, "1111000011110000", concat(i4(16), new byte[] {(byte) 0xF0, (byte) 0xF0}));
        PgColumn mac = col(PgOid.MACADDR, "macaddr");
        same(mac, "08:00:2b:01:02:03", new byte[] {8, 0, 0x2b, 1, 2, 3});
        same(mac, "ff:ff:ff:ff:ff:ff", new byte[] {-1, -1, -1, -1, -1, -1});
        same(col(PgOid.MACADDR8, "macaddr8"), "08:00:2b:ff:fe:01:02:03", new byte[] {8, 0, 0x2b, -1, -2, 1, 2, 3});
        PgColumn lsn = col(PgOid.PG_LSN, "pg_lsn");
        same(lsn, "0/0", i8(0));
        same(lsn, "16/B374D848", i8(0x16B374D848L));
        same(lsn, "FFFFFFFF/FFFFFFFF", i8(-1));
    }

    @Test
    void arrays() {
        PgColumn ints = col(1007, -1, "integer[]", 1);
        assertThat(same(ints, "{1,NULL,-2147483648}", array(PgOid.INT4, new int[] {3}, i4(1), null,
                i4(Integer.MIN_VALUE)))).isEqualTo(Arrays.asList(1, null, Integer.MIN_VALUE));
        same(ints, "{}", array(PgOid.INT4, new int[0]));
        // non-default lower bounds are not carried, either way
        same(ints, "[0:2]={7,8,9}", array(PgOid.INT4, new int[] {3}, i4(7), i4(8), i4(9)));
        // a 2-D value in a 1-D column follows the policy
        assertThat(same(ints, "{{1,2}}", array(PgOid.INT4, new int[] {1, 2}, i4(1), i4(2))))
                .isInstanceOf(PgValueException.class);
        PgColumn ints2 = col(1007, -1, "integer[]", 2);
        assertThat(same(ints2, "{{1,2},{3,NULL}}", array(PgOid.INT4, new int[] {2, 2}, i4(1), i4(2), i4(3), null)))
                .isEqualTo(List.of(List.of(1, 2), Arrays.asList(3, null)));
        same(ints2, "{}", array(PgOid.INT4, new int[0]));
        same(ints2, "{1,2}", array(PgOid.INT4, new int[] {2}, i4(1), i4(2)));
        PgColumn texts = col(1009, -1, "text[]", 1);
        same(texts, "{\"a,b\",NULL,\"NULL\",\"q\\\"uote\",\"back\\\\slash\",\"\"}", array(PgOid.TEXT, new int[] {6},
                utf8("a,b"), null, utf8("NULL"), utf8("q\"uote"), utf8("back\\slash"), utf8("")));
        PgColumn nums = col(1231, numericTypmod(10, 2), "numeric(10,2)[]", 1);
        same(nums, "{-99999999.99,NULL,0.01}", array(PgOid.NUMERIC, new int[] {3}, numeric("-99999999.99"), null,
                numeric("0.01")));
        // a special element follows the policy
        same(nums, "{NaN,1.00}", array(PgOid.NUMERIC, new int[] {2}, numericSpecial(0xC000), numeric("1.00")));
        PgColumn dates = col(1182, -1, "date[]", 1);
        same(dates, "{-infinity,2000-01-01}", array(PgOid.DATE, new int[] {2}, i4(Integer.MIN_VALUE), i4(0)));
        PgColumn moods = col(MOOD + 1, -1, "public.mood[]", 1);
        same(moods, "{sad,\"Ünïcode label\",NULL}", array(MOOD, new int[] {3}, utf8("sad"), utf8("Ünïcode label"),
                null));
        PgColumn byteas = col(1001, -1, "bytea[]", 1);
        same(byteas, "{\"\\\\x00ff\",NULL}", array(PgOid.BYTEA, new int[] {2}, new byte[] {0, -1}, null));
    }

    @Test
    void hstore() {
        int oid = 90_100;
        PgTypeRegistry r = new PgTypeRegistry();
        r.register(new PgType(oid, "public.hstore", 'b', 'U', 0, 0, List.of()));
        PgColumn c = col(oid, "public.hstore");
        for (SpecialValuePolicy p : SpecialValuePolicy.values()) {
            PgTypeMapper m = new PgTypeMapper(r, p);
            byte[] bin = concat(i4(4), i4(0), utf8(""), i4(0), utf8(""), i4(1), utf8("a"), i4(1), utf8("1"),
                    i4(1), utf8("b"), i4(-1), i4(5), utf8("ü é"), i4(6), utf8("漢字"));
            String text = "\"\"=>\"\", \"a\"=>\"1\", \"b\"=>NULL, \"ü é\"=>\"漢字\"";
            Object expected = m.converter(c, false, T).convert(text);
            Object actual = m.binaryConverter(c, false, T).convert(bin, 0, bin.length);
            assertThat(actual).isEqualTo(expected);
            @SuppressWarnings("unchecked")
            java.util.Map<String, String> map = (java.util.Map<String, String>) actual;
            assertThat(map).hasSize(4).containsEntry("b", null);
            byte[] empty = i4(0);
            assertThat(m.binaryConverter(c, false, T).convert(empty, 0, 4)).isEqualTo(m.converter(c, false, T).convert(""));
        }
    }

    @Test
    void typesWithoutABinaryDecoderAreReadAsText() {
        for (PgColumn c : List.of(col(PgOid.INET, "inet"), col(PgOid.CIDR, "cidr"), col(PgOid.CHAR, "\"char\""),
                col(PgOid.INT4RANGE, "int4range"), col(PgOid.TSTZRANGE, "tstzrange"), col(PgOid.POINT, "point"),
                col(PgOid.TSVECTOR, "tsvector"), col(1041, -1, "inet[]", 1), col(123_456, "unregistered"))) {
            assertThat(STRICT.binaryConverter(c, false, T)).as(c.typeName()).isNull();
        }
    }

    @Test
    void errorsNameTableColumnTypeAndValue() {
        PgColumn c = new PgColumn("c_int", PgOid.INT4, -1, "integer", true);
        BinaryConverter bc = STRICT.binaryConverter(c, false, T);
        byte[] bad = {1, 2, 3};
        RuntimeException e = (RuntimeException) attempt(() -> {
            try {
                return bc.convert(bad, 0, 3);
            } catch (PgValueException x) {
                throw PgTypeMapper.binaryError(c, T, bad, 0, 3, x);
            }
        });
        assertThat(e).hasMessageContaining("public.t.c_int (integer)").hasMessageContaining("3 bytes");
        // the special-value errors of key columns fail whatever the policy
        PgColumn keyDate = new PgColumn("d", PgOid.DATE, -1, "date", false);
        assertThatThrownBy(() -> LENIENT.binaryConverter(keyDate, true, T).convert(i4(Integer.MAX_VALUE), 0, 4))
                .isInstanceOf(PgValueException.class).hasMessageContaining("infinity");
    }
}
