package io.mirrorconnect.snowflake.schema;

import java.util.Locale;

/**
 * A destination column type and how values reach it.
 *
 * @param ddl    the column type as created, e.g. {@code NUMBER(10,2)}, {@code TIMESTAMP_TZ(6)}, {@code VARIANT}
 * @param staged the type of the matching column of the temporary staging table, into which values are bound
 * @param load   how the staged value becomes the column's value
 */
public record SnowflakeType(String ddl, String staged, Load load) {

    /** How a staged value becomes the destination value (computed inside the MERGE's USING subquery). */
    public enum Load {
        /** The staged value is the value (staged in the column's own type). */
        AS_IS,
        /** JSON text, {@code PARSE_JSON}: VARIANT and ARRAY columns. */
        PARSE_JSON,
        /** Hex text, {@code TO_BINARY(..., 'HEX')}: BINARY columns (bytes travel as text like every other value). */
        HEX
    }

    public static SnowflakeType of(String ddl) {
        return new SnowflakeType(ddl, ddl, Load.AS_IS);
    }

    /** A VARIANT or ARRAY column, staged as JSON text. */
    public static SnowflakeType json(String ddl) {
        return new SnowflakeType(ddl, "VARCHAR", Load.PARSE_JSON);
    }

    /** A BINARY column, staged as hex text. */
    public static SnowflakeType binary() {
        return new SnowflakeType("BINARY", "VARCHAR", Load.HEX);
    }

    public boolean json() {
        return load == Load.PARSE_JSON;
    }

    /** The type's name without parameters, upper case ({@code NUMBER} for {@code NUMBER(10,2)}). */
    public String baseName() {
        int paren = ddl.indexOf('(');
        return (paren < 0 ? ddl : ddl.substring(0, paren)).trim().toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return ddl;
    }
}
