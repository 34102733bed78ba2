package io.mirrorconnect.snowflake.sql;

import io.mirrorconnect.snowflake.schema.SnowflakeType;

/** One replicated column: destination name, type, and whether it is part of the row key. */
public record ColumnSpec(String name, SnowflakeType type, boolean key) {
}
