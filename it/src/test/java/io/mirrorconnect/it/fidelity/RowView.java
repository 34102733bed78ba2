package io.mirrorconnect.it.fidelity;

/** Which rows of a destination table {@link FidelityDestination#read} returns. */
public enum RowView {
    /** The current table: one row per live key, deleted rows excluded (soft and hard delete). */
    LIVE,
    /** Soft delete only: the rows marked deleted, with the values they keep. */
    SOFT_DELETED
}
