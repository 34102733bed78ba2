package io.mirrorconnect.pgcdc;

/**
 * A Postgres WAL position (log sequence number): an unsigned 64-bit integer written {@code XXX/YYY} (two hex
 * halves). Ordered as unsigned numbers. {@link #INVALID} is 0 ({@code 0/0}), Postgres's InvalidXLogRecPtr.
 */
public final class Lsn implements Comparable<Lsn> {
    public static final Lsn INVALID = new Lsn(0L);

    private final long value;

    private Lsn(long value) {
        this.value = value;
    }

    public static Lsn valueOf(long value) {
        return value == 0L ? INVALID : new Lsn(value);
    }

    /**
     * Parses Postgres's text form, e.g. {@code 16/B374D848}.
     *
     * @throws IllegalArgumentException naming the text when it is not an LSN
     */
    public static Lsn parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("LSN text is null");
        }
        String t = text.trim();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1 || slash > 8 || t.length() - slash - 1 > 8) {
            throw new IllegalArgumentException("'" + text + "' is not a Postgres LSN (expected hex XXXXXXXX/XXXXXXXX)");
        }
        try {
            long hi = Long.parseLong(t.substring(0, slash), 16);
            long lo = Long.parseLong(t.substring(slash + 1), 16);
            return valueOf(hi << 32 | lo);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a Postgres LSN (expected hex XXXXXXXX/XXXXXXXX)");
        }
    }

    public long asLong() {
        return value;
    }

    public boolean isValid() {
        return value != 0L;
    }

    @Override
    public int compareTo(Lsn o) {
        return Long.compareUnsigned(value, o.value);
    }

    public boolean isBefore(Lsn o) {
        return compareTo(o) < 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lsn other && other.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    /** Postgres's text form: upper-case hex halves without leading zeros, e.g. {@code 16/B374D848}. */
    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase(java.util.Locale.ROOT) + "/"
                + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase(java.util.Locale.ROOT);
    }
}
