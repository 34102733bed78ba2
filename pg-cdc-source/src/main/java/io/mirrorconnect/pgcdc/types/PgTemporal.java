package io.mirrorconnect.pgcdc.types;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Parses Postgres's date/time text output ({@code DateStyle = ISO}, the default and what pgjdbc sets) into
 * numbers, and intervals ({@code IntervalStyle = postgres}, the default, or {@code iso_8601}) into ISO-8601
 * durations. Pure and allocation-light; hand-written because {@code java.time} parsers accept neither BC years,
 * 5-digit years, {@code 24:00:00}, nor Postgres's second-precision zone offsets ({@code +00:53:28}).
 */
public final class PgTemporal {
    public static final long MICROS_PER_SECOND = 1_000_000L;
    public static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

    private PgTemporal() {
    }

    /** True for {@code infinity}/{@code -infinity} (what dates and timestamps print for their infinite values). */
    public static boolean isInfinity(String text) {
        return "infinity".equals(text) || "-infinity".equals(text);
    }

    /** Days since 1970-01-01 of {@code YYYY-MM-DD[ BC]}. */
    public static long parseDateEpochDay(String text) {
        Cursor c = new Cursor(text);
        c.date();
        boolean bc = c.bc();
        c.end();
        return c.epochDay(bc);
    }

    /** Microseconds since midnight of {@code HH:MM:SS[.ffffff]} (up to {@code 24:00:00}). */
    public static long parseTimeMicros(String text) {
        Cursor c = new Cursor(text);
        long t = c.time();
        c.end();
        return t;
    }

    /**
     * {@code HH:MM:SS[.ffffff]±HH[:MM[:SS]]} as ISO-8601 with a full offset: {@code HH:MM:SS[.ffffff]±HH:MM[:SS]}
     * ({@code Z} is never used, so the offset is always explicit).
     */
    public static String normalizeTimeTz(String text) {
        Cursor c = new Cursor(text);
        int timeStart = c.pos;
        c.time();
        int timeEnd = c.pos;
        int offsetSeconds = c.offset();
        c.end();
        return text.substring(timeStart, timeEnd) + formatOffset(offsetSeconds);
    }

    /** Microseconds since the epoch of a {@code timestamp without time zone}, read as if it were UTC. */
    public static long parseTimestampMicros(String text) {
        Cursor c = new Cursor(text);
        c.date();
        c.dateTimeSeparator();
        long time = c.time();
        boolean bc = c.bc();
        c.end();
        return micros(c.epochDay(bc), time, 0, text);
    }

    /** Microseconds since the epoch (UTC) of a {@code timestamp with time zone} with its offset. */
    public static long parseTimestampTzMicros(String text) {
        Cursor c = new Cursor(text);
        c.date();
        c.dateTimeSeparator();
        long time = c.time();
        int offset = c.offset();
        boolean bc = c.bc();
        c.end();
        return micros(c.epochDay(bc), time, offset, text);
    }

    /**
     * A valid Postgres timestamp that int64 microseconds since 1970 cannot hold: Postgres counts from 2000, so its
     * last 30 years (after 294247-01-10 04:00:54.775807 UTC, up to 294276-12-31) do not fit.
     */
    public static final class OutOfRangeException extends PgValueException {
        private static final long serialVersionUID = 1L;

        OutOfRangeException(String message) {
            super(message);
        }
    }

    private static long micros(long day, long timeMicros, int offsetSeconds, String text) {
        try {
            return Math.addExact(Math.addExact(Math.multiplyExact(day, MICROS_PER_DAY), timeMicros),
                    -offsetSeconds * MICROS_PER_SECOND);
        } catch (ArithmeticException e) {
            throw new OutOfRangeException("'" + text + "' is outside the range of 64-bit microseconds since 1970");
        }
    }

    /** Seconds east of UTC as {@code ±HH:MM[:SS]}. */
    public static String formatOffset(int seconds) {
        int abs = Math.abs(seconds);
        StringBuilder sb = new StringBuilder(9).append(seconds < 0 ? '-' : '+');
        two(sb, abs / 3600).append(':');
        two(sb, abs / 60 % 60);
        if (abs % 60 != 0) {
            two(sb.append(':'), abs % 60);
        }
        return sb.toString();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /**
     * An interval's text ({@code IntervalStyle} postgres, e.g. {@code 1 year 2 mons -3 days +04:05:06.5}, or
     * iso_8601, e.g. {@code P1Y2M-3DT4H5M6.5S}) as an ISO-8601 duration in the form Postgres itself writes with
     * {@code IntervalStyle = iso_8601}: {@code P1Y2M-3DT4H5M6.5S}. Lossless: months, days and microseconds stay
     * separate components (a month is not a fixed number of days), and each component keeps its own sign.
     */
    public static String intervalToIso(String text) {
        long[] mdu = parseInterval(text);
        return formatIso(mdu[0], mdu[1], mdu[2]);
    }

    /** {months, days, micros} of an interval text (postgres or iso_8601 style). */
    public static long[] parseInterval(String text) {
        String t = text.trim();
        if (t.startsWith("P") || t.startsWith("-P")) {
            return parseIsoInterval(t, text);
        }
        if (t.startsWith("@")) {
            throw new PgValueException("interval '" + text + "' is in IntervalStyle postgres_verbose; "
                    + "the reader expects IntervalStyle postgres (the default) or iso_8601");
        }
        long months = 0;
        long days = 0;
        long micros = 0;
        String[] tokens = t.split("\\s+");
        for (int i = 0; i < tokens.length; i++) {
            String tok = tokens[i];
            if (tok.isEmpty()) {
                continue;
            }
            if (tok.indexOf(':') >= 0) {
                micros = Math.addExact(micros, parseIntervalTime(tok, text));
                continue;
            }
            if (i + 1 >= tokens.length) {
                throw new PgValueException("'" + text + "' is not an interval (IntervalStyle postgres expected): "
                        + "number '" + tok + "' has no unit");
            }
            long n;
            try {
                n = Long.parseLong(tok.startsWith("+") ? tok.substring(1) : tok);
            } catch (NumberFormatException e) {
                throw new PgValueException("'" + text + "' is not an interval (IntervalStyle postgres expected): '"
                        + tok + "'");
            }
            String unit = tokens[++i];
            switch (unit) {
                case "year", "years" -> months = Math.addExact(months, Math.multiplyExact(n, 12));
                case "mon", "mons" -> months = Math.addExact(months, n);
                case "day", "days" -> days = Math.addExact(days, n);
                default -> throw new PgValueException("'" + text + "' is not an interval (IntervalStyle postgres "
                        + "expected): unknown unit '" + unit + "'");
            }
        }
        return new long[] {months, days, micros};
    }

    /** [+-]H+:MM[:SS[.ffffff]] to microseconds. */
    private static long parseIntervalTime(String tok, String text) {
        int i = 0;
        boolean neg = false;
        if (tok.charAt(0) == '-' || tok.charAt(0) == '+') {
            neg = tok.charAt(0) == '-';
            i = 1;
        }
        String[] parts = tok.substring(i).split(":");
        if (parts.length < 2 || parts.length > 3) {
            throw new PgValueException("'" + text + "' is not an interval: bad time part '" + tok + "'");
        }
        try {
            long h = Long.parseLong(parts[0]);
            long m = Long.parseLong(parts[1]);
            long us = 0;
            if (parts.length == 3) {
                us = secondsToMicros(parts[2], text);
            }
            long v = Math.addExact(Math.multiplyExact(h, 3_600_000_000L), m * 60_000_000L + us);
            return neg ? -v : v;
        } catch (NumberFormatException e) {
            throw new PgValueException("'" + text + "' is not an interval: bad time part '" + tok + "'");
        }
    }

    /** SS[.ffffff] (non-negative) to microseconds. */
    private static long secondsToMicros(String s, String text) {
        int dot = s.indexOf('.');
        long secs = Long.parseLong(dot < 0 ? s : s.substring(0, dot));
        long frac = 0;
        if (dot >= 0) {
            String f = s.substring(dot + 1);
            if (f.length() > 6 || f.isEmpty() || !f.chars().allMatch(Character::isDigit)) {
                throw new PgValueException("'" + text + "': bad fraction of a second '" + s + "'");
            }
            frac = Long.parseLong((f + "000000").substring(0, 6));
        }
        if (secs < 0) {
            throw new PgValueException("'" + text + "': bad seconds '" + s + "'");
        }
        return secs * MICROS_PER_SECOND + frac;
    }

    private static long[] parseIsoInterval(String t, String text) {
        long months = 0;
        long days = 0;
        long micros = 0;
        boolean negAll = t.startsWith("-");
        int i = negAll ? 2 : 1;
        boolean timePart = false;
        boolean any = false;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == 'T') {
                timePart = true;
                i++;
                continue;
            }
            int start = i;
            if (c == '-' || c == '+') {
                i++;
            }
            while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
                i++;
            }
            if (i >= t.length() || i == start) {
                throw new PgValueException("'" + text + "' is not an ISO-8601 interval");
            }
            String num = t.substring(start, i);
            char unit = t.charAt(i++);
            any = true;
            try {
                if (unit == 'S' && timePart) {
                    boolean neg = num.startsWith("-");
                    String abs = neg || num.startsWith("+") ? num.substring(1) : num;
                    long us = secondsToMicros(abs, text);
                    micros = Math.addExact(micros, neg ? -us : us);
                    continue;
                }
                long n = Long.parseLong(num.startsWith("+") ? num.substring(1) : num);
                if (!timePart) {
                    switch (unit) {
                        case 'Y' -> months = Math.addExact(months, Math.multiplyExact(n, 12));
                        case 'M' -> months = Math.addExact(months, n);
                        case 'W' -> days = Math.addExact(days, Math.multiplyExact(n, 7));
                        case 'D' -> days = Math.addExact(days, n);
                        default -> throw new PgValueException("'" + text + "': unknown ISO-8601 unit '" + unit + "'");
                    }
                } else {
                    switch (unit) {
                        case 'H' -> micros = Math.addExact(micros, Math.multiplyExact(n, 3_600_000_000L));
                        case 'M' -> micros = Math.addExact(micros, Math.multiplyExact(n, 60_000_000L));
                        default -> throw new PgValueException("'" + text + "': unknown ISO-8601 unit '" + unit + "'");
                    }
                }
            } catch (NumberFormatException e) {
                throw new PgValueException("'" + text + "' is not an ISO-8601 interval: '" + num + "'");
            }
        }
        if (!any && !t.equals("P")) {
            throw new PgValueException("'" + text + "' is not an ISO-8601 interval");
        }
        return negAll ? new long[] {-months, -days, -micros} : new long[] {months, days, micros};
    }

    /** Formats like Postgres's {@code IntervalStyle = iso_8601}. */
    public static String formatIso(long months, long days, long micros) {
        if (months == 0 && days == 0 && micros == 0) {
            return "PT0S";
        }
        StringBuilder sb = new StringBuilder("P");
        part(sb, months / 12, 'Y');
        part(sb, months % 12, 'M');
        part(sb, days, 'D');
        long hours = micros / 3_600_000_000L;
        long minutes = micros / 60_000_000L % 60;
        long seconds = micros / MICROS_PER_SECOND % 60;
        long fraction = micros % MICROS_PER_SECOND;
        if (micros != 0) {
            sb.append('T');
        }
        part(sb, hours, 'H');
        part(sb, minutes, 'M');
        if (seconds != 0 || fraction != 0) {
            if (seconds < 0 || fraction < 0) {
                sb.append('-');
            }
            sb.append(Math.abs(seconds));
            if (fraction != 0) {
                String f = String.format("%06d", Math.abs(fraction));
                int end = f.length();
                while (f.charAt(end - 1) == '0') {
                    end--;
                }
                sb.append('.').append(f, 0, end);
            }
            sb.append('S');
        }
        return sb.toString();
    }

    private static void part(StringBuilder sb, long v, char unit) {
        if (v != 0) {
            sb.append(v).append(unit);
        }
    }

    /** A position in a date/time text. */
    private static final class Cursor {
        private final String s;
        private int pos;
        private int year;
        private int month;
        private int day;

        Cursor(String s) {
            this.s = s;
        }

        private PgValueException bad(String what) {
            return new PgValueException("'" + s + "' is not a Postgres " + what + " (DateStyle ISO expected)");
        }

        private int digits(int min, int max, String what) {
            int start = pos;
            long v = 0;
            while (pos < s.length() && pos - start < max && Character.isDigit(s.charAt(pos))) {
                v = v * 10 + (s.charAt(pos++) - '0');
            }
            if (pos - start < min) {
                throw bad(what);
            }
            return (int) v;
        }

        private void expect(char c, String what) {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw bad(what);
            }
            pos++;
        }

        /** Reads YYYY-MM-DD; the day number comes from {@link #epochDay} once a " BC" suffix is known. */
        void date() {
            year = digits(4, 9, "date");
            expect('-', "date");
            month = digits(2, 2, "date");
            expect('-', "date");
            day = digits(2, 2, "date");
        }

        /** Days since 1970-01-01; BC years count back from 1 BC = ISO year 0. */
        long epochDay(boolean bc) {
            try {
                return LocalDate.of(bc ? 1 - year : year, month, day).toEpochDay();
            } catch (DateTimeException e) {
                throw bad("date");
            }
        }

        void dateTimeSeparator() {
            if (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == 'T')) {
                pos++;
            } else {
                throw bad("timestamp");
            }
        }

        long time() {
            int h = digits(2, 2, "time");
            expect(':', "time");
            int m = digits(2, 2, "time");
            expect(':', "time");
            int sec = digits(2, 2, "time");
            long frac = 0;
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                int start = pos;
                int f = digits(1, 6, "time");
                for (int i = pos - start; i < 6; i++) {
                    f *= 10;
                }
                frac = f;
            }
            long micros = ((h * 60L + m) * 60L + sec) * MICROS_PER_SECOND + frac;
            if (m > 59 || sec > 60 || micros > MICROS_PER_DAY) {
                throw bad("time");
            }
            return micros;
        }

        /** ±HH[:MM[:SS]] in seconds east of UTC. */
        int offset() {
            if (pos >= s.length() || (s.charAt(pos) != '+' && s.charAt(pos) != '-')) {
                throw bad("time zone offset");
            }
            boolean neg = s.charAt(pos++) == '-';
            int secs = digits(2, 2, "time zone offset") * 3600;
            if (pos < s.length() && s.charAt(pos) == ':') {
                pos++;
                secs += digits(2, 2, "time zone offset") * 60;
                if (pos < s.length() && s.charAt(pos) == ':') {
                    pos++;
                    secs += digits(2, 2, "time zone offset");
                }
            }
            return neg ? -secs : secs;
        }

        boolean bc() {
            if (s.startsWith(" BC", pos)) {
                pos += 3;
                return true;
            }
            return false;
        }

        void end() {
            if (pos != s.length()) {
                throw bad("value");
            }
        }
    }
}
