package io.mirrorconnect.bigquery.proto;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mirrorconnect.bigquery.schema.TableLayout;
import io.mirrorconnect.sink.CollapsedRow;

/**
 * Which of a layout's columns a collapsed row knows (pure). A column is unknown when the row did not carry its
 * field (a key-only delete, a field an older schema version lacks) or carried it only as unchanged TOAST; such a
 * column is left out of the staged row and out of its MERGE group's SET, so the destination keeps its value. Key
 * columns are always known: a row's key values come with it.
 */
public final class RowColumns {
    private RowColumns() {
    }

    /** {@code true} at position {@code i} when the layout's column {@code i} is not known for {@code row}. */
    public static boolean[] unknown(TableLayout layout, CollapsedRow row) {
        boolean[] unknown = new boolean[layout.columns().size()];
        for (int i = 0; i < unknown.length; i++) {
            TableLayout.Column c = layout.columns().get(i);
            boolean carried = row.values().containsKey(c.field()) && !row.lookupFields().contains(c.field());
            unknown[i] = !carried && !(c.key() && row.key() != null);
        }
        return unknown;
    }

    /** The row's values plus the key fields its value lacks (taken from the row's key, in key order). */
    public static Map<String, Object> valuesWithKey(TableLayout layout, CollapsedRow row) {
        if (row.key() == null) {
            return row.values();
        }
        Map<String, Object> out = null;
        int k = 0;
        for (String keyColumn : layout.keyColumns()) {
            TableLayout.Column c = layout.columns().get(layout.indexOf(keyColumn));
            if (!row.values().containsKey(c.field()) && k < row.key().size()) {
                if (out == null) {
                    out = new LinkedHashMap<>(row.values());
                }
                out.put(c.field(), row.key().get(k));
            }
            k++;
        }
        return out == null ? row.values() : out;
    }
}
