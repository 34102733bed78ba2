package io.mirrorconnect.pgcdc.types;

import java.util.Objects;

/**
 * One table column, as the catalog (or a pgoutput Relation message plus the catalog) describes it.
 *
 * @param name         the column name, exactly as in Postgres (case-sensitive)
 * @param typeOid      {@code atttypid}
 * @param typeModifier {@code atttypmod}, -1 when none
 * @param typeName     {@code format_type(atttypid, atttypmod)}, e.g. {@code numeric(10,2)}; travels as the
 *                     {@code mirror.source.type} field parameter
 * @param nullable     false for {@code NOT NULL} columns
 * @param dimensions   {@code attndims}: the array dimensions the column was declared with ({@code int[][]} is 2;
 *                     0 when not an array or not declared, e.g. by {@code CREATE TABLE AS}). Postgres does not
 *                     enforce it; an array column's schema nests {@code max(1, dimensions)} levels
 */
public record PgColumn(String name, int typeOid, int typeModifier, String typeName, boolean nullable,
                       int dimensions) {
    public PgColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(typeName, "typeName");
    }

    /** A column without declared array dimensions. */
    public PgColumn(String name, int typeOid, int typeModifier, String typeName, boolean nullable) {
        this(name, typeOid, typeModifier, typeName, nullable, 0);
    }
}
