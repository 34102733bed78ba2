package io.mirrorconnect.it.fidelity;

/**
 * One column of a {@link TableShape}: its Postgres name (any characters) and type, the {@link ValueKind} of its
 * values (of its elements, for arrays), and whether Postgres generates it.
 *
 * @param dimensions 0 for a scalar column, else the array dimensions the column is declared with
 *                   ({@code integer[][]}: 2; Postgres records them in {@code attndims} without enforcing them)
 * @param generated  {@code GENERATED ALWAYS AS (…) STORED}: pgoutput does not publish these (before PG 18), so the
 *                   source leaves them out of its records and the suite does not compare them
 */
public record Column(String name, String pgType, ValueKind kind, int dimensions, boolean generated) {

    public static Column scalar(String name, String pgType, ValueKind kind) {
        return new Column(name, pgType, kind, 0, false);
    }

    public static Column array(String name, String elementType, ValueKind kind) {
        return new Column(name, elementType + "[]", kind, 1, false);
    }

    /** A column declared with {@code dimensions} pairs of brackets ({@code integer[][]}). */
    public static Column array(String name, String elementType, ValueKind kind, int dimensions) {
        return new Column(name, elementType + "[]".repeat(dimensions), kind, dimensions, false);
    }

    public static Column generated(String name, String pgType, ValueKind kind, String expression) {
        return new Column(name, pgType + " GENERATED ALWAYS AS (" + expression + ") STORED", kind, 0, true);
    }

    public boolean isArray() {
        return dimensions > 0;
    }

    /** Whether the source replicates the column (so the destination must hold it). */
    public boolean replicated() {
        return !generated;
    }

    /** Its column definition in {@code CREATE TABLE}. */
    public String definition() {
        return Sql.ident(name) + " " + pgType;
    }

    @Override
    public String toString() {
        return name + " " + (generated ? pgType.substring(0, pgType.indexOf(" GENERATED")) : pgType);
    }
}
