package io.mirrorconnect.clickhouse.schema;

import io.mirrorconnect.contract.SchemaConventions;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * The ClickHouse column type for a Connect field schema (docs/clickhouse-types.md has the table and the reasons).
 * Pure.
 */
public final class ClickHouseTypeMapper {
    /** Connect's parameter for a Decimal's precision (set by our source and by Confluent's converters). */
    public static final String DECIMAL_PRECISION = "connect.decimal.precision";
    /** The largest Decimal precision ClickHouse has (Decimal256). */
    public static final int MAX_DECIMAL_PRECISION = 76;
    /** Precision used for a Connect Decimal that does not say its precision. */
    public static final int DEFAULT_DECIMAL_PRECISION = MAX_DECIMAL_PRECISION;

    private ClickHouseTypeMapper() {
    }

    /** The type for a non-key column: Nullable when the source column is ({@link SchemaConventions#sourceNullable}). */
    public static String columnType(Schema fieldSchema) {
        return columnType(fieldSchema, SchemaConventions.sourceNullable(fieldSchema));
    }

    /**
     * The ClickHouse type for a field. {@code nullable}: wrap in Nullable (callers pass false for key columns, which
     * ClickHouse does not allow to be Nullable in ORDER BY). Array and Map are never wrapped (ClickHouse forbids
     * it); LowCardinality becomes {@code LowCardinality(Nullable(..))}.
     */
    public static String columnType(Schema fieldSchema, boolean nullable) {
        return type(fieldSchema, nullable).toString();
    }

    /** {@link #columnType(Schema, boolean)}, parsed. */
    public static ClickHouseType type(Schema fieldSchema, boolean nullable) {
        ClickHouseType base = baseType(fieldSchema);
        return nullable ? base.nullable() : base;
    }

    private static ClickHouseType baseType(Schema s) {
        String name = s.name();
        if (name != null) {
            switch (name) {
                case Decimal.LOGICAL_NAME:
                    return decimal(s);
                case Date.LOGICAL_NAME:
                    return ClickHouseType.of("Date32");
                case Timestamp.LOGICAL_NAME:
                    return ClickHouseType.of("DateTime64", 3L, "UTC");
                case Time.LOGICAL_NAME:
                case SchemaConventions.TIME_MICROS:
                    return ClickHouseType.of("String");
                case SchemaConventions.TIMESTAMP_MICROS:
                case SchemaConventions.TIMESTAMPTZ_MICROS:
                    return ClickHouseType.of("DateTime64", 6L, "UTC");
                case SchemaConventions.UUID:
                    return ClickHouseType.of("UUID");
                case SchemaConventions.ENUM:
                    return ClickHouseType.of("LowCardinality", ClickHouseType.of("String"));
                case SchemaConventions.NUMERIC:
                case SchemaConventions.JSON:
                default:
                    break; // by the physical type below (all other semantic types are strings)
            }
        }
        switch (s.type()) {
            case INT8:
                return ClickHouseType.of("Int8");
            case INT16:
                return ClickHouseType.of("Int16");
            case INT32:
                return ClickHouseType.of("Int32");
            case INT64:
                return ClickHouseType.of("Int64");
            case FLOAT32:
                return ClickHouseType.of("Float32");
            case FLOAT64:
                return ClickHouseType.of("Float64");
            case BOOLEAN:
                return ClickHouseType.of("Bool");
            case STRING:
            case BYTES:
                return ClickHouseType.of("String");
            case ARRAY: {
                Schema element = s.valueSchema();
                return ClickHouseType.of("Array", type(element, element.isOptional()));
            }
            case MAP: {
                Schema key = s.keySchema();
                Schema value = s.valueSchema();
                ClickHouseType keyType = type(key, false);
                if (keyType.name().equals("Array") || keyType.name().equals("Map")) {
                    throw new DataException("map keys of type " + keyType + " are not supported by ClickHouse Map");
                }
                return ClickHouseType.of("Map", keyType, type(value, value.isOptional()));
            }
            case STRUCT:
            default:
                throw new DataException("Connect " + s.type() + " fields" + (name == null ? "" : " (" + name + ")")
                        + " have no ClickHouse column type here; nested structs are not part of the record contract");
        }
    }

    private static ClickHouseType decimal(Schema s) {
        int scale = Integer.parseInt(s.parameters().get(Decimal.SCALE_FIELD));
        String p = s.parameters().get(DECIMAL_PRECISION);
        int precision;
        try {
            precision = p == null ? DEFAULT_DECIMAL_PRECISION : Integer.parseInt(p.trim());
        } catch (NumberFormatException e) {
            throw new DataException("bad " + DECIMAL_PRECISION + " '" + p + "' on a Decimal field");
        }
        precision = Math.max(precision, Math.max(scale, 1));
        if (precision > MAX_DECIMAL_PRECISION || scale < 0) {
            return ClickHouseType.of("String"); // exact decimal text; ClickHouse decimals stop at 76 digits
        }
        return ClickHouseType.of("Decimal", (long) precision, (long) scale);
    }
}
