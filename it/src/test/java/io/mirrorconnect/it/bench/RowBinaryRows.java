package io.mirrorconnect.it.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * ClickHouse RowBinary for the bench table's column types (Int32, Int64, Float64, String, each optionally
 * Nullable): what a client that writes straight to the server sends, the benchmark's ceiling. Pure.
 */
final class RowBinaryRows {
    private final List<String> types;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);

    RowBinaryRows(List<String> clickHouseTypes) {
        for (String t : clickHouseTypes) {
            String inner = t.startsWith("Nullable(") ? t.substring(9, t.length() - 1) : t;
            if (!List.of("Int32", "Int64", "Float64", "String").contains(inner)) {
                throw new IllegalArgumentException("the bench encodes Int32, Int64, Float64 and String, not " + t);
            }
        }
        this.types = List.copyOf(clickHouseTypes);
    }

    /** Appends one row: Integer, Long, Double or String values (null where Nullable) in column order. */
    void add(Object[] row) {
        for (int c = 0; c < types.size(); c++) {
            String t = types.get(c);
            Object v = row[c];
            if (t.startsWith("Nullable(")) {
                out.write(v == null ? 1 : 0);
                if (v == null) {
                    continue;
                }
                t = t.substring(9, t.length() - 1);
            } else if (v == null) {
                throw new IllegalArgumentException("NULL for non-nullable column " + c + " (" + t + ")");
            }
            switch (t) {
                case "Int32" -> writeLe(((Number) v).intValue(), 4);
                case "Int64" -> writeLe(((Number) v).longValue(), 8);
                case "Float64" -> writeLe(Double.doubleToRawLongBits(((Number) v).doubleValue()), 8);
                default -> {
                    byte[] b = ((String) v).getBytes(StandardCharsets.UTF_8);
                    writeVarUInt(b.length);
                    out.write(b, 0, b.length);
                }
            }
        }
    }

    int size() {
        return out.size();
    }

    /** The bytes so far, and starts over. */
    byte[] take() {
        byte[] b = out.toByteArray();
        out.reset();
        return b;
    }

    private void writeLe(long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    private void writeVarUInt(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
