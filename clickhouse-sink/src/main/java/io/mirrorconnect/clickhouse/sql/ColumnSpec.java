package io.mirrorconnect.clickhouse.sql;

import java.util.Objects;

/** A destination column: its name (unquoted) and its ClickHouse type text, e.g. {@code Nullable(Decimal(10, 2))}. */
public record ColumnSpec(String name, String type) {
    public ColumnSpec {
        Objects.requireNonNull(name, "column name");
        Objects.requireNonNull(type, "column type");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a column name must not be empty");
        }
        if (type.isBlank()) {
            throw new IllegalArgumentException("column " + name + ": the type must not be blank");
        }
    }
}
