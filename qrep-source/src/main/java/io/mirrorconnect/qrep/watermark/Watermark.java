package io.mirrorconnect.qrep.watermark;

import io.mirrorconnect.contract.TableId;

/**
 * The watermark of a mirror: the table, its column (never null; {@code xmin} for xmin mirrors), the column's kind
 * and, for numeric(p,s), its scale (-1 otherwise).
 */
public record Watermark(TableId table, String column, WatermarkKind kind, int numericScale) {
    public boolean isXmin() {
        return kind == WatermarkKind.XMIN;
    }

    public boolean isCtid() {
        return kind == WatermarkKind.CTID;
    }

    /** The scale of a numeric column from its type modifier (-1 when unconstrained). */
    public static int numericScale(int typmod) {
        return typmod < 4 ? -1 : (typmod - 4) & 0xffff;
    }
}
