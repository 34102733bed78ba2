package io.mirrorconnect.it.fidelity;

/**
 * One difference between the source and a destination, naming where it is and both values.
 *
 * @param where  destination and mirror variant, e.g. {@code clickhouse/soft-delete}
 * @param table  the source table
 * @param key    the row's key ({@code id=3}), or null for a table-level problem
 * @param column the column, or null for a row- or table-level problem
 */
public record Mismatch(Phase phase, String where, String table, String key, String column, String expected,
                       String actual) {

    @Override
    public String toString() {
        return phase + " " + where + " table " + table + (key == null ? "" : " key " + key)
                + (column == null ? "" : " column " + column) + ": expected " + expected + ", destination has " + actual;
    }
}
