package io.mirrorconnect.sink;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.data.Struct;

/**
 * One destination row after collapsing: the newest version of its key in the batch.
 *
 * @param key              normalized key values (null for rows without a key, append mode only)
 * @param deleted          true when the newest change deleted the row
 * @param version          the newest change's version (the highest seen for the key in the batch)
 * @param commitTimeMicros commit time of the newest change
 * @param values           known values by value-field name, in value-field order (a null value is a real NULL);
 *                         for a row not merged with another, a view of its record's struct
 * @param lookupFields     fields whose values were not sent (unchanged TOAST) and no older row in the batch had:
 *                         the destination's current row supplies them
 * @param lookupAll        true when only the key is known (a key-only delete with no older row in the batch):
 *                         every non-key field comes from the destination's current row
 * @param source           the record of the newest change (errors and the errant-record reporter name it)
 */
public record CollapsedRow(List<Object> key, boolean deleted, long version, long commitTimeMicros,
                           Map<String, Object> values, Set<String> lookupFields, boolean lookupAll, ChangeRow source) {

    public CollapsedRow {
        // a StructValues is already an unmodifiable view of the row's struct; anything else is copied
        values = values instanceof StructValues ? values
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        lookupFields = Set.copyOf(lookupFields);
    }

    /**
     * The record's struct when {@link #values} are exactly its fields: a row not merged with another change, every
     * field sent (nothing to look up). A writer may then read the values by position ({@link FieldPlan}) instead of
     * by name. Null for any other row.
     */
    public Struct struct() {
        return values instanceof StructValues v ? v.whole() : null;
    }

    /** True when some values must come from the destination before the row can be written. */
    public boolean needsLookup() {
        return lookupAll || !lookupFields.isEmpty();
    }
}
