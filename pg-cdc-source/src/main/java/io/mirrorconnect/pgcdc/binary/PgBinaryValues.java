package io.mirrorconnect.pgcdc.binary;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

import io.mirrorconnect.pgcdc.types.PgValueException;

/**
 * Decoders of Postgres's binary send formats (what {@code COPY ... (FORMAT binary)} writes per field), big-endian,
 * straight from the tuple's bytes: no text round trip for numbers and times. Pure. Each method gives the value the
 * text path would compute from the same value's text form (see {@code PgTypeMapper}); callers handle special
 * values (infinities, NaN) through the column's policy, so those are reported, not converted, here.
 */
public final class PgBinaryValues {
    /** Microseconds between 1970-01-01 and Postgres's epoch 2000-01-01. */
    public static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    /** Days between 1970-01-01 and 2000-01-01. */
    public static final int PG_EPOCH_DAYS = 10_957;

    private static final int NUMERIC_POS = 0x0000;
    private static final int NUMERIC_NEG = 0x4000;
    private static final int NUMERIC_NAN = 0xC000;
    private static final int NUMERIC_PINF = 0xD000;
    private static final int NUMERIC_NINF = 0xF000;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final byte[] HEX_BYTES = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L,
        100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L};
    private static final BigInteger NBASE = BigInteger.valueOf(10_000);
    private static final int MAX_SHOWN = 64;

    private PgBinaryValues() {
    }

    // ---- framing helpers ----

    // big-endian views of a byte[]: one (byte-swapped) load each once compiled
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** A signed big-endian int16. */
    public static int int16(byte[] b, int off) {
        return (short) SHORT_BE.get(b, off);
    }

    public static int int32(byte[] b, int off) {
        return (int) INT_BE.get(b, off);
    }

    public static long int64(byte[] b, int off) {
        return (long) LONG_BE.get(b, off);
    }

    /** Fails unless the value has exactly {@code expected} bytes. */
    public static void expectLength(int length, int expected, String type) {
        if (length != expected) {
            throw new PgValueException("binary " + type + " value has " + length + " bytes, expected " + expected);
        }
    }

    /** The first bytes of a value in hex, for error messages. */
    public static String show(byte[] b, int off, int len) {
        int n = Math.min(len, MAX_SHOWN);
        StringBuilder sb = new StringBuilder(2 * n + 24).append("\\x");
        for (int i = 0; i < n; i++) {
            sb.append(HEX[(b[off + i] >> 4) & 0xF]).append(HEX[b[off + i] & 0xF]);
        }
        if (len > n) {
            sb.append("... (").append(len).append(" bytes)");
        }
        return sb.toString();
    }

    // ---- numbers ----

    public static short int2(byte[] b, int off, int len) {
        expectLength(len, 2, "smallint");
        return (short) int16(b, off);
    }

    public static int int4(byte[] b, int off, int len) {
        expectLength(len, 4, "integer");
        return int32(b, off);
    }

    public static long int8(byte[] b, int off, int len) {
        expectLength(len, 8, "bigint");
        return int64(b, off);
    }

    /** oid, xid, cid: unsigned 32-bit. */
    public static long uint4(byte[] b, int off, int len) {
        expectLength(len, 4, "unsigned 32-bit");
        return int32(b, off) & 0xFFFFFFFFL;
    }

    /** xid8: unsigned 64-bit, as its decimal text. */
    public static String uint8Text(byte[] b, int off, int len) {
        expectLength(len, 8, "xid8");
        return Long.toUnsignedString(int64(b, off));
    }

    public static float float4(byte[] b, int off, int len) {
        expectLength(len, 4, "real");
        return Float.intBitsToFloat(int32(b, off));
    }

    public static double float8(byte[] b, int off, int len) {
        expectLength(len, 8, "double precision");
        return Double.longBitsToDouble(int64(b, off));
    }

    public static boolean bool(byte[] b, int off, int len) {
        expectLength(len, 1, "boolean");
        return b[off] != 0;
    }

    /** money: a 64-bit count of cents. */
    public static BigDecimal money(byte[] b, int off, int len) {
        expectLength(len, 8, "money");
        return BigDecimal.valueOf(int64(b, off), 2);
    }

    /**
     * The text Postgres prints for a special numeric ({@code NaN}, {@code Infinity}, {@code -Infinity}), or null
     * for a finite one.
     */
    public static String numericSpecial(byte[] b, int off, int len) {
        if (len < 8) {
            throw new PgValueException("binary numeric value has " + len + " bytes, expected at least 8");
        }
        return switch (int16(b, off + 4) & 0xFFFF) {
            case NUMERIC_NAN -> "NaN";
            case NUMERIC_PINF -> "Infinity";
            case NUMERIC_NINF -> "-Infinity";
            default -> null;
        };
    }

    /**
     * A finite numeric at its display scale ({@code dscale}: the digits Postgres prints after the point). Header:
     * ndigits, weight, sign, dscale (int16 each), then ndigits base-10000 digits; the value is
     * {@code sum(digit[i] * 10000^(weight - i))}.
     */
    public static BigDecimal numeric(byte[] b, int off, int len) {
        int ndigits = int16(b, off) & 0xFFFF;
        int weight = int16(b, off + 2);
        int sign = int16(b, off + 4) & 0xFFFF;
        int dscale = int16(b, off + 6) & 0x3FFF;
        if (sign != NUMERIC_POS && sign != NUMERIC_NEG) {
            throw new PgValueException("binary numeric " + show(b, off, len) + " is not finite");
        }
        if (len != 8 + 2 * ndigits) {
            throw new PgValueException("binary numeric value has " + len + " bytes, expected " + (8 + 2 * ndigits));
        }
        if (ndigits == 0) {
            return BigDecimal.valueOf(0, dscale);
        }
        // scale of the digits as sent: (ndigits - 1 - weight) groups of 4 decimal digits
        int scale = (ndigits - 1 - weight) * 4;
        BigDecimal v;
        if (ndigits <= 4) {
            long u = 0;
            for (int i = 0; i < ndigits; i++) {
                u = u * 10_000 + (int16(b, off + 8 + 2 * i) & 0xFFFF);
            }
            v = BigDecimal.valueOf(sign == NUMERIC_NEG ? -u : u, scale);
        } else {
            // base 10000 -> base 10: groups of 4 digits as chars, then one BigInteger parse
            char[] digits = new char[ndigits * 4 + 1];
            int p = 0;
            if (sign == NUMERIC_NEG) {
                digits[p++] = '-';
            }
            for (int i = 0; i < ndigits; i++) {
                int d = int16(b, off + 8 + 2 * i) & 0xFFFF;
                digits[p++] = (char) ('0' + d / 1000);
                digits[p++] = (char) ('0' + d / 100 % 10);
                digits[p++] = (char) ('0' + d / 10 % 10);
                digits[p++] = (char) ('0' + d % 10);
            }
            v = new BigDecimal(new BigInteger(new String(digits, 0, p)), scale);
        }
        // the digits past dscale are zeros (Postgres rounds to dscale before sending), so this never rounds
        return v.setScale(dscale, java.math.RoundingMode.UNNECESSARY);
    }

    /**
     * A finite numeric at exactly {@code scale} (a {@code numeric(p,s)} column's Decimal), in one step: the
     * digits of up to 16 decimal places are rescaled as a long, larger ones through {@link BigDecimal}.
     *
     * @throws ArithmeticException when the value has more fractional digits than {@code scale}
     */
    public static BigDecimal numericAtScale(byte[] b, int off, int len, int scale) {
        int ndigits = int16(b, off) & 0xFFFF;
        int weight = int16(b, off + 2);
        int sign = int16(b, off + 4) & 0xFFFF;
        if (ndigits == 0 || ndigits > 4 || len != 8 + 2 * ndigits || (sign != NUMERIC_POS && sign != NUMERIC_NEG)) {
            return numeric(b, off, len).setScale(scale);
        }
        long u = 0;
        for (int i = 0; i < ndigits; i++) {
            u = u * 10_000 + (int16(b, off + 8 + 2 * i) & 0xFFFF);
        }
        int digitScale = (ndigits - 1 - weight) * 4;
        int shift = digitScale - scale;
        if (shift > 0) {
            if (shift >= POW10.length || u % POW10[shift] != 0) {
                return numeric(b, off, len).setScale(scale);
            }
            u /= POW10[shift];
        } else if (shift < 0) {
            if (-shift >= POW10.length || u > Long.MAX_VALUE / POW10[-shift]) {
                return numeric(b, off, len).setScale(scale);
            }
            u *= POW10[-shift];
        }
        return BigDecimal.valueOf(sign == NUMERIC_NEG ? -u : u, scale);
    }

    /** A finite numeric's text exactly as {@code numeric_out} prints it (what unconstrained numeric maps to). */
    public static String numericText(byte[] b, int off, int len) {
        String special = numericSpecial(b, off, len);
        return special != null ? special : numeric(b, off, len).toPlainString();
    }

    // ---- strings and bytes ----

    /** text, varchar, bpchar, name, json, xml, enum labels: the text in the client encoding (UTF-8). */
    public static String utf8(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    /** jsonb: a version byte (1), then the text. */
    public static String jsonb(byte[] b, int off, int len) {
        if (len < 1 || b[off] != 1) {
            throw new PgValueException("binary jsonb " + show(b, off, len) + " does not start with version 1");
        }
        return new String(b, off + 1, len - 1, StandardCharsets.UTF_8);
    }

    public static byte[] bytea(byte[] b, int off, int len) {
        return Arrays.copyOfRange(b, off, off + len);
    }

    /** uuid: 16 bytes as the canonical lower-case text. */
    public static String uuid(byte[] b, int off, int len) {
        expectLength(len, 16, "uuid");
        byte[] out = new byte[36];
        int p = 0;
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                out[p++] = '-';
            }
            out[p++] = HEX_BYTES[(b[off + i] >> 4) & 0xF];
            out[p++] = HEX_BYTES[b[off + i] & 0xF];
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** macaddr (6 bytes) and macaddr8 (8 bytes): {@code 08:00:2b:01:02:03}. */
    public static String macaddr(byte[] b, int off, int len) {
        if (len != 6 && len != 8) {
            throw new PgValueException("binary macaddr value has " + len + " bytes, expected 6 or 8");
        }
        char[] out = new char[len * 3 - 1];
        for (int i = 0; i < len; i++) {
            if (i > 0) {
                out[i * 3 - 1] = ':';
            }
            out[i * 3] = HEX[(b[off + i] >> 4) & 0xF];
            out[i * 3 + 1] = HEX[b[off + i] & 0xF];
        }
        return new String(out);
    }

    /** bit(n), bit varying: int32 bit count, then the bits, most significant first. */
    public static String bits(byte[] b, int off, int len) {
        if (len < 4) {
            throw new PgValueException("binary bit string has " + len + " bytes, expected at least 4");
        }
        int n = int32(b, off);
        if (n < 0 || len != 4 + (n + 7) / 8) {
            throw new PgValueException("binary bit string " + show(b, off, len) + " has a bad length");
        }
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = (b[off + 4 + (i >> 3)] & (0x80 >>> (i & 7))) != 0 ? '1' : '0';
        }
        return new String(out);
    }

    // ---- date and time ----

    /** date: int32 days since 2000-01-01; {@code Integer.MIN_VALUE}/{@code MAX_VALUE} are -infinity/infinity. */
    public static int pgDate(byte[] b, int off, int len) {
        expectLength(len, 4, "date");
        return int32(b, off);
    }

    /** The text of an infinite date ({@code infinity}, {@code -infinity}), or null for a finite one. */
    public static String dateInfinity(int pgDays) {
        return pgDays == Integer.MAX_VALUE ? "infinity" : pgDays == Integer.MIN_VALUE ? "-infinity" : null;
    }

    /** timestamp, timestamptz: int64 microseconds since 2000-01-01 (UTC for timestamptz). */
    public static long pgTimestamp(byte[] b, int off, int len) {
        expectLength(len, 8, "timestamp");
        return int64(b, off);
    }

    /** The text of an infinite timestamp, or null for a finite one. */
    public static String timestampInfinity(long pgMicros) {
        return pgMicros == Long.MAX_VALUE ? "infinity" : pgMicros == Long.MIN_VALUE ? "-infinity" : null;
    }

    /**
     * Microseconds since 1970 of a finite timestamp, or throws {@link ArithmeticException} when they do not fit
     * int64 (Postgres's last 30 years).
     */
    public static long epochMicros(long pgMicros) {
        return Math.addExact(pgMicros, PG_EPOCH_MICROS);
    }

    /** An ISO text of a finite timestamp, for messages (also past the int64 range since 1970). */
    public static String showTimestamp(long pgMicros) {
        long secs = Math.floorDiv(pgMicros, 1_000_000L) + PG_EPOCH_MICROS / 1_000_000L;
        int nanos = (int) Math.floorMod(pgMicros, 1_000_000L) * 1000;
        return LocalDateTime.ofEpochSecond(secs, nanos, ZoneOffset.UTC).toString();
    }

    /** time: int64 microseconds since midnight. */
    public static long time(byte[] b, int off, int len) {
        expectLength(len, 8, "time");
        return int64(b, off);
    }

    /** timetz's time part (microseconds since midnight) and its zone (seconds WEST of UTC, as Postgres stores it). */
    public static long timetzMicros(byte[] b, int off, int len) {
        expectLength(len, 12, "time with time zone");
        return int64(b, off);
    }

    public static int timetzZoneWest(byte[] b, int off) {
        return int32(b, off + 8);
    }

    /**
     * The time of day as Postgres prints it: {@code HH:MM:SS} and, when not zero, the fraction without trailing
     * zeros.
     */
    public static String timeText(long micros) {
        long secs = micros / 1_000_000L;
        int frac = (int) (micros % 1_000_000L);
        StringBuilder sb = new StringBuilder(15);
        two(sb, (int) (secs / 3600)).append(':');
        two(sb, (int) (secs / 60 % 60)).append(':');
        two(sb, (int) (secs % 60));
        if (frac != 0) {
            int digits = 6;
            while (frac % 10 == 0) {
                frac /= 10;
                digits--;
            }
            String f = Integer.toString(frac);
            sb.append('.');
            for (int i = f.length(); i < digits; i++) {
                sb.append('0');
            }
            sb.append(f);
        }
        return sb.toString();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /** interval: int64 microseconds, int32 days, int32 months. */
    public static long[] interval(byte[] b, int off, int len) {
        expectLength(len, 16, "interval");
        return new long[] {int32(b, off + 12), int32(b, off + 8), int64(b, off)};
    }

    // ---- others ----

    /**
     * hstore ({@code hstore_send} of the hstore extension, stable since 9.0): int32 pair count, then per pair the
     * key (int32 length, bytes) and the value (int32 length, -1 for NULL, bytes), in the order the text prints them.
     */
    public static java.util.Map<String, String> hstore(byte[] b, int off, int len) {
        int end = off + len;
        if (len < 4) {
            throw new PgValueException("binary hstore has " + len + " bytes, expected at least 4");
        }
        int n = int32(b, off);
        if (n < 0 || (long) n * 8 > len - 4) {
            throw new PgValueException("binary hstore " + show(b, off, len) + " has a bad pair count");
        }
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>(Math.max(4, n * 4 / 3 + 1));
        int p = off + 4;
        for (int i = 0; i < n; i++) {
            int kl = int32(b, p);
            p += 4;
            if (kl < 0 || p + kl + 4 > end) {
                throw new PgValueException("binary hstore " + show(b, off, len) + " is cut off");
            }
            String key = new String(b, p, kl, StandardCharsets.UTF_8);
            p += kl;
            int vl = int32(b, p);
            p += 4;
            if (vl > end - p) {
                throw new PgValueException("binary hstore " + show(b, off, len) + " is cut off");
            }
            out.put(key, vl < 0 ? null : new String(b, p, vl, StandardCharsets.UTF_8));
            p += Math.max(vl, 0);
        }
        if (p != end) {
            throw new PgValueException("binary hstore has " + (end - p) + " bytes after its pairs");
        }
        return out;
    }

    /** pg_lsn: uint64 as {@code X/Y} in upper-case hex. */
    public static String pgLsn(byte[] b, int off, int len) {
        expectLength(len, 8, "pg_lsn");
        long v = int64(b, off);
        return Long.toHexString(v >>> 32).toUpperCase(java.util.Locale.ROOT) + "/"
                + Long.toHexString(v & 0xFFFFFFFFL).toUpperCase(java.util.Locale.ROOT);
    }
}
