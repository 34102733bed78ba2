package io.mirrorconnect.contract;

import java.util.Locale;

/**
 * What a change record means. The one-letter codes travel in the {@link ChangeHeaders#OP} header and follow
 * the letters Debezium users already know.
 */
public enum ChangeOp {
    /** A row read by the initial snapshot (or by a query-replication partition). */
    SNAPSHOT("r"),
    INSERT("c"),
    UPDATE("u"),
    DELETE("d"),
    /** The whole table was truncated: key and value are null. */
    TRUNCATE("t");

    private final String code;

    ChangeOp(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** True for the operations whose value is a full new row (snapshot read, insert, update). */
    public boolean carriesNewRow() {
        return this == SNAPSHOT || this == INSERT || this == UPDATE;
    }

    public static ChangeOp fromCode(String code) {
        if (code != null && code.length() == 1) {
            // the form every source writes, without trimming, lower-casing and copying values() per record
            ChangeOp op = ofLetter(code.charAt(0));
            if (op != null) {
                return op;
            }
        }
        if (code != null) {
            String c = code.trim().toLowerCase(Locale.ROOT);
            for (ChangeOp op : values()) {
                if (op.code.equals(c)) {
                    return op;
                }
            }
        }
        throw new IllegalArgumentException("unknown change operation code '" + code + "' (expected one of r, c, u, d, t)");
    }

    /** The operation of a one-character code, as {@link #fromCode(String)} reads it. */
    public static ChangeOp fromCode(char code) {
        ChangeOp op = ofLetter(code);
        return op != null ? op : fromCode(String.valueOf(code));
    }

    /** The operation whose code is exactly this letter, or null. */
    private static ChangeOp ofLetter(char c) {
        switch (c) {
            case 'r': return SNAPSHOT;
            case 'c': return INSERT;
            case 'u': return UPDATE;
            case 'd': return DELETE;
            case 't': return TRUNCATE;
            default: return null;
        }
    }
}
