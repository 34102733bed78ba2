package io.mirrorconnect.snowflake.sql;

/**
 * How Snowflake spells names. Every identifier that reaches Snowflake SQL goes through {@link #quoteIdentifier}:
 * quoted, so case is preserved ({@code "Order Lines"} stays {@code Order Lines}, {@code users} stays lower case)
 * and any character is allowed. Values are never spliced into SQL: they are bound.
 */
public final class SnowflakeDialect {
    private SnowflakeDialect() {
    }

    /** {@code name} in double quotes, inner double quotes doubled. */
    public static String quoteIdentifier(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a Snowflake identifier must not be " + (name == null ? "null" : "empty"));
        }
        if (name.length() > 255) {
            throw new IllegalArgumentException("Snowflake identifiers have at most 255 characters: " + name.substring(0, 40) + "...");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code "database"."schema"."table"}. */
    public static String qualified(String database, String schema, String table) {
        return quoteIdentifier(database) + "." + quoteIdentifier(schema) + "." + quoteIdentifier(table);
    }
}
