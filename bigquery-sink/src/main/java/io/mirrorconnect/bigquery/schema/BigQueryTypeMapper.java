package io.mirrorconnect.bigquery.schema;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

import io.mirrorconnect.bigquery.schema.BigQueryType.WireType;
import io.mirrorconnect.contract.SchemaConventions;

/** The BigQuery column type for a Connect field schema (docs/bigquery-types.md has the table and the reasons). Pure. */
public final class BigQueryTypeMapper {
    /** Connect's parameter for a Decimal's precision (set by our source and by Confluent's converters). */
    public static final String DECIMAL_PRECISION = "connect.decimal.precision";
    /** NUMERIC: up to 29 integer digits and 9 fraction digits. */
    public static final int NUMERIC_INTEGER_DIGITS = 29;
    public static final int NUMERIC_SCALE = 9;
    /** BIGNUMERIC: up to 38 integer digits and 38 fraction digits. */
    public static final int BIGNUMERIC_INTEGER_DIGITS = 38;
    public static final int BIGNUMERIC_SCALE = 38;

    static final BigQueryType INT64 = BigQueryType.scalar("INT64", WireType.INT64);
    static final BigQueryType FLOAT64 = BigQueryType.scalar("FLOAT64", WireType.DOUBLE);
    static final BigQueryType BOOL = BigQueryType.scalar("BOOL", WireType.BOOL);
    static final BigQueryType STRING = BigQueryType.scalar("STRING", WireType.STRING);
    static final BigQueryType BYTES = BigQueryType.scalar("BYTES", WireType.BYTES);
    static final BigQueryType NUMERIC = BigQueryType.scalar("NUMERIC", WireType.STRING);
    static final BigQueryType BIGNUMERIC = BigQueryType.scalar("BIGNUMERIC", WireType.STRING);
    static final BigQueryType DATE = BigQueryType.scalar("DATE", WireType.DATE_DAYS);
    static final BigQueryType TIME = BigQueryType.scalar("TIME", WireType.STRING);
    static final BigQueryType DATETIME = BigQueryType.scalar("DATETIME", WireType.STRING);
    static final BigQueryType TIMESTAMP = BigQueryType.scalar("TIMESTAMP", WireType.TIMESTAMP_MICROS);
    static final BigQueryType JSON = BigQueryType.scalar("JSON", WireType.STRING);

    private BigQueryTypeMapper() {
    }

    /** The column type of a field; arrays per {@code arrays}. */
    public static BigQueryType type(Schema s, ArrayMapping arrays) {
        if (s.type() == Schema.Type.ARRAY) {
            Schema element = s.valueSchema();
            if (arrays == ArrayMapping.JSON || element.type() == Schema.Type.ARRAY || element.type() == Schema.Type.MAP) {
                return JSON;
            }
            return scalar(element).asRepeated();
        }
        return scalar(s);
    }

    private static BigQueryType scalar(Schema s) {
        String name = s.name();
        if (name != null) {
            switch (name) {
                case Decimal.LOGICAL_NAME:
                    return decimal(s);
                case Date.LOGICAL_NAME:
                    return DATE;
                case Time.LOGICAL_NAME:
                case SchemaConventions.TIME_MICROS:
                    return TIME;
                case SchemaConventions.TIMESTAMP_MICROS:
                    return DATETIME;
                case Timestamp.LOGICAL_NAME:
                case SchemaConventions.TIMESTAMPTZ_MICROS:
                    return TIMESTAMP;
                case SchemaConventions.JSON:
                    return JSON;
                default:
                    break; // NUMERIC (unbounded, may be NaN), UUID, XML, ENUM, ... are text: by physical type below
            }
        }
        switch (s.type()) {
            case INT8:
            case INT16:
            case INT32:
            case INT64:
                return INT64;
            case FLOAT32:
            case FLOAT64:
                return FLOAT64;
            case BOOLEAN:
                return BOOL;
            case STRING:
                return STRING;
            case BYTES:
                return BYTES;
            case MAP:
                return JSON;
            case ARRAY:
            case STRUCT:
            default:
                throw new DataException("Connect " + s.type() + " fields" + (name == null ? "" : " (" + name + ")")
                        + " have no BigQuery column type here; nested structs are not part of the record contract");
        }
    }

    /**
     * NUMERIC when the precision and scale fit it, else BIGNUMERIC when they fit that, else STRING (the exact
     * decimal text). A Decimal without a precision is BIGNUMERIC when its scale fits (values with more than 38
     * integer digits are then rejected record by record).
     */
    private static BigQueryType decimal(Schema s) {
        int scale = Integer.parseInt(s.parameters().get(Decimal.SCALE_FIELD));
        String p = s.parameters().get(DECIMAL_PRECISION);
        if (scale < 0) {
            return STRING;
        }
        if (p == null) {
            return scale <= BIGNUMERIC_SCALE ? BIGNUMERIC : STRING;
        }
        int precision;
        try {
            precision = Integer.parseInt(p.trim());
        } catch (NumberFormatException e) {
            throw new DataException("bad " + DECIMAL_PRECISION + " '" + p + "' on a Decimal field");
        }
        int integerDigits = Math.max(precision - scale, 0);
        if (scale <= NUMERIC_SCALE && integerDigits <= NUMERIC_INTEGER_DIGITS) {
            return NUMERIC;
        }
        if (scale <= BIGNUMERIC_SCALE && integerDigits <= BIGNUMERIC_INTEGER_DIGITS) {
            return BIGNUMERIC;
        }
        return STRING;
    }
}
