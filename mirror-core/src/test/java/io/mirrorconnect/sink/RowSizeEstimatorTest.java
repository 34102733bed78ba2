package io.mirrorconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

/** The estimate keeps its rules (so batches flush where they did) while it got cheaper to compute. */
class RowSizeEstimatorTest {

    /** The rules as first written: 8 per field plus the value's size; the fast paths must agree with them. */
    private static long reference(Object v) {
        if (v == null) {
            return 1;
        }
        if (v instanceof Struct s) {
            long n = 0;
            for (Field f : s.schema().fields()) {
                n += 8 + reference(s.get(f));
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
                n += reference(o);
            }
            return n;
        }
        if (v instanceof Map<?, ?> m) {
            long n = 4;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                n += reference(e.getKey()) + reference(e.getValue());
            }
            return n;
        }
        return 8;
    }

    @Test
    void sameSizesAsTheRulesForEveryKindOfValue() {
        Schema inner = SchemaBuilder.struct().optional().field("x", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema s = SchemaBuilder.struct()
                .field("i8", Schema.OPTIONAL_INT8_SCHEMA).field("i64", Schema.OPTIONAL_INT64_SCHEMA)
                .field("f", Schema.OPTIONAL_FLOAT64_SCHEMA).field("b", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field("s", Schema.OPTIONAL_STRING_SCHEMA).field("empty", Schema.OPTIONAL_STRING_SCHEMA)
                .field("bytes", Schema.OPTIONAL_BYTES_SCHEMA).field("dec", Decimal.builder(5).optional().build())
                .field("ts", Timestamp.builder().optional().build())
                .field("arr", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
                .field("map", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_INT32_SCHEMA).optional().build())
                .field("inner", inner).field("none", Schema.OPTIONAL_INT32_SCHEMA)
                .field("dflt", SchemaBuilder.string().optional().defaultValue("default!").build())
                .build();
        Struct v = new Struct(s).put("i8", (byte) 1).put("i64", 2L).put("f", 0.5).put("b", true).put("s", "héllo")
                .put("empty", "").put("bytes", new byte[] {1, 2, 3}).put("dec", new BigDecimal("12345.67890"))
                .put("ts", new java.util.Date(0)).put("arr", Arrays.asList("a", null, "bcd"))
                .put("map", Map.of("k", 1)).put("inner", new Struct(inner).put("x", "y"));
        Struct key = new Struct(SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build()).put("id", 1L);
        assertThat(RowSizeEstimator.sizeOf(v)).isEqualTo(reference(v));
        assertThat(RowSizeEstimator.sizeOf(key)).isEqualTo(reference(key));
        for (Object o : List.of(BigInteger.TEN, ByteBuffer.wrap(new byte[7]), new StringBuilder("abc"), 3.5f, (short) 4)) {
            assertThat(RowSizeEstimator.sizeOf(o)).as(o.getClass().getName()).isEqualTo(reference(o));
        }
        assertThat(RowSizeEstimator.sizeOf(v)).isEqualTo(14 * 8 + 8 + 8 + 8 + 8 + (4 + 5) + 4 + (4 + 3) + (16 + 5) + 8
                + (4 + 5 + 1 + 7) + (4 + 5 + 8) + (8 + 5) + 1 + (4 + 8));
    }
}
