package io.mirrorconnect.snowflake.schema;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

import io.mirrorconnect.contract.SchemaConventions;

/**
 * The Snowflake column type for a Connect field schema (docs/snowflake-types.md has the table and the reasons).
 * Pure.
 */
public final class SnowflakeTypeMapper {
    /** Connect's parameter for a Decimal's precision (set by our source and by Confluent's converters). */
    public static final String DECIMAL_PRECISION = "connect.decimal.precision";
    /** The largest precision of Snowflake's NUMBER. */
    public static final int MAX_NUMBER_PRECISION = 38;

    /** Type of the version column: the change's LSN (unsigned 64-bit) or 0 for snapshot rows. */
    public static final SnowflakeType VERSION = SnowflakeType.of("NUMBER(20,0)");
    /** Type of the soft-delete flag column. */
    public static final SnowflakeType DELETED = SnowflakeType.of("BOOLEAN");
    /** Type of the synced-at column: the MERGE's CURRENT_TIMESTAMP. */
    public static final SnowflakeType SYNCED_AT = SnowflakeType.of("TIMESTAMP_TZ(9)");

    private SnowflakeTypeMapper() {
    }

    public static SnowflakeType type(Schema s) {
        String name = s.name();
        if (name != null) {
            switch (name) {
                case Decimal.LOGICAL_NAME:
                    return decimal(s);
                case Date.LOGICAL_NAME:
                    return SnowflakeType.of("DATE");
                case Time.LOGICAL_NAME:
                    return SnowflakeType.of("TIME(3)");
                case Timestamp.LOGICAL_NAME:
                    return SnowflakeType.of("TIMESTAMP_NTZ(3)");
                case SchemaConventions.TIME_MICROS:
                    return SnowflakeType.of("TIME(9)");
                case SchemaConventions.TIMESTAMP_MICROS:
                    return SnowflakeType.of("TIMESTAMP_NTZ(6)");
                case SchemaConventions.TIMESTAMPTZ_MICROS:
                    return SnowflakeType.of("TIMESTAMP_TZ(6)");
                case SchemaConventions.JSON:
                    return SnowflakeType.json("VARIANT");
                default:
                    break; // by the physical type (the other semantic types are exact text: VARCHAR)
            }
        }
        switch (s.type()) {
            case INT8:
                return SnowflakeType.of("NUMBER(3,0)");
            case INT16:
                return SnowflakeType.of("NUMBER(5,0)");
            case INT32:
                return SnowflakeType.of("NUMBER(10,0)");
            case INT64:
                return SnowflakeType.of("NUMBER(19,0)");
            case FLOAT32:
            case FLOAT64:
                return SnowflakeType.of("FLOAT");
            case BOOLEAN:
                return SnowflakeType.of("BOOLEAN");
            case STRING:
                return SnowflakeType.of("VARCHAR");
            case BYTES:
                return SnowflakeType.binary();
            case ARRAY:
                requireJsonable(s.valueSchema());
                return SnowflakeType.json("ARRAY");
            case MAP:
                requireJsonable(s.keySchema());
                requireJsonable(s.valueSchema());
                return SnowflakeType.json("VARIANT");
            case STRUCT:
            default:
                throw new DataException("Connect " + s.type() + " fields" + (name == null ? "" : " (" + name + ")")
                        + " have no Snowflake column type here; nested structs are not part of the record contract");
        }
    }

    private static void requireJsonable(Schema s) {
        if (s.type() == Schema.Type.STRUCT) {
            throw new DataException("arrays and maps of structs are not part of the record contract");
        }
        if (s.type() == Schema.Type.ARRAY) {
            requireJsonable(s.valueSchema());
        } else if (s.type() == Schema.Type.MAP) {
            requireJsonable(s.keySchema());
            requireJsonable(s.valueSchema());
        }
    }

    /** NUMBER(p,s) where Snowflake has it; exact text (VARCHAR) beyond 38 digits or for a negative scale. */
    private static SnowflakeType decimal(Schema s) {
        int scale = Integer.parseInt(s.parameters().get(Decimal.SCALE_FIELD));
        int precision = precision(s);
        if (precision > MAX_NUMBER_PRECISION || scale < 0 || scale > MAX_NUMBER_PRECISION) {
            return SnowflakeType.of("VARCHAR");
        }
        return SnowflakeType.of("NUMBER(" + precision + "," + scale + ")");
    }

    /** A Decimal's precision: its parameter, or 38 when it has none; never below its scale (or 1). */
    public static int precision(Schema decimal) {
        int scale = Integer.parseInt(decimal.parameters().get(Decimal.SCALE_FIELD));
        String p = decimal.parameters().get(DECIMAL_PRECISION);
        int precision;
        try {
            precision = p == null ? MAX_NUMBER_PRECISION : Integer.parseInt(p.trim());
        } catch (NumberFormatException e) {
            throw new DataException("bad " + DECIMAL_PRECISION + " '" + p + "' on a Decimal field");
        }
        return Math.max(precision, Math.max(scale, 1));
    }
}
