package io.mirrorconnect.pgcdc.types;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Rewrites the text of {@code tstzrange}/{@code tstzmultirange} values so their bounds are in UTC, the way
 * Postgres prints them with {@code TimeZone = UTC} ({@code ["2024-01-01 00:00:00+00","2024-02-01 00:00:00+00")}).
 * Range text is passed through as a string, but timestamptz bounds print in the session's time zone, so
 * without this the same value would read differently from connections in different zones. Pure.
 */
public final class PgRangeText {
    private PgRangeText() {
    }

    /** A tstzrange's text with UTC bounds ({@code empty} stays {@code empty}). */
    public static String tstzRangeToUtc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int end = range(text, 0, out);
        if (end != text.length()) {
            throw bad(text, "text after the range");
        }
        return out.toString();
    }

    /** A tstzmultirange's text ({@code {[a,b),[c,d)}}) with UTC bounds. */
    public static String tstzMultirangeToUtc(String text) {
        if (!text.startsWith("{") || !text.endsWith("}")) {
            throw bad(text, "a multirange is enclosed in {}");
        }
        StringBuilder out = new StringBuilder(text.length()).append('{');
        int i = 1;
        int last = text.length() - 1;
        while (i < last) {
            if (text.charAt(i) == ',' || text.charAt(i) == ' ') {
                out.append(text.charAt(i++));
                continue;
            }
            i = range(text, i, out);
        }
        return out.append('}').toString();
    }

    /** Copies one range starting at {@code i} with its bounds rewritten; returns the index after it. */
    private static int range(String s, int i, StringBuilder out) {
        if (s.startsWith("empty", i)) {
            out.append("empty");
            return i + 5;
        }
        if (i >= s.length() || (s.charAt(i) != '[' && s.charAt(i) != '(')) {
            throw bad(s, "expected '[' or '(' at offset " + i);
        }
        out.append(s.charAt(i++));
        i = bound(s, i, out);
        if (i >= s.length() || s.charAt(i) != ',') {
            throw bad(s, "expected ',' at offset " + i);
        }
        out.append(',');
        i = bound(s, i + 1, out);
        if (i >= s.length() || (s.charAt(i) != ']' && s.charAt(i) != ')')) {
            throw bad(s, "expected ']' or ')' at offset " + i);
        }
        out.append(s.charAt(i));
        return i + 1;
    }

    private static int bound(String s, int i, StringBuilder out) {
        StringBuilder v = new StringBuilder();
        boolean quoted = i < s.length() && s.charAt(i) == '"';
        if (quoted) {
            i++;
            while (i < s.length() && s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\' && i < s.length()) {
                    c = s.charAt(i++);
                }
                v.append(c);
            }
            if (i >= s.length()) {
                throw bad(s, "unterminated quoted bound");
            }
            i++;
        } else {
            while (i < s.length() && s.charAt(i) != ',' && s.charAt(i) != ']' && s.charAt(i) != ')') {
                v.append(s.charAt(i++));
            }
        }
        String b = v.toString();
        if (b.isEmpty()) {
            return i; // unbounded
        }
        if (PgTemporal.isInfinity(b)) {
            out.append(b);
        } else {
            out.append('"').append(formatUtc(PgTemporal.parseTimestampTzMicros(b))).append('"');
        }
        return i;
    }

    /** Epoch microseconds as Postgres prints a timestamptz with {@code TimeZone = UTC, DateStyle = ISO}. */
    public static String formatUtc(long micros) {
        long seconds = Math.floorDiv(micros, PgTemporal.MICROS_PER_SECOND);
        int fraction = (int) Math.floorMod(micros, PgTemporal.MICROS_PER_SECOND);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        int year = t.getYear();
        boolean bc = year <= 0;
        StringBuilder sb = new StringBuilder(32);
        sb.append(String.format("%04d-%02d-%02d %02d:%02d:%02d", bc ? 1 - year : year, t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
        if (fraction != 0) {
            String f = String.format("%06d", fraction);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(f, 0, end);
        }
        sb.append("+00");
        if (bc) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    private static PgValueException bad(String text, String why) {
        return new PgValueException("'" + PgTextValues.abbreviate(text) + "' is not a timestamptz range: " + why);
    }
}
