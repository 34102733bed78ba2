package io.mirrorconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** The view a row not merged with another is written from: the same map the collapser would have built. */
class StructValuesTest {
    private static final Schema SCHEMA = SchemaBuilder.struct()
            .field("id", Schema.INT64_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("toast", Schema.OPTIONAL_STRING_SCHEMA)
            .field("dflt", SchemaBuilder.string().optional().defaultValue("d").build())
            .field("bytes", Schema.OPTIONAL_BYTES_SCHEMA)
            .build();

    /** What BatchCollapser builds for a merged row: every field but the skipped ones, in field order. */
    private static Map<String, Object> copy(Struct s, Set<String> skip) {
        Map<String, Object> m = new LinkedHashMap<>();
        s.schema().fields().forEach(f -> {
            if (!skip.contains(f.name())) {
                m.put(f.name(), s.get(f));
            }
        });
        return m;
    }

    @Test
    void equalsTheCopyInContentAndOrderWithNullsPresentAndSkippedFieldsAbsent() {
        byte[] bytes = {0, (byte) 0xff};
        Struct s = new Struct(SCHEMA).put("id", 7L).put("toast", null).put("bytes", bytes);
        for (Set<String> skip : List.of(Set.<String>of(), Set.of("toast"), Set.of("toast", "name"))) {
            StructValues v = new StructValues(s, skip);
            Map<String, Object> expected = copy(s, skip);
            assertThat(v).isEqualTo(expected);
            assertThat(expected).isEqualTo(v);
            assertThat(v.hashCode()).isEqualTo(expected.hashCode());
            assertThat(v.size()).isEqualTo(expected.size());
            assertThat(new ArrayList<>(v.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
            assertThat(v.toString()).isEqualTo(expected.toString());
            for (String f : List.of("id", "name", "toast", "dflt", "bytes", "nope")) {
                assertThat(v.containsKey(f)).as(f).isEqualTo(expected.containsKey(f));
                assertThat(v.get(f)).as(f).isEqualTo(expected.get(f));
            }
        }
        StructValues all = new StructValues(s, Set.of());
        assertThat(all.containsKey("name")).isTrue(); // a real NULL
        assertThat(all.get("name")).isNull();
        assertThat(all.get("dflt")).isEqualTo("d"); // read as Struct.get reads it
        assertThat(all.get("bytes")).isSameAs(bytes); // not copied
        assertThat(all.get(1)).isNull();
        assertThat(all.containsKey(null)).isFalse();
    }

    @Test
    void isUnmodifiable() {
        StructValues v = new StructValues(new Struct(SCHEMA).put("id", 1L), Set.of());
        assertThatThrownBy(() -> v.put("id", 2L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> v.remove("id")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> v.entrySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> v.entrySet().iterator().next().setValue(3L)).isInstanceOf(UnsupportedOperationException.class);
    }
}
