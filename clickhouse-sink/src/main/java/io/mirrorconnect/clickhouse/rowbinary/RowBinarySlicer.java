package io.mirrorconnect.clickhouse.rowbinary;

import java.util.ArrayList;
import java.util.List;

import io.mirrorconnect.clickhouse.schema.ClickHouseType;

/**
 * Splits RowBinary rows (the output of {@code SELECT … FORMAT RowBinary}) into one byte range per column without
 * decoding any value (pure). The sink copies those ranges verbatim into its next insert into the same columns, so a
 * value read back from ClickHouse (an unchanged TOAST column, the last values of a soft-deleted row) is written
 * again byte for byte: no text decoding of binary strings, no rounding of decimals or times.
 */
public final class RowBinarySlicer {
    private final List<ClickHouseType> columns;

    /** @param columns the types of the selected columns, in select order */
    public RowBinarySlicer(List<ClickHouseType> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a RowBinary row needs at least one column");
        }
        this.columns = List.copyOf(columns);
    }

    /** One value of one row: {@code length} bytes of {@code buffer} from {@code offset}. */
    public record Slice(byte[] buffer, int offset, int length) {
        public void writeTo(RowBinaryOutput out) {
            out.writeBytes(buffer, offset, length);
        }

        public byte[] toByteArray() {
            return java.util.Arrays.copyOfRange(buffer, offset, offset + length);
        }
    }

    /** Every row of {@code data}, each as one slice per column. A truncated or malformed body is an error. */
    public List<List<Slice>> rows(byte[] data) {
        List<List<Slice>> rows = new ArrayList<>();
        int pos = 0;
        while (pos < data.length) {
            List<Slice> row = new ArrayList<>(columns.size());
            for (ClickHouseType type : columns) {
                int end = skip(type, data, pos);
                row.add(new Slice(data, pos, end - pos));
                pos = end;
            }
            rows.add(row);
        }
        return rows;
    }

    /** The position right after the value of {@code type} that starts at {@code pos}. */
    static int skip(ClickHouseType type, byte[] data, int pos) {
        switch (type.name()) {
            case "Nullable":
                return byteAt(data, pos) != 0 ? pos + 1 : skip(type.typeArgument(0), data, pos + 1);
            case "LowCardinality":
                return skip(type.typeArgument(0), data, pos);
            case "String": {
                long[] len = varUInt(data, pos);
                return advance(data, (int) len[1], len[0]);
            }
            case "Array": {
                long[] n = varUInt(data, pos);
                int p = (int) n[1];
                for (long i = 0; i < n[0]; i++) {
                    p = skip(type.typeArgument(0), data, p);
                }
                return p;
            }
            case "Map": {
                long[] n = varUInt(data, pos);
                int p = (int) n[1];
                for (long i = 0; i < n[0]; i++) {
                    p = skip(type.typeArgument(0), data, p);
                    p = skip(type.typeArgument(1), data, p);
                }
                return p;
            }
            case "Tuple": {
                int p = pos;
                for (int i = 0; i < type.arguments().size(); i++) {
                    p = skip(type.typeArgument(i), data, p);
                }
                return p;
            }
            case "FixedString":
                return advance(data, pos, type.intArgument(0));
            case "Decimal": {
                int precision = type.intArgument(0);
                return advance(data, pos, precision <= 9 ? 4 : precision <= 18 ? 8 : precision <= 38 ? 16 : 32);
            }
            default:
                return advance(data, pos, fixedWidth(type));
        }
    }

    private static int fixedWidth(ClickHouseType type) {
        switch (type.name()) {
            case "Int8", "UInt8", "Bool", "Enum8":
                return 1;
            case "Int16", "UInt16", "Date", "Enum16":
                return 2;
            case "Int32", "UInt32", "Float32", "Date32", "DateTime", "IPv4", "Decimal32":
                return 4;
            case "Int64", "UInt64", "Float64", "DateTime64", "Decimal64":
                return 8;
            case "Int128", "UInt128", "UUID", "IPv6", "Decimal128":
                return 16;
            case "Int256", "UInt256", "Decimal256":
                return 32;
            default:
                throw new IllegalArgumentException("the ClickHouse type " + type + " cannot be read back as RowBinary here");
        }
    }

    private static int byteAt(byte[] data, int pos) {
        if (pos >= data.length) {
            throw truncated(pos);
        }
        return data[pos] & 0xff;
    }

    private static int advance(byte[] data, int pos, long n) {
        long end = pos + n;
        if (n < 0 || end > data.length) {
            throw truncated(pos);
        }
        return (int) end;
    }

    /** LEB128: {value, position after it}. */
    private static long[] varUInt(byte[] data, int pos) {
        long value = 0;
        int shift = 0;
        int p = pos;
        while (true) {
            int b = byteAt(data, p++);
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return new long[] {value, p};
            }
            shift += 7;
            if (shift > 63) {
                throw new IllegalArgumentException("malformed RowBinary length at byte " + pos);
            }
        }
    }

    private static IllegalArgumentException truncated(int pos) {
        return new IllegalArgumentException("RowBinary data ends inside a value at byte " + pos);
    }
}
