package io.mirrorconnect.it.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns source rows into what a destination must hold (through {@link SourceContract} and the destination's
 * {@link Representation}) and compares that with what it holds, value by value. Pure: collects every mismatch,
 * never stops at the first.
 */
public final class FidelityComparator {

    /** A source row the destination must reject (dead-letter queue), with the columns it cannot hold. */
    public record Rejection(String table, String key, List<String> columns, String why) {
    }

    /**
     * What one table must look like in a destination.
     *
     * @param rows     rows that must be there, by key: column → expected canonical value
     * @param rejected rows that must not be there, each to be found in the dead-letter queue
     */
    public record Expectation(Map<String, Map<String, Object>> rows, List<Rejection> rejected, boolean rejectedMayAppear) {

        public Expectation(Map<String, Map<String, Object>> rows, List<Rejection> rejected) {
            this(rows, rejected, false);
        }

        /**
         * For soft-deleted rows: a row the destination never held (rejected) may still get a delete-marked row when
         * it is deleted (with default values: its values were never there); its presence is then no mismatch.
         */
        public Expectation withRejectedIgnored() {
            return new Expectation(rows, rejected, true);
        }

        /**
         * After a change the destination cannot hold: a rejected change leaves the row as the destination last held
         * it, so a row rejected now that was expected before ({@code earlier}, the previous phase's expectation)
         * must still be there in that version; only a row never held must be absent.
         */
        public Expectation keepingEarlierVersions(Map<String, Map<String, Object>> earlier) {
            Map<String, Map<String, Object>> kept = new LinkedHashMap<>(rows);
            List<Rejection> absent = new ArrayList<>();
            for (Rejection r : rejected) {
                Map<String, Object> before = earlier.get(r.key());
                if (before != null) {
                    kept.put(r.key(), before);
                } else {
                    absent.add(r);
                }
            }
            return new Expectation(kept, absent, rejectedMayAppear);
        }
    }

    private FidelityComparator() {
    }

    public static Expectation expect(TableShape shape, Map<String, Map<String, Object>> sourceRows,
                                     Representation representation) {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        List<Rejection> rejected = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> row : sourceRows.entrySet()) {
            Map<String, Object> expected = new LinkedHashMap<>();
            List<String> rejectedColumns = new ArrayList<>();
            List<String> why = new ArrayList<>();
            for (Column c : shape.replicatedColumns()) {
                Expected e = representation.expect(c, SourceContract.carried(c, row.getValue().get(c.name())));
                if (e instanceof Expected.Rejected r) {
                    rejectedColumns.add(c.name());
                    why.add(c.name() + ": " + r.why());
                } else {
                    expected.put(c.name(), ((Expected.Value) e).canonical());
                }
            }
            if (rejectedColumns.isEmpty()) {
                rows.put(row.getKey(), expected);
            } else {
                rejected.add(new Rejection(shape.name(), row.getKey(), rejectedColumns, String.join("; ", why)));
            }
        }
        return new Expectation(rows, rejected);
    }

    /**
     * Every difference between the expectation and the destination's rows: a missing table or column, a missing or
     * extra row, a rejected row that is present, and each differing value (naming key, column and both values).
     */
    public static List<Mismatch> compare(Phase phase, String where, TableShape shape, Expectation expectation,
                                         DestinationRows actual) {
        List<Mismatch> out = new ArrayList<>();
        String key = shape.key().name();
        if (!actual.tableExists()) {
            if (!expectation.rows().isEmpty()) {
                out.add(new Mismatch(phase, where, shape.name(), null, null, expectation.rows().size() + " rows",
                        "no table"));
            }
            return out;
        }
        List<Column> columns = new ArrayList<>();
        for (Column c : shape.replicatedColumns()) {
            if (actual.columns().contains(c.name())) {
                columns.add(c);
            } else {
                out.add(new Mismatch(phase, where, shape.name(), null, c.name(), "a column " + c, "no such column"));
            }
        }
        for (Map.Entry<String, Map<String, Object>> e : expectation.rows().entrySet()) {
            Map<String, Object> row = actual.rows().get(e.getKey());
            if (row == null) {
                out.add(new Mismatch(phase, where, shape.name(), key + "=" + e.getKey(), null, "the row", "no row"));
                continue;
            }
            for (Column c : columns) {
                Object expected = e.getValue().get(c.name());
                Object got = row.get(c.name());
                if (!Values.same(c, expected, got)) {
                    String at = Values.firstDifference(c, expected, got);
                    out.add(new Mismatch(phase, where, shape.name(), key + "=" + e.getKey(), c.name(),
                            Values.describe(expected), Values.describe(got) + (at == null ? "" : " (first difference " + at + ")")));
                }
            }
        }
        for (String k : actual.rows().keySet()) {
            if (!expectation.rows().containsKey(k)) {
                boolean rejected = expectation.rejected().stream().anyMatch(r -> r.key().equals(k));
                if (rejected && expectation.rejectedMayAppear()) {
                    continue;
                }
                out.add(new Mismatch(phase, where, shape.name(), key + "=" + k, null,
                        rejected ? "no row (the destination cannot hold it: rejected)" : "no row",
                        "a row " + Values.describe(actual.rows().get(k).toString())));
            }
        }
        return out;
    }
}
