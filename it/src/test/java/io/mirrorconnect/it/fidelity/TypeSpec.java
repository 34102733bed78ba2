package io.mirrorconnect.it.fidelity;

import java.util.List;

/**
 * A Postgres type the source supports (docs/pg-types.md), as a column of the suite's tables: its column name, the
 * type, and how its values compare. {@link #SCALARS} and {@link #ARRAYS} are the lists the deterministic and the
 * random shapes share.
 */
public record TypeSpec(String column, String pgType, ValueKind kind) {

    public Column scalar() {
        return Column.scalar(column, pgType, kind);
    }

    public Column array() {
        return Column.array(column, pgType, kind);
    }

    /** One column per scalar type. */
    public static final List<TypeSpec> SCALARS = List.of(
            new TypeSpec("c_int2", "smallint", ValueKind.INTEGER),
            new TypeSpec("c_int4", "integer", ValueKind.INTEGER),
            new TypeSpec("c_int8", "bigint", ValueKind.INTEGER),
            new TypeSpec("c_oid", "oid", ValueKind.INTEGER),
            new TypeSpec("c_float4", "real", ValueKind.FLOAT4),
            new TypeSpec("c_float8", "double precision", ValueKind.FLOAT8),
            new TypeSpec("c_bool", "boolean", ValueKind.BOOLEAN),
            new TypeSpec("c_num", "numeric(12,4)", ValueKind.DECIMAL),
            new TypeSpec("c_num38", "numeric(38,0)", ValueKind.DECIMAL),
            new TypeSpec("c_num60", "numeric(60,10)", ValueKind.DECIMAL),
            new TypeSpec("c_num80", "numeric(80,5)", ValueKind.DECIMAL),
            new TypeSpec("c_numeric", "numeric", ValueKind.NUMERIC_TEXT),
            new TypeSpec("c_money", "money", ValueKind.MONEY),
            new TypeSpec("c_text", "text", ValueKind.TEXT),
            new TypeSpec("c_varchar", "character varying(40)", ValueKind.TEXT),
            new TypeSpec("c_char", "character(6)", ValueKind.TEXT),
            new TypeSpec("c_citext", "citext", ValueKind.TEXT),
            new TypeSpec("c_bytea", "bytea", ValueKind.BYTEA),
            new TypeSpec("c_uuid", "uuid", ValueKind.TEXT),
            new TypeSpec("c_json", "json", ValueKind.TEXT),
            new TypeSpec("c_jsonb", "jsonb", ValueKind.TEXT),
            new TypeSpec("c_xml", "xml", ValueKind.TEXT),
            new TypeSpec("c_date", "date", ValueKind.DATE),
            new TypeSpec("c_ts", "timestamp without time zone", ValueKind.TIMESTAMP),
            new TypeSpec("c_tstz", "timestamp with time zone", ValueKind.TIMESTAMPTZ),
            new TypeSpec("c_time", "time without time zone", ValueKind.TIME),
            new TypeSpec("c_timetz", "time with time zone", ValueKind.TIMETZ),
            new TypeSpec("c_interval", "interval", ValueKind.INTERVAL),
            new TypeSpec("c_inet", "inet", ValueKind.TEXT),
            new TypeSpec("c_cidr", "cidr", ValueKind.TEXT),
            new TypeSpec("c_macaddr", "macaddr", ValueKind.TEXT),
            new TypeSpec("c_macaddr8", "macaddr8", ValueKind.TEXT),
            new TypeSpec("c_bit", "bit(4)", ValueKind.TEXT),
            new TypeSpec("c_varbit", "bit varying(16)", ValueKind.TEXT),
            new TypeSpec("c_enum", "fid_mood", ValueKind.TEXT),
            new TypeSpec("c_domain", "fid_posint", ValueKind.INTEGER),
            new TypeSpec("c_range", "int4range", ValueKind.TEXT),
            new TypeSpec("c_tstzrange", "tstzrange", ValueKind.TEXT),
            new TypeSpec("c_hstore", "hstore", ValueKind.HSTORE),
            new TypeSpec("c_pair", "fid_pair", ValueKind.TEXT),
            new TypeSpec("c_name", "name", ValueKind.TEXT),
            new TypeSpec("c_char1", "\"char\"", ValueKind.TEXT),
            new TypeSpec("c_xid8", "xid8", ValueKind.NUMERIC_TEXT),
            new TypeSpec("c_point", "point", ValueKind.TEXT),
            new TypeSpec("c_tsvector", "tsvector", ValueKind.TEXT),
            new TypeSpec("c_multirange", "int4multirange", ValueKind.TEXT));

    /** One array column per element type (named {@code a_…}). */
    public static final List<TypeSpec> ARRAYS = List.of(
            new TypeSpec("a_int2", "smallint", ValueKind.INTEGER),
            new TypeSpec("a_int4", "integer", ValueKind.INTEGER),
            new TypeSpec("a_int8", "bigint", ValueKind.INTEGER),
            new TypeSpec("a_float4", "real", ValueKind.FLOAT4),
            new TypeSpec("a_float8", "double precision", ValueKind.FLOAT8),
            new TypeSpec("a_bool", "boolean", ValueKind.BOOLEAN),
            new TypeSpec("a_num", "numeric(12,4)", ValueKind.DECIMAL),
            new TypeSpec("a_numeric", "numeric", ValueKind.NUMERIC_TEXT),
            new TypeSpec("a_money", "money", ValueKind.MONEY),
            new TypeSpec("a_text", "text", ValueKind.TEXT),
            new TypeSpec("a_varchar", "character varying(10)", ValueKind.TEXT),
            new TypeSpec("a_bytea", "bytea", ValueKind.BYTEA),
            new TypeSpec("a_uuid", "uuid", ValueKind.TEXT),
            new TypeSpec("a_json", "json", ValueKind.TEXT),
            new TypeSpec("a_jsonb", "jsonb", ValueKind.TEXT),
            new TypeSpec("a_date", "date", ValueKind.DATE),
            new TypeSpec("a_ts", "timestamp without time zone", ValueKind.TIMESTAMP),
            new TypeSpec("a_tstz", "timestamp with time zone", ValueKind.TIMESTAMPTZ),
            new TypeSpec("a_time", "time without time zone", ValueKind.TIME),
            new TypeSpec("a_timetz", "time with time zone", ValueKind.TIMETZ),
            new TypeSpec("a_interval", "interval", ValueKind.INTERVAL),
            new TypeSpec("a_inet", "inet", ValueKind.TEXT),
            new TypeSpec("a_cidr", "cidr", ValueKind.TEXT),
            new TypeSpec("a_macaddr", "macaddr", ValueKind.TEXT),
            new TypeSpec("a_enum", "fid_mood", ValueKind.TEXT),
            new TypeSpec("a_domain", "fid_posint", ValueKind.INTEGER));

    public static TypeSpec scalarNamed(String column) {
        return SCALARS.stream().filter(s -> s.column.equals(column)).findFirst().orElseThrow();
    }

    public static TypeSpec arrayNamed(String column) {
        return ARRAYS.stream().filter(s -> s.column.equals(column)).findFirst().orElseThrow();
    }
}
