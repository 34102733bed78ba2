package io.mirrorconnect.bigquery.schema;

import java.util.regex.Pattern;

/**
 * Destination names BigQuery accepts (pure; docs/bigquery-types.md, "Names"). BigQuery table names may hold Unicode
 * letters, marks, numbers, connectors (such as {@code _}), dashes and spaces; column names (flexible column names)
 * also {@code & % = + : ' < > # |}. Every other character (quotes, dots, slashes, control characters, …) becomes
 * {@code _}, so a Postgres table or column with such a name still has a destination; names that are already valid
 * are kept as they are.
 */
public final class BigQueryNames {
    private static final Pattern NOT_TABLE = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc}\\p{Pd}\\p{Zs}]");
    private static final Pattern NOT_COLUMN = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc}\\p{Pd}\\p{Zs}&%=+:'<>#|]");

    private BigQueryNames() {
    }

    public static String table(String name) {
        return NOT_TABLE.matcher(name).replaceAll("_");
    }

    public static String column(String name) {
        return NOT_COLUMN.matcher(name).replaceAll("_");
    }
}
