package io.mirrorconnect.clickhouse.rowbinary;

import io.mirrorconnect.clickhouse.schema.ClickHouseType;
import org.apache.kafka.connect.data.Schema;

/**
 * Writes one column's values in RowBinary. Built once per column by {@link RowBinaryEncoder#column}; errors name
 * the column, its type and the value.
 *
 * <p>A Nullable column's null marker is written here rather than by a wrapping codec: every column's call into its
 * codec is a call site that sees many codec classes, and a wrapper would add a second such call per value (a third
 * of the encoding's time in {@code SinkPathBench}, docs/performance.md, stop 20).
 */
public final class ColumnEncoder {
    private static final int MAX_VALUE_TEXT = 120;

    private final String name;
    private final ClickHouseType type;
    /** The codec of the values themselves: of T for a column of type Nullable(T) or LowCardinality(Nullable(T)). */
    private final ValueCodec codec;
    private final boolean nullable;

    ColumnEncoder(String name, ClickHouseType type, Schema schema) {
        this.name = name;
        this.type = type;
        // Nullable(T) and LowCardinality(Nullable(T)) (written as Nullable(T)): the marker here, T's codec below
        ClickHouseType values = type.withoutNullable();
        this.nullable = !values.equals(type);
        try {
            this.codec = ValueCodecs.codec(values, schema);
        } catch (IllegalArgumentException e) {
            throw new RowBinaryEncodingException("column " + name + " (" + type + "): " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public ClickHouseType type() {
        return type;
    }

    /** Whether null can be written (the column is Nullable). */
    public boolean nullable() {
        return nullable;
    }

    /** Whether the column is an Array or a Map (which ClickHouse cannot make Nullable). */
    public boolean isCollection() {
        String n = type.withoutNullable().name();
        return n.equals("Array") || n.equals("Map");
    }

    /** Writes {@code value}; a value that does not fit fails with a {@link RowBinaryEncodingException}. */
    public void write(RowBinaryOutput out, Object value) {
        if (value == null) {
            if (!nullable) {
                throw new RowBinaryEncodingException("column " + name + " (" + type + "): null, but the column is not"
                        + " Nullable");
            }
            out.writeUInt8(1);
            return;
        }
        if (nullable) {
            out.writeUInt8(0);
        }
        try {
            codec.write(out, value);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new RowBinaryEncodingException("column " + name + " (" + type + "): value " + describe(value)
                    + " does not fit: " + e.getMessage(), e);
        }
    }

    /** Writes the column type's default: NULL when Nullable, else zero, empty string, empty array or map. */
    public void writeDefault(RowBinaryOutput out) {
        if (nullable) {
            out.writeUInt8(1);
        } else {
            codec.writeDefault(out);
        }
    }

    static String describe(Object value) {
        String text;
        if (value instanceof byte[] b) {
            text = b.length + " bytes";
        } else {
            text = String.valueOf(value);
            if (text.length() > MAX_VALUE_TEXT) {
                text = text.substring(0, MAX_VALUE_TEXT) + "...(" + text.length() + " chars)";
            }
        }
        return "'" + text + "' (" + value.getClass().getSimpleName() + ")";
    }
}
