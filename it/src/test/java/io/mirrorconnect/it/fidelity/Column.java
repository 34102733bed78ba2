package io.mirrorconnect.it.fidelity;

/**
 * One column of a {@link TableShape}: its Postgres name (any characters) and type, the {@link ValueKind} of its
 * values (of its elements, for arrays), and whether Postgres generates it.
 *
 * @param dimensions 0 for a scalar column, 1 for an array column (Postgres does not record more; a 2-D value in a
 *                   1-D column is still read as nested lists)
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
