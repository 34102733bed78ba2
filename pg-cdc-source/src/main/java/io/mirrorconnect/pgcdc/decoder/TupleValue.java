package io.mirrorconnect.pgcdc.decoder;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One column of a pgoutput TupleData.
 *
 * @param kind  {@code 'n'} SQL NULL, {@code 'u'} unchanged TOAST (value not sent), {@code 't'} text,
 *              {@code 'b'} binary (only with the {@code binary} option, which this project does not request)
 * @param bytes the value bytes for {@code 't'}/{@code 'b'}; null for {@code 'n'}/{@code 'u'}
 */
public record TupleValue(char kind, byte[] bytes) {
    public static final char NULL = 'n';
    public static final char UNCHANGED_TOAST = 'u';
    public static final char TEXT = 't';
    public static final char BINARY = 'b';

    static final TupleValue NULL_VALUE = new TupleValue(NULL, null);
    static final TupleValue UNCHANGED_VALUE = new TupleValue(UNCHANGED_TOAST, null);

    public TupleValue {
        if (kind != NULL && kind != UNCHANGED_TOAST && kind != TEXT && kind != BINARY) {
            throw new IllegalArgumentException("unknown tuple value kind '" + kind + "'");
        }
        if ((kind == TEXT || kind == BINARY) && bytes == null) {
            throw new IllegalArgumentException("tuple value of kind '" + kind + "' needs bytes");
        }
    }

    public static TupleValue text(String s) {
        return new TupleValue(TEXT, s.getBytes(StandardCharsets.UTF_8));
    }

    public static TupleValue nullValue() {
        return NULL_VALUE;
    }

    public static TupleValue unchangedToast() {
        return UNCHANGED_VALUE;
    }

    public boolean isNull() {
        return kind == NULL;
    }

    public boolean isUnchangedToast() {
        return kind == UNCHANGED_TOAST;
    }

    /**
     * The value as text (UTF-8, Postgres's text output format); null for SQL NULL and for unchanged TOAST.
     *
     * @throws PgOutputException for binary values, which no converter in this project reads
     */
    public String text() {
        switch (kind) {
            case TEXT:
                return new String(bytes, StandardCharsets.UTF_8);
            case NULL:
            case UNCHANGED_TOAST:
                return null;
            default:
                throw new PgOutputException("binary tuple value (" + bytes.length + " bytes): the decoder expects "
                        + "text values; do not set the pgoutput 'binary' option");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TupleValue v && v.kind == kind && Arrays.equals(v.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * kind + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NULL -> "NULL";
            case UNCHANGED_TOAST -> "<unchanged toast>";
            case TEXT -> "'" + text() + "'";
            default -> "<binary " + bytes.length + " bytes>";
        };
    }
}
