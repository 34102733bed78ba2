package io.mirrorconnect.it.fidelity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What bigquery-sink writes for each Postgres value with its defaults (docs/bigquery-types.md; the BigQuery column
 * of docs/type-fidelity.md). Exact everywhere except:
 * <ul>
 *   <li>a NULL array is {@code []} ({@code bigquery.arrays=repeated}: REPEATED columns cannot be NULL; lossy,
 *       documented), and an array with a NULL element cannot be held: the row is rejected;</li>
 *   <li>a date/timestamp/timestamptz (also as an element) outside 0001-01-01 .. 9999-12-31 23:59:59.999999, and the
 *       time {@code 24:00:00}, cannot be held: the row is rejected;</li>
 *   <li>json and jsonb are BigQuery JSON: the same JSON value, compared as JSON (whitespace and key order are
 *       BigQuery's; see {@link #canonicalJson}).</li>
 * </ul>
 */
public final class BigQueryRepresentation implements Representation {
    static final LocalDateTime MIN = LocalDate.of(1, 1, 1).atStartOfDay();
    static final LocalDateTime MAX = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Override
    public Expected expect(Column column, Object value) {
        if (column.dimensions() > 1) {
            // arrays of arrays are JSON in BigQuery (no REPEATED of REPEATED): exact, NULL and NULL elements kept
            String outside = outsideRange(column.kind(), value);
            return outside != null ? Expected.rejected(outside + " is outside BigQuery's range") : Expected.value(value);
        }
        if (column.isArray() && value == null) {
            return Expected.value(List.of());
        }
        if (value instanceof List<?> list && list.stream().anyMatch(e -> e == null)) {
            return Expected.rejected("an array with a NULL element cannot be held by a REPEATED column");
        }
        String outside = outsideRange(column.kind(), value);
        if (outside != null) {
            return Expected.rejected(outside + " is outside BigQuery's range 0001-01-01..9999-12-31 / 00:00..23:59:59.999999");
        }
        if (isJson(column) && value instanceof String s) {
            return Expected.value(canonicalJson(s));
        }
        return Expected.value(value);
    }

    static boolean isJson(Column column) {
        String t = column.pgType().toLowerCase(java.util.Locale.ROOT);
        return t.equals("json") || t.equals("jsonb");
    }

    /** The JSON value as compact text with object keys sorted, numbers as written. */
    static String canonicalJson(String text) {
        try {
            Object tree = JSON.readValue(text, Object.class);
            return JSON.writeValueAsString(tree);
        } catch (Exception e) {
            return text; // not JSON: compared as text (a mismatch shows it)
        }
    }

    static String outsideRange(ValueKind kind, Object value) {
        if (value instanceof List<?> list) { // nested lists (2-D) recurse
            for (Object e : list) {
                String bad = outsideRange(kind, e);
                if (bad != null) {
                    return bad;
                }
            }
            return null;
        }
        if (!(value instanceof String s)) {
            return null;
        }
        try {
            LocalDateTime t;
            switch (kind) {
                case DATE:
                    t = ((LocalDate) kind.normalize(s)).atStartOfDay();
                    break;
                case TIMESTAMP:
                    t = (LocalDateTime) kind.normalize(s);
                    break;
                case TIMESTAMPTZ:
                    t = LocalDateTime.ofInstant((Instant) kind.normalize(s), ZoneOffset.UTC);
                    break;
                case TIME:
                    return s.startsWith("24:") ? s : null;
                default:
                    return null;
            }
            return t.isBefore(MIN) || t.isAfter(MAX) ? s : null;
        } catch (RuntimeException unparsable) {
            return s; // e.g. a BC date: BigQuery has no such date
        }
    }
}
