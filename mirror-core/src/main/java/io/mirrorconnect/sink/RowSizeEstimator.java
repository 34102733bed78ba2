package io.mirrorconnect.sink;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/** A cheap estimate of how many bytes a record's values take in memory and on the wire (for max.batch.bytes). */
public final class RowSizeEstimator {
    static final int RECORD_OVERHEAD = 64;

    private RowSizeEstimator() {
    }

    public static long estimate(ChangeRow row) {
        return RECORD_OVERHEAD + sizeOf(row.key()) + sizeOf(row.value());
    }

    static long sizeOf(Object v) {
        if (v == null) {
            return 1;
        }
        if (v instanceof String str) { // the common cases first; the same sizes as the general rules below
            return 4L + str.length();
        }
        if (v instanceof Number && !(v instanceof BigDecimal)) {
            return 8;
        }
        if (v instanceof Struct s) {
            // indexed: no iterator per struct (this runs for every buffered record)
            List<Field> fields = s.schema().fields();
            int count = fields.size();
            long n = 8L * count;
            for (int i = 0; i < count; i++) {
                n += sizeOf(s.get(fields.get(i)));
            }
            return n;
        }
        if (v instanceof CharSequence cs) {
            return 4L + cs.length();
        }
        if (v instanceof byte[] b) {
            return 4L + b.length;
        }
        if (v instanceof ByteBuffer b) {
            return 4L + b.remaining();
        }
        if (v instanceof BigDecimal d) {
            return 16L + d.precision() / 2;
        }
        if (v instanceof Collection<?> c) {
            long n = 4;
            for (Object o : c) {
                n += sizeOf(o);
            }
            return n;
        }
        if (v instanceof Map<?, ?> m) {
            long n = 4;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                n += sizeOf(e.getKey()) + sizeOf(e.getValue());
            }
            return n;
        }
        return 8;
    }
}
