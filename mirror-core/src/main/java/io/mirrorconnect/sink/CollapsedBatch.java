package io.mirrorconnect.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.connect.data.Schema;

import io.mirrorconnect.contract.TableId;

/**
 * What one flush writes to one destination table.
 *
 * @param table         destination table
 * @param mode          write mode
 * @param keySchema     schema of the key fields (null when the rows have no key)
 * @param valueSchema   every value field seen for the table so far (the union across schema versions, newest
 *                      definitions first); null when only key-only deletes were seen
 * @param rows          rows to write: one per key in upsert mode, one per record in append/overwrite mode
 * @param records       how many records the batch was collapsed from
 * @param fromFirstOffset true when the batch holds offset 0 of partition 0 (overwrite mode empties the table first;
 *                        only partition 0, so that a topic with several partitions empties the table once)
 */
public record CollapsedBatch(TableId table, WriteMode mode, Schema keySchema, Schema valueSchema,
                             List<CollapsedRow> rows, int records, boolean fromFirstOffset) {

    public CollapsedBatch {
        rows = List.copyOf(rows);
    }

    /** Key field names in key order (empty without a key). */
    public List<String> keyFields() {
        return keySchema == null ? List.of() : keySchema.fields().stream().map(f -> f.name()).toList();
    }

    public boolean needsLookup() {
        return rows.stream().anyMatch(CollapsedRow::needsLookup);
    }

    /** This batch without {@code row} (after the row was sent to the errant-record reporter). */
    public CollapsedBatch without(CollapsedRow row) {
        return without(r -> r == row);
    }

    /** This batch without the rows {@code drop} matches (the same batch when none does). */
    public CollapsedBatch without(Predicate<CollapsedRow> drop) {
        List<CollapsedRow> rest = new ArrayList<>(rows.size());
        for (CollapsedRow r : rows) {
            if (!drop.test(r)) {
                rest.add(r);
            }
        }
        return rest.size() == rows.size() ? this
                : new CollapsedBatch(table, mode, keySchema, valueSchema, rest, records, fromFirstOffset);
    }
}
