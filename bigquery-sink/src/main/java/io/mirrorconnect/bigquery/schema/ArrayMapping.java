package io.mirrorconnect.bigquery.schema;

import java.util.Locale;

/**
 * How array fields become BigQuery columns (the {@code bigquery.arrays} property; docs/bigquery-types.md). BigQuery
 * REPEATED columns hold neither a NULL array (it reads back as an empty array) nor NULL elements nor arrays of
 * arrays, which Postgres arrays may hold.
 */
public enum ArrayMapping {
    /** REPEATED column; a NULL array is stored as an empty array (logged once per column); a NULL element rejects the record. */
    REPEATED,
    /** REPEATED column; a NULL array or a NULL element rejects the record (to the errant-record reporter, or the task fails). */
    STRICT,
    /** JSON column holding the array exactly (NULL array = SQL NULL, NULL elements = JSON null). */
    JSON;

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ArrayMapping fromConfig(String value) {
        for (ArrayMapping m : values()) {
            if (m.configValue().equalsIgnoreCase(value.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown array mapping '" + value + "' (expected repeated, strict or json)");
    }
}
