package io.mirrorconnect.clickhouse.sql;

/**
 * How ClickHouse spells names and string literals. Every identifier that reaches ClickHouse SQL goes through
 * {@link #quoteIdentifier(String)}; every string literal through {@link #quoteString(String)}.
 */
public final class ClickHouseDialect {
    private ClickHouseDialect() {
    }

    /**
     * {@code name} as a quoted identifier: in backticks, with backslash and backtick escaped by a backslash
     * (ClickHouse's own quoting), so any name, including one with spaces, dots, quotes or newlines, is one identifier.
     */
    public static String quoteIdentifier(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a ClickHouse identifier must not be " + (name == null ? "null" : "empty"));
        }
        StringBuilder sb = new StringBuilder(name.length() + 2).append('`');
        appendEscaped(sb, name, '`');
        return sb.append('`').toString();
    }

    /** {@code `database`.`table`}, or just {@code `table`} when {@code database} is null or empty. */
    public static String qualified(String database, String table) {
        if (database == null || database.isEmpty()) {
            return quoteIdentifier(table);
        }
        return quoteIdentifier(database) + "." + quoteIdentifier(table);
    }

    /** {@code value} as a string literal: in single quotes, with backslash and quote escaped by a backslash. */
    public static String quoteString(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a string literal must not be null (use NULL)");
        }
        StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
        appendEscaped(sb, value, '\'');
        return sb.append('\'').toString();
    }

    private static void appendEscaped(StringBuilder sb, String s, char quote) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == quote) {
                sb.append('\\').append(c);
            } else if (c == '\0') {
                sb.append("\\0");
            } else {
                sb.append(c);
            }
        }
    }
}
