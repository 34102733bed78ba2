package io.mirrorconnect.clickhouse.rowbinary;

import java.util.ArrayList;
import java.util.List;

import io.mirrorconnect.clickhouse.schema.ClickHouseType;
import org.apache.kafka.connect.data.Schema;

/**
 * Encodes rows of Connect values in ClickHouse's RowBinary format (the body of {@code INSERT ... FORMAT RowBinary}),
 * one {@link ColumnEncoder} per column, in the INSERT's column order. Pure: writes into a {@link RowBinaryOutput}.
 *
 * <p>Per type: Nullable is a 0/1 prefix byte; integers, floats, Date (UInt16 days), Date32 (Int32 days), DateTime
 * (UInt32 seconds), DateTime64(p) (Int64 ticks of 10^-p s), Decimal (Int32/64/128/256 of the unscaled value, by
 * precision) are little-endian; String and Array/Map lengths are LEB128; UUID is its high then low 64 bits, each
 * little-endian; LowCardinality(T) is written as T. Conversions are exact: overflow, lost digits, values out of the
 * type's range, nulls in non-Nullable columns and unexpected Java types are {@link RowBinaryEncodingException}s
 * naming the column and value.
 */
public final class RowBinaryEncoder {
    private final List<ColumnEncoder> columns;

    public RowBinaryEncoder(List<ColumnEncoder> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a RowBinary row needs at least one column");
        }
        this.columns = List.copyOf(columns);
    }

    /**
     * The encoder of a column of ClickHouse type {@code clickHouseType} (e.g. {@code Nullable(DateTime64(6, 'UTC'))}).
     * {@code connectSchema} (may be null) is the schema of the values: it says how to read semantic values (an int64
     * {@code TimestampMicros} is microseconds, an int64 {@code TimeMicros} into a String column is a time of day).
     */
    public static ColumnEncoder column(String name, String clickHouseType, Schema connectSchema) {
        ClickHouseType type;
        try {
            type = ClickHouseType.parse(clickHouseType);
        } catch (IllegalArgumentException e) {
            throw new RowBinaryEncodingException("column " + name + ": " + e.getMessage(), e);
        }
        return new ColumnEncoder(name, type, connectSchema);
    }

    public static ColumnEncoder column(String name, ClickHouseType type, Schema connectSchema) {
        return new ColumnEncoder(name, type, connectSchema);
    }

    public List<ColumnEncoder> columns() {
        return columns;
    }

    public List<String> columnNames() {
        List<String> names = new ArrayList<>(columns.size());
        for (ColumnEncoder c : columns) {
            names.add(c.name());
        }
        return names;
    }

    /**
     * Appends one row ({@code values} in column order; {@link #DEFAULT} writes the column's default). All or
     * nothing: if a value does not fit, the bytes of this row already written are removed before the exception.
     */
    public void writeRow(RowBinaryOutput out, List<?> values) {
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException("row has " + values.size() + " values for " + columns.size()
                    + " columns " + columnNames());
        }
        int mark = out.size();
        try {
            for (int i = 0; i < columns.size(); i++) {
                Object v = values.get(i);
                if (v == DEFAULT) {
                    columns.get(i).writeDefault(out);
                } else {
                    columns.get(i).write(out, v);
                }
            }
        } catch (RuntimeException e) {
            out.truncate(mark);
            throw e;
        }
    }

    /** Marker value for {@link #writeRow}: write the column's default (e.g. non-key columns of a delete row). */
    public static final Object DEFAULT = new Object() {
        @Override
        public String toString() {
            return "DEFAULT";
        }
    };
}
