package io.mirrorconnect.snowflake.writer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.connect.errors.DataException;

import io.mirrorconnect.sink.CollapsedBatch;
import io.mirrorconnect.sink.CollapsedRow;
import io.mirrorconnect.sink.RecordRejectedException;
import io.mirrorconnect.sink.WriteMode;
import io.mirrorconnect.snowflake.schema.SnowflakeValues;

/**
 * A collapsed batch as staging-table rows (pure): per row, the staged value of each layout column, then version,
 * deleted flag and group. Rows that keep the same set of stored columns (unchanged TOAST, or every non-key column
 * of a key-only delete) share a group; each group is merged with its own statement.
 *
 * @param rows   staged rows, bound in this order
 * @param groups per group number, the names of the non-key columns the group's rows keep
 */
public record StagedRows(List<Object[]> rows, List<Set<String>> groups) {

    /**
     * @throws RecordRejectedException naming table, key and column when a value cannot be staged
     */
    public static StagedRows of(String table, TableLayout layout, CollapsedBatch batch) {
        List<TableLayout.Column> columns = layout.columns();
        List<String> nonKey = columns.stream().filter(c -> !c.key()).map(TableLayout.Column::name).toList();
        Map<Set<String>, Integer> groups = new LinkedHashMap<>();
        List<Object[]> rows = new ArrayList<>(batch.rows().size());
        boolean keepStored = batch.mode() == WriteMode.UPSERT;
        for (CollapsedRow row : batch.rows()) {
            Object[] staged = new Object[columns.size() + 3];
            Set<String> kept = new TreeSet<>();
            for (int i = 0; i < columns.size(); i++) {
                TableLayout.Column c = columns.get(i);
                boolean known = row.values().containsKey(c.field()) && !row.lookupFields().contains(c.field());
                if (c.key() && row.key() != null && !row.values().containsKey(c.field())) {
                    int k = batch.keyFields().indexOf(c.field());
                    if (k >= 0) {
                        staged[i] = stage(table, row, c, row.key().get(k));
                        continue;
                    }
                }
                if (known) {
                    staged[i] = stage(table, row, c, row.values().get(c.field()));
                } else if (keepStored && !c.key() && (row.lookupAll() || row.lookupFields().contains(c.field()))) {
                    kept.add(c.name());
                }
            }
            if (keepStored && row.lookupAll()) {
                kept.addAll(nonKey);
            }
            int group = groups.computeIfAbsent(kept, k -> groups.size());
            staged[columns.size()] = Long.toUnsignedString(row.version());
            staged[columns.size() + 1] = row.deleted();
            staged[columns.size() + 2] = Integer.toString(group);
            rows.add(staged);
        }
        return new StagedRows(rows, new ArrayList<>(groups.keySet()));
    }

    private static Object stage(String table, CollapsedRow row, TableLayout.Column c, Object value) {
        try {
            return SnowflakeValues.staged(c.schema(), value);
        } catch (DataException | ClassCastException e) {
            throw new RecordRejectedException(row, c.name(), "table " + table + ": Snowflake cannot"
                    + " take value " + SnowflakeValues.abbreviate(String.valueOf(value)) + " (" + e.getMessage() + ")", e);
        }
    }
}
