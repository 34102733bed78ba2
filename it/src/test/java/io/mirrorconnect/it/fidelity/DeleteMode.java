package io.mirrorconnect.it.fidelity;

/** The two delete modes every destination is run in (the mirror's {@code soft_delete}). */
public enum DeleteMode {
    /** {@code soft.delete=true}: a deleted row stays, marked deleted, with its last values. */
    SOFT,
    /** {@code soft.delete=false}: a deleted row is gone from the current table. */
    HARD;

    public boolean softDelete() {
        return this == SOFT;
    }

    public String label() {
        return this == SOFT ? "soft-delete" : "hard-delete";
    }
}
