package io.mirrorconnect.pgcdc.types;

import java.util.Locale;

/**
 * What to do with a Postgres value the Connect type of its column cannot represent: {@code NaN},
 * {@code Infinity} and {@code -Infinity} in a {@code numeric(p,s)} column (mapped to Connect {@code Decimal}),
 * and {@code infinity}/{@code -infinity} in {@code date}, {@code timestamp} and {@code timestamptz} columns.
 */
public enum SpecialValuePolicy {
    /** Stop with an error naming the table, column and value (default: nothing is silently changed). */
    FAIL,
    /** Write null (the value field is optional) and log a warning once per column. Key columns still fail. */
    NULL;

    public static SpecialValuePolicy parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a special-value policy (expected fail or null)");
        }
    }
}
