package io.mirrorconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.ChangeMetadata;
import io.mirrorconnect.contract.ChangeOp;

/**
 * The estimate counts heap bytes as a 64-bit JVM with compressed references lays the values out (the layouts
 * below are those of JDK 17's classes; SinkPathBench's heap mode compares the estimate with the measured heap).
 */
class RowSizeEstimatorTest {

    @Test
    void countsEachKindOfValueAsTheHeapHoldsIt() {
        assertThat(RowSizeEstimator.sizeOf(null)).isZero();
        assertThat(RowSizeEstimator.sizeOf("")).isEqualTo(24 + 16);
        assertThat(RowSizeEstimator.sizeOf("héllo")).isEqualTo(24 + 24); // byte[5] = 16 + 5, aligned to 24
        assertThat(RowSizeEstimator.sizeOf(1)).isEqualTo(16);
        assertThat(RowSizeEstimator.sizeOf((short) 1)).isEqualTo(16);
        assertThat(RowSizeEstimator.sizeOf(1.5f)).isEqualTo(16);
        assertThat(RowSizeEstimator.sizeOf(1L)).isEqualTo(24);
        assertThat(RowSizeEstimator.sizeOf(0.5)).isEqualTo(24);
        assertThat(RowSizeEstimator.sizeOf(true)).isZero();
        assertThat(RowSizeEstimator.sizeOf(new byte[3])).isEqualTo(24);
        assertThat(RowSizeEstimator.sizeOf(new byte[8])).isEqualTo(24);
        assertThat(RowSizeEstimator.sizeOf(new byte[9])).isEqualTo(32);
        assertThat(RowSizeEstimator.sizeOf(ByteBuffer.wrap(new byte[7]))).isEqualTo(48 + 24);
        assertThat(RowSizeEstimator.sizeOf(new BigDecimal("12345.67890"))).isEqualTo(40);
        assertThat(RowSizeEstimator.sizeOf(new BigDecimal("1234567890123456789.5"))).isEqualTo(40 + 40 + 32);
        assertThat(RowSizeEstimator.sizeOf(BigInteger.TEN)).isEqualTo(40 + 24);
        assertThat(RowSizeEstimator.sizeOf(new java.util.Date(0))).isEqualTo(24);
        assertThat(RowSizeEstimator.sizeOf(new StringBuilder("abc"))).isEqualTo(24 + 24);
        assertThat(RowSizeEstimator.sizeOf(Arrays.asList("a", null, "bcd"))).isEqualTo(24 + 32 + 48 + 0 + 48);
        assertThat(RowSizeEstimator.sizeOf(Map.of("k", 1))).isEqualTo(48 + 80 + 32 + 48 + 16);
    }

    @Test
    void aStructIsItsObjectItsValueArrayAndItsValues() {
        Schema inner = SchemaBuilder.struct().optional().field("x", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema s = SchemaBuilder.struct()
                .field("i64", Schema.OPTIONAL_INT64_SCHEMA).field("s", Schema.OPTIONAL_STRING_SCHEMA)
                .field("dec", Decimal.builder(5).optional().build()).field("ts", Timestamp.builder().optional().build())
                .field("inner", inner).field("none", Schema.OPTIONAL_INT32_SCHEMA)
                .field("dflt", SchemaBuilder.string().optional().defaultValue("default!").build())
                .build();
        Struct v = new Struct(s).put("i64", 2L).put("s", "abc").put("dec", new BigDecimal("12345.67890"))
                .put("ts", new java.util.Date(0)).put("inner", new Struct(inner).put("x", "y"));
        long innerSize = 24 + 24 + (24 + 24);
        // 7 references: 16 + 28 = 44, aligned to 48; "dflt" is read as its default (the estimate counts it)
        assertThat(RowSizeEstimator.sizeOf(v)).isEqualTo(24 + 48 + 24 + (24 + 24) + 40 + 24 + innerSize + 0 + (24 + 24));
    }

    /** Struct fields are sized by their schema type (no class tests for the primitives): the same as by value. */
    @Test
    void everyFieldTypeCountsAsItsValue() {
        Schema inner = SchemaBuilder.struct().optional().field("x", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema s = SchemaBuilder.struct()
                .field("i8", Schema.INT8_SCHEMA).field("i16", Schema.INT16_SCHEMA).field("i32", Schema.INT32_SCHEMA)
                .field("i64", Schema.INT64_SCHEMA).field("f32", Schema.FLOAT32_SCHEMA).field("f64", Schema.FLOAT64_SCHEMA)
                .field("b", Schema.BOOLEAN_SCHEMA).field("s", Schema.STRING_SCHEMA).field("bytes", Schema.BYTES_SCHEMA)
                .field("date", org.apache.kafka.connect.data.Date.SCHEMA)
                .field("time", org.apache.kafka.connect.data.Time.SCHEMA).field("ts", Timestamp.SCHEMA)
                .field("dec", Decimal.schema(2)).field("arr", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
                .field("map", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
                .field("inner", inner).field("null", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
        Struct v = new Struct(s).put("i8", (byte) 1).put("i16", (short) 2).put("i32", 3).put("i64", 4L).put("f32", 5f)
                .put("f64", 6.0).put("b", true).put("s", "héllo").put("bytes", new byte[9])
                .put("date", new java.util.Date(0)).put("time", new java.util.Date(1)).put("ts", new java.util.Date(2))
                .put("dec", new BigDecimal("1.25")).put("arr", Arrays.asList("a", "bc")).put("map", Map.of("k", 1))
                .put("inner", new Struct(inner).put("x", "y"));
        long values = 0;
        for (org.apache.kafka.connect.data.Field f : s.fields()) {
            values += RowSizeEstimator.sizeOf(v.get(f));
        }
        assertThat(RowSizeEstimator.sizeOf(v)).isEqualTo(24 + RowSizeEstimator.array(s.fields().size(), 4) + values);
    }

    @Test
    void aRowAddsItsOwnObjectsAndAKeptRecordWhatItHolds() {
        Struct key = Records.key(7);
        Struct value = Records.row(7, "name", null);
        long values = RowSizeEstimator.sizeOf(key) + RowSizeEstimator.sizeOf(value);
        ChangeRow kept = ChangeRow.read(Records.record(0, 5, ChangeOp.INSERT, 9, key, value), true);
        ChangeRow notKept = ChangeRow.read(Records.record(0, 5, ChangeOp.INSERT, 9, key, value), false);
        assertThat(notKept.record()).isNull();
        assertThat(RowSizeEstimator.estimate(notKept)).isEqualTo(RowSizeEstimator.ROW_OVERHEAD + values);
        assertThat(RowSizeEstimator.estimate(kept)).isEqualTo(RowSizeEstimator.ROW_OVERHEAD + values
                + RowSizeEstimator.KEPT_RECORD_OVERHEAD + RowSizeEstimator.KEPT_RECORD_FACTOR * values);
        assertThat(new ChangeRow("t", 0, 1, ChangeMetadata.of(ChangeOp.INSERT, 1, 0), null, null, false, null))
                .satisfies(r -> assertThat(RowSizeEstimator.estimate(r)).isEqualTo(RowSizeEstimator.ROW_OVERHEAD));
    }

    @Test
    void rowsWithEqualMetadataShareOneInstance() {
        ChangeRow first = ChangeRow.read(Records.upsert(1, ChangeOp.SNAPSHOT, 0, 1, "a", "x"), false, null);
        ChangeRow same = ChangeRow.read(Records.upsert(2, ChangeOp.SNAPSHOT, 0, 2, "b", "y"), false, first.meta());
        ChangeRow other = ChangeRow.read(Records.upsert(3, ChangeOp.UPDATE, 7, 2, "b", "y", "body"), false, first.meta());
        assertThat(same.meta()).isSameAs(first.meta());
        assertThat(other.meta()).isNotSameAs(first.meta()).isEqualTo(new ChangeMetadata(ChangeOp.UPDATE, 7,
                1_700_000_000_000_007L, java.util.Set.of("body")));
        assertThat(same.offset()).isEqualTo(2);
    }
}
