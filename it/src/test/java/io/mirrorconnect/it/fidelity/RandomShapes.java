package io.mirrorconnect.it.fidelity;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The randomized variant: one table with a column of every scalar type of {@link TypeSpec#SCALARS} and a few
 * array columns, its rows generated from a seed (printed with every failure; {@code -Dfidelity.seed=N} replays
 * it). Values cover each type's whole domain (full-range integers, any float bit pattern, long decimals, text
 * from control characters to emoji, random bytes, dates from year 1 to 9999, any zone offset), so rows a
 * destination cannot hold occur too. Pure: the same seed gives the same statements.
 */
public final class RandomShapes {
    public static final String SEED_PROPERTY = "fidelity.seed";
    static final String TABLE = "fid_random";
    private static final List<String> ARRAY_COLUMNS = List.of("a_int4", "a_text", "a_tstz", "a_numeric", "a_bytea", "a_float8");
    private static final String[] MOODS = {"sad", "ok", "happy", "Ünïcode label", "with space"};
    private static final int[][] CODE_POINT_POOLS = {
        {0x20, 0x7e}, {0x01, 0x1f}, {0x7f, 0x7f}, {0xa0, 0x24f}, {0x4e00, 0x9fff}, {0x1f300, 0x1faff}, {0x300, 0x36f}, {0xac00, 0xd7a3}};

    private final Random random;

    private RandomShapes(long seed) {
        this.random = new Random(seed);
    }

    /** The seed from {@code -Dfidelity.seed}, else a fresh one. */
    public static long seed() {
        String configured = System.getProperty(SEED_PROPERTY);
        return configured != null && !configured.isBlank() ? Long.parseLong(configured.trim()) : new Random().nextLong();
    }

    public static TableShape table(long seed, String group) {
        return new RandomShapes(seed).build(group);
    }

    private TableShape build(String group) {
        TableShape.Builder b = TableShape.builder(TABLE, group).key("id");
        TypeSpec.SCALARS.forEach(s -> b.column(s.scalar()));
        ARRAY_COLUMNS.forEach(c -> b.column(TypeSpec.arrayNamed(c).array()));
        for (int id = 1; id <= 12; id++) {
            b.snapshotRow(id, row().values());
        }
        for (int id = 101; id <= 108; id++) {
            b.streamingRow(id, row().values());
        }
        List<Integer> keys = new ArrayList<>();
        for (int id = 1; id <= 12; id++) {
            keys.add(id);
        }
        for (int id = 101; id <= 108; id++) {
            keys.add(id);
        }
        java.util.Collections.shuffle(keys, random);
        for (int i = 0; i < 4; i++) {
            TypeSpec s = TypeSpec.SCALARS.get(random.nextInt(TypeSpec.SCALARS.size()));
            b.update(Sql.ident(s.column()) + " = " + value(s), "id = " + keys.get(i));
        }
        b.delete(keys.get(4), keys.get(5), keys.get(6));
        return b.build();
    }

    private Rows row() {
        Rows r = Rows.spec();
        for (TypeSpec s : TypeSpec.SCALARS) {
            r.x(s.column(), value(s));
        }
        for (String c : ARRAY_COLUMNS) {
            TypeSpec s = TypeSpec.arrayNamed(c);
            if (random.nextInt(8) == 0) {
                r.x(c, "NULL");
                continue;
            }
            int n = random.nextInt(4);
            List<String> elements = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                elements.add(random.nextInt(6) == 0 ? "NULL" : literal(s));
            }
            r.x(c, n == 0 ? "'{}'::" + s.pgType() + "[]" : "ARRAY[" + String.join(", ", elements) + "]::" + s.pgType() + "[]");
        }
        return r;
    }

    /** A random value of the type as an SQL expression, NULL one time in ten. */
    private String value(TypeSpec s) {
        return random.nextInt(10) == 0 ? "NULL" : literal(s);
    }

    private String literal(TypeSpec s) {
        switch (s.pgType()) {
            case "smallint": return lit(Integer.toString(random.nextInt(65536) - 32768), s);
            case "integer": return lit(Integer.toString(random.nextInt()), s);
            case "bigint": return lit(Long.toString(random.nextLong()), s);
            case "oid": return lit(Long.toString(random.nextLong() & 0xffffffffL), s);
            case "fid_posint": return lit(Integer.toString(1 + random.nextInt(Integer.MAX_VALUE)), s);
            case "real": return lit(float4(), s);
            case "double precision": return lit(float8(), s);
            case "boolean": return lit(Boolean.toString(random.nextBoolean()), s);
            case "numeric(12,4)": return lit(decimal(8, 4), s);
            case "numeric(38,0)": return lit(decimal(38, 0), s);
            case "numeric(60,10)": return lit(decimal(50, 10), s);
            case "numeric(80,5)": return lit(decimal(75, 5), s);
            case "numeric": return lit(random.nextInt(8) == 0 ? pick("NaN", "Infinity", "-Infinity") : decimal(1 + random.nextInt(60), random.nextInt(30)), s);
            case "money": return lit(new java.math.BigDecimal(BigInteger.valueOf(random.nextLong()), 2).toPlainString(), s);
            case "text": return lit(text(random.nextInt(40)), s);
            case "character varying(40)": return lit(text(random.nextInt(41)), s);
            case "character(6)": return lit(text(random.nextInt(7)).stripTrailing(), s);
            case "citext": return lit(text(random.nextInt(20)), s);
            case "bytea": return bytes();
            case "uuid": return lit(new UUID(random.nextLong(), random.nextLong()).toString(), s);
            case "json": case "jsonb": return lit(json(2).toString(), s);
            case "xml": return lit("<r>" + text(10).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    .replaceAll("[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f]", "") + "</r>", s);
            case "date": return lit(random.nextInt(20) == 0 ? pick("infinity", "-infinity") : date(), s);
            case "timestamp without time zone": return lit(random.nextInt(20) == 0 ? pick("infinity", "-infinity") : date() + " " + time(false), s);
            case "timestamp with time zone": return lit(random.nextInt(20) == 0 ? pick("infinity", "-infinity") : date() + " " + time(false) + offset(), s);
            case "time without time zone": return lit(time(true), s);
            case "time with time zone": return lit(time(true) + offset(), s);
            case "interval": return lit((random.nextInt(2000) - 1000) + " mons " + (random.nextInt(2000) - 1000) + " days "
                    + (random.nextLong() % 1_000_000_000_000L) + " microseconds", s);
            case "inet": return lit(random.nextBoolean() ? ipv4() + "/" + (8 + random.nextInt(25)) : ipv6(), s);
            case "cidr": return "network(" + lit(ipv4() + "/" + random.nextInt(33), TypeSpec.scalarNamed("c_inet")) + ")::cidr";
            case "macaddr": return lit(mac(6), s);
            case "macaddr8": return lit(mac(8), s);
            case "bit(4)": return lit(bits(4), s);
            case "bit varying(16)": return lit(bits(random.nextInt(17)), s);
            case "fid_mood": return lit(pick(MOODS), s);
            case "int4range": {
                int lo = random.nextInt(1000) - 500;
                return lit("[" + lo + "," + (lo + random.nextInt(100)) + ")", s);
            }
            case "tstzrange": return lit("[" + "2000-01-01 00:00:00" + offset() + "," + "2030-01-01 00:00:00" + offset() + ")", s);
            case "hstore": return "hstore(" + lit(text(5), TypeSpec.scalarNamed("c_text")) + ", "
                    + (random.nextBoolean() ? "NULL" : lit(text(5), TypeSpec.scalarNamed("c_text"))) + ")";
            case "name": return lit(text(random.nextInt(13)), s);
            case "\"char\"": return lit(String.valueOf((char) ('!' + random.nextInt(94))), s);
            case "xid8": return lit(Long.toUnsignedString(random.nextLong()), s);
            case "point": return lit("(" + float8() + "," + float8() + ")", s);
            case "tsvector": return lit(word() + " " + word() + ":" + (1 + random.nextInt(100)), s);
            case "int4multirange": {
                int lo = random.nextInt(1000) - 500;
                return lit("{[" + lo + "," + (lo + 1 + random.nextInt(10)) + "), [" + (lo + 20) + "," + (lo + 30) + ")}", s);
            }
            case "fid_pair": return "ROW(" + random.nextInt() + ", " + lit(text(8), TypeSpec.scalarNamed("c_text")) + ")::fid_pair";
            default: throw new IllegalArgumentException("no generator for " + s.pgType());
        }
    }

    private static String lit(String value, TypeSpec s) {
        return Sql.lit(value, s.pgType());
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private String float4() {
        if (random.nextInt(8) == 0) {
            return pick("NaN", "Infinity", "-Infinity", "-0");
        }
        float f;
        do {
            f = Float.intBitsToFloat(random.nextInt());
        } while (Float.isNaN(f) || Float.isInfinite(f));
        return Float.toString(f);
    }

    private String float8() {
        if (random.nextInt(8) == 0) {
            return pick("NaN", "Infinity", "-Infinity", "-0");
        }
        double d;
        do {
            d = Double.longBitsToDouble(random.nextLong());
        } while (Double.isNaN(d) || Double.isInfinite(d));
        return Double.toString(d);
    }

    private String decimal(int integerDigits, int scale) {
        StringBuilder sb = new StringBuilder(random.nextBoolean() ? "-" : "");
        int n = 1 + random.nextInt(Math.max(1, integerDigits));
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        if (scale > 0) {
            sb.append('.');
            int f = 1 + random.nextInt(scale);
            for (int i = 0; i < f; i++) {
                sb.append((char) ('0' + random.nextInt(10)));
            }
        }
        return sb.toString();
    }

    /** Text of {@code length} code points from pools: ASCII, controls (never NUL), Latin, CJK, emoji, combining, Hangul. */
    private String text(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int[] pool = CODE_POINT_POOLS[random.nextInt(CODE_POINT_POOLS.length)];
            sb.appendCodePoint(pool[0] + random.nextInt(pool[1] - pool[0] + 1));
        }
        return sb.toString();
    }

    private String bytes() {
        byte[] b = new byte[random.nextInt(48)];
        random.nextBytes(b);
        return Sql.bytes(b);
    }

    private ObjectNode json(int depth) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String key = text(1 + random.nextInt(4));
            switch (random.nextInt(depth > 0 ? 5 : 3)) {
                case 0: o.put(key, text(random.nextInt(6)).replace("\u0000", "")); break;
                case 1: o.put(key, random.nextLong()); break;
                case 2: o.put(key, random.nextBoolean()); break;
                case 3: o.set(key, json(depth - 1)); break;
                default: {
                    ArrayNode a = o.putArray(key);
                    a.add(text(3)).addNull().add(random.nextDouble());
                }
            }
        }
        return o;
    }

    private String date() {
        // mostly inside 1900..2299, sometimes anywhere in 0001..9999
        int year = random.nextInt(25) == 0 ? 1 + random.nextInt(9999) : 1900 + random.nextInt(400);
        java.time.LocalDate d = java.time.LocalDate.of(year, 1, 1).plusDays(random.nextInt(365));
        return d.toString();
    }

    private String time(boolean allow24) {
        if (allow24 && random.nextInt(20) == 0) {
            return "24:00:00";
        }
        long micros = (long) (random.nextDouble() * 86_400_000_000L);
        return String.format("%02d:%02d:%02d.%06d", micros / 3_600_000_000L, micros / 60_000_000L % 60,
                micros / 1_000_000L % 60, micros % 1_000_000L);
    }

    private String offset() {
        int minutes = random.nextInt(2 * 15 * 60 + 1) - 15 * 60;
        return String.format("%s%02d:%02d", minutes < 0 ? "-" : "+", Math.abs(minutes) / 60, Math.abs(minutes) % 60);
    }

    private String ipv4() {
        return random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    private String ipv6() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            sb.append(i == 0 ? "" : ":").append(Integer.toHexString(random.nextInt(65536)));
        }
        return sb.toString();
    }

    private String mac(int bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes; i++) {
            sb.append(i == 0 ? "" : ":").append(String.format("%02x", random.nextInt(256)));
        }
        return sb.toString();
    }

    private String word() {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    private String bits(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(random.nextBoolean() ? '1' : '0');
        }
        return sb.toString();
    }
}
