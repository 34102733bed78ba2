package io.mirrorconnect.sink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import io.mirrorconnect.contract.TableId;

/**
 * Collapses a table's buffered records into the rows one flush writes (pure: no I/O).
 *
 * <p>Upsert mode keeps one row per key: the change with the highest version, ties going to the later Kafka
 * offset (a duplicate snapshot row, version 0, is replaced by the later one). Because rows are folded in version
 * order, a delete after an insert stays a delete, a re-insert after a delete is an insert, and no row ever goes
 * out with a lower version than another change of its key in the batch. Values that a change did not carry
 * (unchanged TOAST; everything but the key for a key-only delete) are taken from the key's previous change in
 * the batch when it has them; the rest are listed in {@link CollapsedRow#lookupFields()} /
 * {@link CollapsedRow#lookupAll()} for the destination writer to fill from its current row.
 *
 * <p>Append and overwrite modes keep every record as its own row, in arrival order; unchanged-TOAST values are
 * still filled from the key's previous record in the batch.
 */
public final class BatchCollapser {
    private static final Comparator<ChangeRow> BY_VERSION = Comparator.comparingLong(ChangeRow::version);

    private final WriteMode mode;
    private final KeyExtractor keys;

    public BatchCollapser(WriteMode mode, KeyExtractor keys) {
        this.mode = mode;
        this.keys = keys;
    }

    /**
     * Checks what collapsing needs from one record, so that a bad record is rejected when it arrives rather
     * than when its batch is written: a key in upsert mode, the {@code unique.key.columns}, unchanged-TOAST
     * names that are fields of the value.
     *
     * @throws DataException naming the record
     */
    public void check(ChangeRow row) {
        List<Object> key = keys.keyOf(row);
        if (key == null && mode.keyed()) {
            throw new DataException("record " + row.where() + " has no key, so it cannot be upserted: give the source "
                    + "table a primary key, set unique.key.columns, or use write.mode=append");
        }
        for (String f : row.meta().unchangedToastFields()) {
            if (row.value() == null || row.value().schema().field(f) == null) {
                throw new DataException("record " + row.where() + " lists '" + f + "' as unchanged TOAST, "
                        + "but its value has no such field");
            }
        }
    }

    /**
     * The key schema {@link #collapse} gives a batch of {@code rows}: that of the first row with a key (null when
     * none has one). Cheap: the writer's table is prepared with it before the rows are collapsed.
     */
    public Schema keySchema(List<ChangeRow> rows) {
        for (ChangeRow row : rows) {
            Schema s = keys.keySchema(row);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /** Whether {@code rows} hold offset 0 of partition 0 ({@link CollapsedBatch#fromFirstOffset()}). */
    public static boolean fromFirstOffset(List<ChangeRow> rows) {
        for (ChangeRow row : rows) {
            if (row.partition() == 0 && row.offset() == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param table       destination table (for the batch and error messages)
     * @param rows        the table's buffered records, in the order they were received
     * @param valueSchema the union of the value schemas seen for the table (may be null)
     */
    public CollapsedBatch collapse(TableId table, List<ChangeRow> rows, Schema valueSchema) {
        int n = rows.size();
        // each row's key, read once; a first pass finds whether any key repeats
        @SuppressWarnings("unchecked")
        List<Object>[] rowKeys = new List[n];
        Set<List<Object>> seen = new HashSet<>(capacityFor(n));
        boolean duplicates = false;
        for (int i = 0; i < n; i++) {
            ChangeRow row = rows.get(i);
            List<Object> key = keys.keyOf(row);
            if (key == null) {
                if (mode.keyed()) {
                    throw new DataException("record " + row.where() + " for table " + table + " has no key, so it cannot "
                            + "be upserted: give the source table a primary key, set unique.key.columns, or use write.mode=append");
                }
                continue;
            }
            rowKeys[i] = key;
            duplicates = duplicates || !seen.add(key);
        }
        seen = null;
        List<CollapsedRow> out;
        if (!duplicates) {
            // every key once (e.g. a snapshot): each record is its own row, in arrival order, nothing to merge
            out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(apply(null, rowKeys[i], rows.get(i)));
            }
        } else {
            out = collapseGroups(rows, rowKeys);
        }
        return new CollapsedBatch(table, mode, keySchema(rows), valueSchema, out, n, fromFirstOffset(rows));
    }

    /** Rows grouped by key, keeping first-seen key order; keyless rows each form their own group. */
    private List<CollapsedRow> collapseGroups(List<ChangeRow> rows, List<Object>[] rowKeys) {
        Map<Object, List<ChangeRow>> groups = new LinkedHashMap<>(capacityFor(rows.size()));
        int keyless = 0;
        for (int i = 0; i < rows.size(); i++) {
            ChangeRow row = rows.get(i);
            List<Object> key = rowKeys[i];
            if (key == null) {
                groups.put(new Keyless(keyless++), new ArrayList<>(List.of(row)));
                continue;
            }
            List<ChangeRow> group = groups.get(key);
            if (group == null) {
                group = new ArrayList<>(2);
                groups.put(key, group);
            }
            group.add(row);
        }

        List<CollapsedRow> out = new ArrayList<>(mode.keyed() ? groups.size() : rows.size());
        for (Map.Entry<Object, List<ChangeRow>> e : groups.entrySet()) {
            @SuppressWarnings("unchecked")
            List<Object> key = e.getKey() instanceof Keyless ? null : (List<Object>) e.getKey();
            List<ChangeRow> changes = e.getValue();
            if (mode.keyed()) {
                // stable sort: equal versions keep arrival (offset) order, so the later one wins
                changes.sort(BY_VERSION);
            }
            CollapsedRow state = null;
            for (ChangeRow change : changes) {
                state = apply(state, key, change);
                if (!mode.keyed()) {
                    out.add(state);
                }
            }
            if (mode.keyed()) {
                out.add(state);
            }
        }
        return out;
    }

    private static CollapsedRow apply(CollapsedRow prev, List<Object> key, ChangeRow change) {
        Set<String> unchanged = change.meta().unchangedToastFields();
        if (prev == null && !(change.isDelete() && change.keyOnly())) {
            // the first change of its key in the batch: its own values, read from its struct when written
            for (String f : unchanged) {
                if (change.value().schema().field(f) == null) {
                    throw new DataException("record " + change.where() + " lists '" + f + "' as unchanged TOAST, "
                            + "but its value has no such field");
                }
            }
            return new CollapsedRow(key, change.isDelete(), change.version(), change.meta().commitTimeMicros(),
                    new StructValues(change.value(), unchanged), unchanged, false, change);
        }
        // sized for the row, so that filling it never rehashes (CollapsedRow copies it once more)
        Map<String, Object> values = new LinkedHashMap<>(capacityFor(change.value().schema().fields().size()
                + (prev == null ? 0 : prev.values().size())));
        Set<String> lookup = new LinkedHashSet<>();
        boolean lookupAll = false;

        if (change.isDelete() && change.keyOnly()) {
            if (prev != null) {
                values.putAll(prev.values());
                lookup.addAll(prev.lookupFields());
                lookupAll = prev.lookupAll();
            } else {
                lookupAll = true;
            }
            putAll(values, change.value(), unchanged); // the key (fields listed as not sent carry nothing)
        } else {
            putAll(values, change.value(), unchanged);
            for (String f : unchanged) {
                if (change.value().schema().field(f) == null) {
                    throw new DataException("record " + change.where() + " lists '" + f + "' as unchanged TOAST, "
                            + "but its value has no such field");
                }
                if (prev != null && !prev.lookupAll() && !prev.lookupFields().contains(f) && prev.values().containsKey(f)) {
                    values.put(f, prev.values().get(f));
                } else {
                    lookup.add(f);
                }
            }
        }
        return new CollapsedRow(key, change.isDelete(), change.version(), change.meta().commitTimeMicros(),
                values, lookup, lookupAll, change);
    }

    private static void putAll(Map<String, Object> values, Struct struct, Set<String> skip) {
        for (Field f : struct.schema().fields()) {
            if (!skip.contains(f.name())) {
                values.put(f.name(), struct.get(f));
            }
        }
    }

    /** A HashMap capacity that holds {@code n} entries without resizing. */
    private static int capacityFor(int n) {
        return (int) (n / 0.75f) + 1;
    }

    /** Identity of a row without a key (append mode): never equal to another. */
    private record Keyless(int n) {
    }
}
