package io.mirrorconnect.it.fidelity;

import java.util.HexFormat;

/** Postgres text for the suite's statements: one quoting function for identifiers, one for literals. Pure. */
public final class Sql {
    private Sql() {
    }

    /** A double-quoted identifier ({@code "} doubled), exactly as named, whatever its characters. */
    public static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code public."name"}. */
    public static String table(String name) {
        return "public." + ident(name);
    }

    /**
     * A standard string literal ({@code '} doubled; standard_conforming_strings is on in every supported Postgres),
     * with an explicit cast. The suite's data is its own (never user input); the literal form lets one statement
     * carry any value of any type, including {@code 'infinity'} and {@code 'NaN'}.
     */
    public static String lit(String value, String pgType) {
        return value == null ? "NULL::" + pgType : "'" + value.replace("'", "''") + "'::" + pgType;
    }

    /** A bytea literal from raw bytes. */
    public static String bytes(byte[] value) {
        return value == null ? "NULL::bytea" : "'\\x" + HexFormat.of().formatHex(value) + "'::bytea";
    }
}
