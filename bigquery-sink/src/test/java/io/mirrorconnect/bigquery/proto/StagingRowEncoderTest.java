package io.mirrorconnect.bigquery.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;

import io.mirrorconnect.bigquery.Schemas;
import io.mirrorconnect.bigquery.schema.ArrayMapping;
import io.mirrorconnect.bigquery.schema.StagingTable;
import io.mirrorconnect.bigquery.schema.TableLayout;

/** Encoded rows decoded back with the generated descriptor: each value in the unit BigQuery documents. */
class StagingRowEncoderTest {

    private final List<String> nullArrays = new ArrayList<>();

    private Map<String, Object> decode(ArrayMapping arrays, Map<String, Object> values) throws Exception {
        StagingTable table = new StagingTable(TableLayout.of(Schemas.key(), Schemas.everyType(), arrays));
        StagingRowEncoder encoder = new StagingRowEncoder(table, arrays, nullArrays::add);
        ByteString bytes = encoder.encode(values, new boolean[table.dataColumns()], 42L, false, 1, 7);
        Descriptors.Descriptor d = Descriptors.FileDescriptor.buildFrom(FileDescriptorProto.newBuilder().setName("t.proto")
                .addMessageType(table.descriptor()).build(), new Descriptors.FileDescriptor[0]).findMessageTypeByName("MirrorRow");
        DynamicMessage m = DynamicMessage.parseFrom(d, bytes);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Descriptors.FieldDescriptor f : d.getFields()) {
            if (f.isRepeated() ? m.getRepeatedFieldCount(f) > 0 : m.hasField(f)) {
                String name = f.getName().startsWith("c") ? table.layout().columns().get(Integer.parseInt(f.getName().substring(1))).name()
                        : f.getName();
                out.put(name, m.getField(f));
            }
        }
        return out;
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void everyTypeInBigQuerysUnits() throws Exception {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("a", "1");
        attrs.put("b\"", null);
        Map<String, Object> out = decode(ArrayMapping.REPEATED, row(
                "id", 7L, "small", (short) -3, "int", Integer.MIN_VALUE, "real", 1.5f, "double", Double.NaN, "flag", true,
                "price", new BigDecimal("-12.30"), "wide", new BigDecimal("1234567890123456789.01234567890123456789"),
                "huge", new BigDecimal("1E+55"), "unbounded", "NaN", "name", "ünï\u0000code", "blob", new byte[] {0, (byte) 0xff},
                "uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "doc", "{\"k\": [1, null]}",
                "day", new java.util.Date(-719162L * 86_400_000L), "at", 86_399_999_999L,
                "local", 253402300799999999L, "instant", -62135596800000000L, "span", "P1Y",
                "tags", List.of("x", ""), "amounts", List.of(new BigDecimal("1.00")),
                "grid", List.of(Arrays.asList(1, null), List.of()), "attrs", attrs));
        assertThat(out).containsEntry("id", 7L).containsEntry("small", -3L).containsEntry("int", (long) Integer.MIN_VALUE)
                .containsEntry("real", 1.5d).containsEntry("flag", true)
                .containsEntry("price", "-12.30").containsEntry("wide", "1234567890123456789.01234567890123456789")
                .containsEntry("huge", "10000000000000000000000000000000000000000000000000000000")
                .containsEntry("unbounded", "NaN").containsEntry("name", "ünï\u0000code")
                .containsEntry("blob", ByteString.copyFrom(new byte[] {0, (byte) 0xff}))
                .containsEntry("doc", "{\"k\": [1, null]}").containsEntry("day", -719162)
                .containsEntry("at", "23:59:59.999999").containsEntry("local", "9999-12-31 23:59:59.999999")
                .containsEntry("instant", -62135596800000000L).containsEntry("span", "P1Y")
                .containsEntry("tags", List.of("x", "")).containsEntry("amounts", List.of("1.00"))
                .containsEntry("grid", "[[1,null],[]]").containsEntry("attrs", "{\"a\":\"1\",\"b\\\"\":null}")
                .containsEntry("_mc_version", 42L).containsEntry("_mc_deleted", false).containsEntry("_mc_group", 1L)
                .containsEntry("_mc_seq", 7L);
        assertThat((Double) out.get("double")).isNaN();
    }

    @Test
    void bytesAsByteBufferToo() throws Exception {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 1, 2, 3}, 1, 3);
        assertThat(decode(ArrayMapping.REPEATED, row("id", 1L, "blob", buffer)))
                .containsEntry("blob", ByteString.copyFrom(new byte[] {1, 2, 3}));
        assertThat(buffer.remaining()).isEqualTo(3); // not consumed
    }

    @Test
    void nullsAndUnknownColumnsAreLeftUnset() throws Exception {
        Map<String, Object> values = row("id", 1L, "name", null);
        StagingTable table = new StagingTable(TableLayout.of(Schemas.key(), Schemas.everyType(), ArrayMapping.REPEATED));
        boolean[] unknown = new boolean[table.dataColumns()];
        unknown[table.layout().indexOf("price")] = true;
        values.put("price", new BigDecimal("1"));
        ByteString bytes = new StagingRowEncoder(table, ArrayMapping.REPEATED, c -> { }).encode(values, unknown, 0, true, 0, 0);
        assertThat(bytes).isEqualTo(new StagingRowEncoder(table, ArrayMapping.REPEATED, c -> { })
                .encode(row("id", 1L), new boolean[table.dataColumns()], 0, true, 0, 0));
    }

    @Test
    void nullArraysPerMapping() throws Exception {
        assertThat(decode(ArrayMapping.REPEATED, row("id", 1L, "tags", null))).doesNotContainKey("tags");
        assertThat(nullArrays).containsExactly("tags");
        assertThatThrownBy(() -> decode(ArrayMapping.STRICT, row("id", 1L, "tags", null)))
                .isInstanceOf(ValueRejectedException.class).hasMessageContaining("NULL array");
        assertThat(decode(ArrayMapping.JSON, row("id", 1L, "tags", null))).doesNotContainKey("tags");
        assertThat(decode(ArrayMapping.JSON, row("id", 1L, "tags", Arrays.asList("a", null))))
                .containsEntry("tags", "[\"a\",null]");
    }

    @Test
    void nullElementsAreRejectedInRepeatedColumns() {
        assertThatThrownBy(() -> decode(ArrayMapping.REPEATED, row("id", 1L, "tags", Arrays.asList("a", null))))
                .isInstanceOf(ValueRejectedException.class)
                .hasMessageContaining("element 1").hasMessageContaining("bigquery.arrays=json")
                .satisfies(e -> assertThat(((ValueRejectedException) e).column()).isEqualTo("tags"));
    }

    @Test
    void valuesOutsideBigQuerysRangesAreRejectedNamingTheColumn() {
        assertThatThrownBy(() -> decode(ArrayMapping.REPEATED, row("id", 1L, "at", 86_400_000_000L)))
                .hasMessageContaining("24:00:00").satisfies(e -> assertThat(((ValueRejectedException) e).column()).isEqualTo("at"));
        assertThatThrownBy(() -> decode(ArrayMapping.REPEATED, row("id", 1L, "day", new java.util.Date(-719163L * 86_400_000L))))
                .hasMessageContaining("DATE range");
        assertThatThrownBy(() -> decode(ArrayMapping.REPEATED, row("id", 1L, "instant", 253402300800000000L)))
                .hasMessageContaining("range");
        assertThatThrownBy(() -> decode(ArrayMapping.REPEATED, row("id", 1L, "wide", new BigDecimal("1E+40"))))
                .hasMessageContaining("does not fit BIGNUMERIC");
    }

    @Test
    void jsonArraysKeepElementsExactly() throws Exception {
        Map<String, Object> out = decode(ArrayMapping.JSON, row("id", 1L,
                "amounts", Arrays.asList(new BigDecimal("0.10"), null), "tags", List.of("q\"uote", "ü")));
        assertThat(out).containsEntry("amounts", "[0.10,null]").containsEntry("tags", "[\"q\\\"uote\",\"ü\"]");
    }
}
