package io.mirrorconnect.json;

/**
 * Where the {@code schema} and {@code payload} objects of a JsonConverter envelope lie in a record's bytes, found
 * by one pass over the bytes without building anything (pure, no I/O).
 *
 * <p>{@link #locate} accepts only the plain shape JsonConverter writes: a top-level object with exactly the two
 * members {@code "schema"} and {@code "payload"} (in either order, each once, names without escapes), both of
 * them objects, JSON whitespace between tokens, nothing but whitespace after the envelope, and nesting no deeper
 * than {@link #MAX_DEPTH}. For anything else it returns {@code null} and the caller converts the record the
 * ordinary way. It checks structure only (brackets, strings and escapes); the contents of each object are
 * validated by the JSON parser that reads them.
 */
final class JsonEnvelope {
    /** Deeper records take the ordinary path (Jackson's own nesting limit is 1000; stay far from it). */
    static final int MAX_DEPTH = 200;

    private static final byte[] SCHEMA = {'"', 's', 'c', 'h', 'e', 'm', 'a', '"'};
    private static final byte[] PAYLOAD = {'"', 'p', 'a', 'y', 'l', 'o', 'a', 'd', '"'};

    final int schemaFrom;
    final int schemaTo;
    final int payloadFrom;
    final int payloadTo;

    private JsonEnvelope(int schemaFrom, int schemaTo, int payloadFrom, int payloadTo) {
        this.schemaFrom = schemaFrom;
        this.schemaTo = schemaTo;
        this.payloadFrom = payloadFrom;
        this.payloadTo = payloadTo;
    }

    int schemaLength() {
        return schemaTo - schemaFrom;
    }

    int payloadLength() {
        return payloadTo - payloadFrom;
    }

    private static final byte[] SCHEMA_FIRST = {'{', '"', 's', 'c', 'h', 'e', 'm', 'a', '"', ':'};
    private static final byte[] THEN_PAYLOAD = {',', '"', 'p', 'a', 'y', 'l', 'o', 'a', 'd', '"', ':'};

    /**
     * As {@link #locate(byte[])}, but first tries the exact bytes JsonConverter writes around a schema seen
     * before: {@code {"schema":} + {@code knownSchema} + {@code ,"payload":}. Then the schema's bytes are compared
     * (vectorized), not scanned; these are the bytes of a whole object that {@link #locate(byte[])} found before,
     * so the result is the one it would give.
     */
    static JsonEnvelope locate(byte[] b, byte[] knownSchema) {
        if (knownSchema != null) {
            int payloadFrom = payloadAfter(b, knownSchema);
            if (payloadFrom >= 0) {
                int schemaTo = payloadFrom - THEN_PAYLOAD.length;
                int payloadTo = endOfObject(b, payloadFrom);
                if (payloadTo < 0) {
                    return null;
                }
                if (closesAfter(b, payloadTo)) {
                    return new JsonEnvelope(SCHEMA_FIRST.length, schemaTo, payloadFrom, payloadTo);
                }
                return null;
            }
        }
        return locate(b);
    }

    /**
     * Where the payload starts when the bytes begin exactly as JsonConverter writes a record of a schema seen before:
     * {@code {"schema":} + {@code knownSchema} + {@code ,"payload":}; -1 otherwise. The payload's own end is not looked
     * for: {@link JsonPayloadReader} reads it and checks what follows.
     */
    static int payloadAfter(byte[] b, byte[] knownSchema) {
        int schemaTo = SCHEMA_FIRST.length + knownSchema.length;
        int payloadFrom = schemaTo + THEN_PAYLOAD.length;
        if (payloadFrom < b.length && startsWith(b, 0, SCHEMA_FIRST)
                && java.util.Arrays.equals(b, SCHEMA_FIRST.length, schemaTo, knownSchema, 0, knownSchema.length)
                && startsWith(b, schemaTo, THEN_PAYLOAD)) {
            return payloadFrom;
        }
        return -1;
    }

    /** The envelope's two objects ({@code [from, to)} ranges), or null when the bytes are not of the plain shape. */
    static JsonEnvelope locate(byte[] b) {
        int i = skipWs(b, 0);
        if (i >= b.length || b[i] != '{') {
            return null;
        }
        int schemaFrom = -1;
        int schemaTo = -1;
        int payloadFrom = -1;
        int payloadTo = -1;
        i++;
        for (int member = 0; member < 2; member++) {
            i = skipWs(b, i);
            boolean isSchema;
            if (startsWith(b, i, SCHEMA) && schemaFrom < 0) {
                isSchema = true;
                i += SCHEMA.length;
            } else if (startsWith(b, i, PAYLOAD) && payloadFrom < 0) {
                isSchema = false;
                i += PAYLOAD.length;
            } else {
                return null;
            }
            i = skipWs(b, i);
            if (i >= b.length || b[i] != ':') {
                return null;
            }
            i = skipWs(b, i + 1);
            int end = endOfObject(b, i);
            if (end < 0) {
                return null;
            }
            if (isSchema) {
                schemaFrom = i;
                schemaTo = end;
            } else {
                payloadFrom = i;
                payloadTo = end;
            }
            i = skipWs(b, end);
            if (i >= b.length || b[i] != (member == 0 ? ',' : '}')) {
                return null;
            }
            i++;
        }
        return skipWs(b, i) == b.length ? new JsonEnvelope(schemaFrom, schemaTo, payloadFrom, payloadTo) : null;
    }

    /** The index just past the object starting at {@code i}, or -1 (not an object, unbalanced, too deep). */
    private static int endOfObject(byte[] b, int i) {
        if (i >= b.length || b[i] != '{') {
            return -1;
        }
        int depth = 0;
        int n = b.length;
        while (i < n) {
            byte c = b[i++];
            if (c == '"') {
                // skip the string; a backslash escapes the next byte (whatever it is, the parser judges it)
                while (true) {
                    if (i >= n) {
                        return -1;
                    }
                    byte s = b[i++];
                    if (s == '"') {
                        break;
                    }
                    if (s == '\\') {
                        i++;
                    }
                }
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    return -1;
                }
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    return c == '}' ? i : -1;
                }
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int i, byte[] prefix) {
        if (i + prefix.length > b.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (b[i + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    /** Whether only the envelope's closing brace, and whitespace around it, follow {@code payloadTo}. */
    static boolean closesAfter(byte[] b, int payloadTo) {
        int i = skipWs(b, payloadTo);
        return i < b.length && b[i] == '}' && skipWs(b, i + 1) == b.length;
    }

    /** The index of the first byte at or after {@code i} that is not JSON whitespace. */
    static int skipWs(byte[] b, int i) {
        while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        return i;
    }
}
