package io.mirrorconnect.bigquery.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.bigquery.schema.ArrayMapping;
import io.mirrorconnect.bigquery.schema.TableLayout;
import io.mirrorconnect.sink.CollapsedRow;

/** Which columns a collapsed row knows: what the MERGE may overwrite and what it must keep. */
class RowColumnsTest {
    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA).field("notes", Schema.OPTIONAL_STRING_SCHEMA)
            .field("added", Schema.OPTIONAL_INT32_SCHEMA).build();
    private static final TableLayout LAYOUT = TableLayout.of(KEY, VALUE, ArrayMapping.REPEATED);

    private static CollapsedRow row(Map<String, Object> values, Set<String> lookup, boolean lookupAll) {
        return new CollapsedRow(List.of(7L), false, 5, 0, values, lookup, lookupAll, null);
    }

    @Test
    void aFullRowKnowsEveryColumnItCarriesIncludingNulls() {
        Map<String, Object> v = new HashMap<>(Map.of("id", 7L, "name", "n", "added", 1));
        v.put("notes", null);
        assertThat(RowColumns.unknown(LAYOUT, row(v, Set.of(), false))).containsExactly(false, false, false, false);
    }

    @Test
    void unchangedToastAndFieldsOfAnOlderSchemaAreUnknown() {
        Map<String, Object> v = new HashMap<>(Map.of("id", 7L, "name", "n"));
        v.put("notes", null); // sent as null but listed as unchanged TOAST
        assertThat(RowColumns.unknown(LAYOUT, row(v, Set.of("notes"), false))).containsExactly(false, false, true, true);
    }

    @Test
    void aKeyOnlyDeleteKnowsOnlyItsKeyTakenFromTheRowsKey() {
        CollapsedRow delete = row(Map.of(), Set.of(), true);
        assertThat(RowColumns.unknown(LAYOUT, delete)).containsExactly(false, true, true, true);
        assertThat(RowColumns.valuesWithKey(LAYOUT, delete)).containsExactly(Map.entry("id", 7L));
    }
}
