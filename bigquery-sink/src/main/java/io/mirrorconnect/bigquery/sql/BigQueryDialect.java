package io.mirrorconnect.bigquery.sql;

/**
 * How BigQuery GoogleSQL spells names. Every identifier that reaches BigQuery SQL (project, dataset, table,
 * column) goes through {@link #quote(String)}; values never appear in SQL (they travel through the Storage
 * Write API into staging tables).
 */
public final class BigQueryDialect {
    private BigQueryDialect() {
    }

    /**
     * {@code name} as one quoted identifier: in backticks, with backslash and backtick escaped by a backslash and
     * control characters written as escapes, so any name (spaces, dots, quotes, newlines) stays one identifier.
     */
    public static String quote(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a BigQuery identifier must not be " + (name == null ? "null" : "empty"));
        }
        StringBuilder sb = new StringBuilder(name.length() + 2).append('`');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '`' -> sb.append("\\`");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('`').toString();
    }

    /** {@code `project`.`dataset`.`table`}. */
    public static String table(String project, String dataset, String table) {
        return quote(project) + "." + quote(dataset) + "." + quote(table);
    }
}
