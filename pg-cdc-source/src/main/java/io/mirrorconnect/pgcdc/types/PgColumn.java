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
 */
public record PgColumn(String name, int typeOid, int typeModifier, String typeName, boolean nullable) {
    public PgColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(typeName, "typeName");
    }
}
