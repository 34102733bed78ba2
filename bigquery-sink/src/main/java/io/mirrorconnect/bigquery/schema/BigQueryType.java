package io.mirrorconnect.bigquery.schema;

/**
 * A BigQuery column type as the sink creates it: the standard SQL type name, whether the column is REPEATED (an
 * ARRAY of {@code name}), and how its values travel through the Storage Write API ({@link WireType}).
 */
public record BigQueryType(String name, boolean repeated, WireType wire) {

    /** The protobuf encoding of a value (Google's documented Storage Write encodings; strings where exact). */
    public enum WireType {
        /** INT64 / varint */
        INT64,
        /** FLOAT64 / double */
        DOUBLE,
        /** BOOL */
        BOOL,
        /** STRING, NUMERIC, BIGNUMERIC, TIME, DATETIME, JSON: UTF-8 text */
        STRING,
        /** BYTES */
        BYTES,
        /** DATE: int32 days since 1970-01-01 */
        DATE_DAYS,
        /** TIMESTAMP: int64 microseconds since the epoch */
        TIMESTAMP_MICROS
    }

    public static BigQueryType scalar(String name, WireType wire) {
        return new BigQueryType(name, false, wire);
    }

    public BigQueryType asRepeated() {
        return new BigQueryType(name, true, wire);
    }

    /** The type as written in DDL, e.g. {@code ARRAY<NUMERIC>}. */
    public String ddl() {
        return repeated ? "ARRAY<" + name + ">" : name;
    }

    /** Whether BigQuery can cluster a table on a column of this type. */
    public boolean clusterable() {
        return !repeated && switch (name) {
            case "INT64", "STRING", "DATE", "TIMESTAMP", "DATETIME", "BOOL", "NUMERIC", "BIGNUMERIC" -> true;
            default -> false;
        };
    }
}
