package io.mirrorconnect.sink;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * An estimate of the heap a buffered row holds, for {@code max.batch.bytes}: the {@link ChangeRow} and its
 * metadata, the key and value structs with their boxed values, strings and arrays, counted as a 64-bit JVM with
 * compressed references lays them out (12-byte object headers, 8-byte alignment). Text is counted at one byte per
 * character (Latin-1 strings); text outside Latin-1 takes two in the heap, so such rows are underestimated by up to
 * their text's length. With an errant-record reporter the row also keeps Connect's record, which holds the consumed
 * bytes the sink never sees: {@link #KEPT_RECORD_FACTOR} and {@link #KEPT_RECORD_OVERHEAD} approximate them from
 * the values' size (measured with JsonConverter and schemas, the compiled converter; docs/sink-core.md, "Heap").
 * Cheap: one walk over the values when the row is buffered.
 */
public final class RowSizeEstimator {
    /** The ChangeRow (48), its ChangeMetadata (40), and its slot in the buffer's list with growth slack (8). */
    static final int ROW_OVERHEAD = 96;
    /** A kept record: Connect's record, its ConsumerRecord, ProcessingContext, headers (Kafka's and Connect's). */
    static final int KEPT_RECORD_OVERHEAD = 864;
    /** A kept record's consumed key and value bytes, per byte of the values' estimate (JSON with schemas). */
    static final int KEPT_RECORD_FACTOR = 2;

    private RowSizeEstimator() {
    }

    public static long estimate(ChangeRow row) {
        long values = sizeOf(row.key()) + sizeOf(row.value());
        long n = ROW_OVERHEAD + values;
        if (row.record() != null) {
            n += KEPT_RECORD_OVERHEAD + KEPT_RECORD_FACTOR * values;
        }
        return n;
    }

    /** Heap bytes of an array of {@code length} elements of {@code elementBytes} each. */
    static long array(long length, int elementBytes) {
        return align(16 + length * elementBytes);
    }

    static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    /**
     * A struct field's value by its schema type (a struct's values match their schema: Connect validates each put),
     * so the common primitives need no class tests; the same sizes as {@link #sizeOf(Object)}.
     */
    private static long sizeOf(Schema.Type type, Object value) {
        return switch (type) {
            case INT64, FLOAT64 -> 24; // a Long, a Double
            case INT8, INT16, INT32, FLOAT32 -> 16; // a Byte, Short, Integer, Float
            case BOOLEAN -> 0; // Boolean.TRUE / FALSE
            case STRING -> value instanceof String str ? 24 + array(str.length(), 1) : sizeOf(value);
            default -> sizeOf(value);
        };
    }

    /** Heap bytes a value holds (a null holds none: its reference is counted by what contains it). */
    static long sizeOf(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof String str) { // the common cases first
            return 24 + array(str.length(), 1);
        }
        if (v instanceof Long || v instanceof Double) {
            return 24;
        }
        if (v instanceof Integer || v instanceof Float || v instanceof Short || v instanceof Byte) {
            return 16;
        }
        if (v instanceof Boolean) {
            return 0; // Boolean.TRUE / FALSE
        }
        if (v instanceof Struct s) {
            // indexed: no iterator per struct (this runs for every buffered record)
            List<Field> fields = s.schema().fields();
            int count = fields.size();
            long n = 24 + array(count, 4);
            for (int i = 0; i < count; i++) {
                Field f = fields.get(i);
                Object value = s.get(f);
                if (value != null) {
                    Schema fs = f.schema();
                    n += fs.name() == null ? sizeOf(fs.type(), value) : sizeOf(value);
                }
            }
            return n;
        }
        if (v instanceof byte[] b) {
            return array(b.length, 1);
        }
        if (v instanceof ByteBuffer b) {
            return 48 + array(b.remaining(), 1);
        }
        if (v instanceof BigDecimal d) {
            // a compact BigDecimal up to 18 digits; beyond, a BigInteger with an int per 9.6 digits
            return d.precision() <= 18 ? 40 : 40 + 40 + array(d.precision() / 9 + 1, 4);
        }
        if (v instanceof BigInteger i) {
            return 40 + array(i.bitLength() / 32 + 1, 4);
        }
        if (v instanceof Date) {
            return 24;
        }
        if (v instanceof CharSequence cs) {
            return 24 + array(cs.length(), 1);
        }
        if (v instanceof Collection<?> c) {
            long n = 24 + array(c.size(), 4); // an ArrayList
            for (Object o : c) {
                n += sizeOf(o);
            }
            return n;
        }
        if (v instanceof Map<?, ?> m) {
            long n = 48 + array(Math.max(16, Integer.highestOneBit(Math.max(1, m.size() * 4 / 3)) * 2), 4); // a HashMap
            for (Map.Entry<?, ?> e : m.entrySet()) {
                n += 32 + sizeOf(e.getKey()) + sizeOf(e.getValue());
            }
            return n;
        }
        return 16;
    }
}
