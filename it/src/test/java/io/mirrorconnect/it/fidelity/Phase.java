package io.mirrorconnect.it.fidelity;

/** The three phases every destination goes through, in order. */
public enum Phase {
    /** Rows present before the mirror starts: the source's snapshot (COPY text). */
    SNAPSHOT,
    /** Rows inserted while the mirror streams (pgoutput), plus DDL such as a new enum label. */
    STREAMING,
    /** Updates that leave TOASTed columns unchanged, then deletes (key-only, the default replica identity). */
    UPDATES_AND_DELETES
}
