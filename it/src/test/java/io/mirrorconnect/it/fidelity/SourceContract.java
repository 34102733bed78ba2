package io.mirrorconnect.it.fidelity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the source's records carry for a Postgres value, in canonical form, when pg-cdc-source runs with
 * {@code special.values=null} (the suite's documented user choice; docs/pg-types.md "Special values"):
 * NaN/±Infinity in {@code numeric(p,s)} and ±infinity in date/timestamp/timestamptz become NULL (array elements
 * too). Floats and unbounded numeric keep them. Everything else is carried as it is. Pure.
 */
public final class SourceContract {
    private static final Set<String> SPECIAL_NUMERIC = Set.of("NaN", "Infinity", "-Infinity");
    private static final Set<String> SPECIAL_TIME = Set.of("infinity", "-infinity");

    private SourceContract() {
    }

    public static Object carried(Column column, Object value) {
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object e : list) {
                out.add(carried(column, e));
            }
            return out;
        }
        if (!(value instanceof String s)) {
            return value;
        }
        switch (column.kind()) {
            case DECIMAL:
                return SPECIAL_NUMERIC.contains(s) ? null : s;
            case DATE:
            case TIMESTAMP:
            case TIMESTAMPTZ:
                return SPECIAL_TIME.contains(s) ? null : s;
            default:
                return s;
        }
    }
}
