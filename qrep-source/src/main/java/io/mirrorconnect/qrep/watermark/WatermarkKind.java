package io.mirrorconnect.qrep.watermark;

import java.util.Locale;

/**
 * The kinds of watermark column the source partitions, with what each needs in SQL: the type bounds are cast to
 * (bounds travel as Postgres text in a bound parameter, so every value, including -infinity and BC dates, round
 * trips exactly), the expression of a value's successor (the next possible value, the inclusive start of the next
 * partition, computed by Postgres in the column's own arithmetic) and the lowest value of the type (the start of
 * the first cycle, so that no row below the first cycle's lowest visible value can ever be skipped).
 */
public enum WatermarkKind {
    INTEGER("bigint", "(%s)::bigint + 1", "-9223372036854775808"),
    /** numeric(p,s): the successor adds one unit of the last decimal place; unconstrained numeric: see below. */
    NUMERIC("numeric", null, "-Infinity"),
    TIMESTAMP("timestamp", "(%s) + interval '1 microsecond'", "-infinity"),
    TIMESTAMPTZ("timestamptz", "(%s) + interval '1 microsecond'", "-infinity"),
    DATE("date", "(%s) + 1", "-infinity"),
    /** The row's transaction id; bounds are xids, compared by age() (see QRepSql). */
    XMIN("xid", null, null);

    private final String castType;
    private final String successorTemplate;
    private final String lowest;

    WatermarkKind(String castType, String successorTemplate, String lowest) {
        this.castType = castType;
        this.successorTemplate = successorTemplate;
        this.lowest = lowest;
    }

    /** The SQL type bound values are cast to. */
    public String castType() {
        return castType;
    }

    /** The start of the first cycle: the type's lowest value (null for xmin, whose first cycle has no start). */
    public String lowest() {
        return lowest;
    }

    /**
     * The SQL expression of the successor of {@code expr} (a column or max(column)). For numeric(p,s) it adds
     * 10^-s; an unconstrained numeric has no next value, so its successor is the value itself and a row whose
     * watermark equals a partition boundary exactly is read by both partitions (documented).
     *
     * @param numericScale the column's scale for numeric(p,s), -1 for unconstrained numeric; ignored otherwise
     */
    public String successor(String expr, int numericScale) {
        if (this == XMIN) {
            throw new IllegalStateException("xmin bounds are exclusive; there is no successor");
        }
        if (this == NUMERIC) {
            return numericScale < 0 ? "(" + expr + ")::numeric"
                    : "(" + expr + ")::numeric + 1e-" + numericScale;
        }
        return String.format(Locale.ROOT, successorTemplate, expr);
    }

    /**
     * The kind of a watermark column from its type (pg_type.typname of the column, e.g. int4, timestamptz).
     *
     * @return null when the type cannot be a watermark
     */
    public static WatermarkKind ofTypeName(String typname) {
        return switch (typname) {
            case "int2", "int4", "int8" -> INTEGER;
            case "numeric" -> NUMERIC;
            case "timestamp" -> TIMESTAMP;
            case "timestamptz" -> TIMESTAMPTZ;
            case "date" -> DATE;
            case "xid" -> XMIN;
            default -> null;
        };
    }
}
