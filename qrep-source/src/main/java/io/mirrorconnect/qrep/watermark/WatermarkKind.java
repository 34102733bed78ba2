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
    XMIN("xid", null, null),
    /**
     * The row's heap position, for a one-shot copy (initial.copy.only) in heap block ranges: bounds are block
     * numbers that become {@code (block,0)} tids; no row has item 0, so {@code ctid BETWEEN '(a,0)' AND '(b,0)'} is
     * blocks a..b-1. (Block numbers, not tids, travel: offsets and task configs keep bounds comma-separated.)
     */
    CTID("tid", null, "0");

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
     * Prefix of an exclusive start bound of an unconstrained numeric: {@code ">x"} is "the smallest numeric above
     * x". Its text would have 16383 decimals (below), so the bound travels as the marker and Postgres computes it.
     */
    public static final String EXCLUSIVE = ">";

    /**
     * The smallest numeric step: Postgres keeps at most 16383 decimal digits (NUMERIC_DSCALE_MAX), so no numeric
     * lies strictly between x and x + 10^-16383; that sum is the successor of x in an unconstrained numeric.
     */
    static final String NUMERIC_STEP = "CAST('0.' || repeat('0', 16382) || '1' AS numeric)";

    /**
     * The SQL expression of the successor of {@code expr} (a column or max(column)), as text. For numeric(p,s) it
     * adds 10^-s; an unconstrained numeric's successor is x + 10^-16383, written {@code ">x"} (see
     * {@link #startBound}).
     *
     * @param numericScale the column's scale for numeric(p,s), -1 for unconstrained numeric; ignored otherwise
     */
    public String successor(String expr, int numericScale) {
        if (this == XMIN || this == CTID) {
            throw new IllegalStateException(name().toLowerCase(Locale.ROOT) + " partitions have no successor");
        }
        if (this == NUMERIC) {
            return numericScale < 0 ? "'" + EXCLUSIVE + "' || (" + expr + ")::numeric"
                    : "(" + expr + ")::numeric + 1e-" + numericScale;
        }
        return String.format(Locale.ROOT, successorTemplate, expr);
    }

    /**
     * The SQL of an inclusive start bound from the SQL of its text ({@code ?} or a setting): a cast, and for an
     * unconstrained numeric the successor of an exclusive {@code ">x"}, computed once per statement (a scalar
     * subquery, so a sequential scan does not rebuild it for every row).
     */
    public String startBound(String text, int numericScale) {
        if (this == NUMERIC && numericScale < 0) {
            return "(SELECT CASE WHEN left(b.s, 1) = '" + EXCLUSIVE + "' THEN CAST(substr(b.s, 2) AS numeric) + "
                    + NUMERIC_STEP + " ELSE CAST(b.s AS numeric) END FROM (SELECT CAST(" + text + " AS text) AS s) b)";
        }
        return endBound(text);
    }

    /** The SQL of an (inclusive) end bound from the SQL of its text: a cast; for ctid, block b becomes (b,0). */
    public String endBound(String text) {
        if (this == CTID) {
            return "CAST('(' || " + text + " || ',0)' AS tid)";
        }
        return "CAST(" + text + " AS " + castType + ")";
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
            case "tid" -> CTID;
            default -> null;
        };
    }
}
