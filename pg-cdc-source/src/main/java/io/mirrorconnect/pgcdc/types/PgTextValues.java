package io.mirrorconnect.pgcdc.types;

import java.math.BigDecimal;

/** Parsers for single-value text forms: bytea, numeric, money, bool. Pure. */
public final class PgTextValues {
    private static final int MAX_SHOWN = 200;

    private PgTextValues() {
    }

    /** A value for an error message: at most 200 characters, with the full length when cut. */
    public static String abbreviate(String s) {
        if (s == null) {
            return "NULL";
        }
        return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "... (" + s.length() + " chars)";
    }

    public static boolean parseBool(String text) {
        return switch (text) {
            case "t", "true" -> true;
            case "f", "false" -> false;
            default -> throw new PgValueException("'" + abbreviate(text) + "' is not a Postgres boolean (t/f)");
        };
    }

    /**
     * bytea text: hex format ({@code \x0a1b}, the default {@code bytea_output}) or escape format
     * ({@code abc\\\001}).
     */
    public static byte[] parseBytea(String text) {
        if (text.startsWith("\\x")) {
            int n = text.length() - 2;
            if (n % 2 != 0) {
                throw new PgValueException("bytea '" + abbreviate(text) + "' has an odd number of hex digits");
            }
            byte[] out = new byte[n / 2];
            for (int i = 0; i < out.length; i++) {
                int hi = Character.digit(text.charAt(2 + 2 * i), 16);
                int lo = Character.digit(text.charAt(3 + 2 * i), 16);
                if (hi < 0 || lo < 0) {
                    throw new PgValueException("bytea '" + abbreviate(text) + "' has a non-hex digit at "
                            + (2 + 2 * i));
                }
                out[i] = (byte) (hi << 4 | lo);
            }
            return out;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                if (c > 0x7F) {
                    throw new PgValueException("bytea '" + abbreviate(text) + "' (escape format) has a non-ASCII "
                            + "character");
                }
                out.write(c);
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '\\') {
                out.write('\\');
                i++;
            } else if (isOctal(text, i + 1) && isOctal(text, i + 2) && isOctal(text, i + 3)) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                throw new PgValueException("bytea '" + abbreviate(text) + "': bad escape at " + i);
            }
        }
        return out.toByteArray();
    }

    private static boolean isOctal(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7';
    }

    /** True for numeric's special values {@code NaN}, {@code Infinity}, {@code -Infinity}. */
    public static boolean isNumericSpecial(String text) {
        return "NaN".equals(text) || "Infinity".equals(text) || "-Infinity".equals(text);
    }

    /** A finite numeric text at exactly {@code scale} (the column's scale; no rounding). */
    public static BigDecimal parseNumeric(String text, int scale) {
        BigDecimal d;
        try {
            d = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new PgValueException("'" + abbreviate(text) + "' is not a numeric value");
        }
        try {
            return d.setScale(scale);
        } catch (ArithmeticException e) {
            throw new PgValueException("numeric '" + abbreviate(text) + "' has more than " + scale
                    + " fractional digits");
        }
    }

    /**
     * money text ({@code $1,234.56}, {@code -$1,234.56}, {@code ($1,234.56)}, {@code 1.234,56 €}) as a decimal
     * with 2 fractional digits. The text depends on the server's {@code lc_monetary}; this accepts any
     * currency symbol and either grouping convention, but requires exactly 2 fractional digits (true for
     * {@code C}, {@code en_US} and most locales); anything else is an error naming the value, never a guess.
     */
    public static BigDecimal parseMoney(String text) {
        boolean negative = text.indexOf('-') >= 0 || (text.startsWith("(") && text.endsWith(")"));
        StringBuilder digits = new StringBuilder(text.length());
        int lastSep = -1;
        int digitsAfterSep = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
                digitsAfterSep++;
            } else if (c == '.' || c == ',') {
                lastSep = i;
                digitsAfterSep = 0;
            }
        }
        if (digits.length() == 0 || lastSep < 0 || digitsAfterSep != 2) {
            throw new PgValueException("money '" + abbreviate(text) + "' does not have exactly 2 fractional digits; "
                    + "set lc_monetary to C (or en_US) for the source connection");
        }
        BigDecimal v = new BigDecimal(new java.math.BigInteger(digits.toString()), 2);
        return negative ? v.negate() : v;
    }
}
