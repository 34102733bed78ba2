package io.mirrorconnect.pgcdc.decoder;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds pgoutput messages byte by byte, following the protocol's "Logical Replication Message Formats". */
final class PgOutputBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static PgOutputBytes type(char c) {
        return new PgOutputBytes().int8(c);
    }

    PgOutputBytes int8(int v) {
        out.write(v);
        return this;
    }

    PgOutputBytes int16(int v) {
        return int8(v >> 8).int8(v);
    }

    PgOutputBytes int32(int v) {
        return int16(v >> 16).int16(v);
    }

    PgOutputBytes int64(long v) {
        return int32((int) (v >> 32)).int32((int) v);
    }

    PgOutputBytes string(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        return int8(0);
    }

    PgOutputBytes bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** TupleData: values are null (SQL NULL), "\u0000u" (unchanged toast) or text. */
    PgOutputBytes tuple(String... values) {
        int16(values.length);
        for (String v : values) {
            if (v == null) {
                int8('n');
            } else if (v.equals("\u0000u")) {
                int8('u');
            } else {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                int8('t').int32(b.length).bytes(b);
            }
        }
        return this;
    }

    ByteBuffer buffer() {
        return ByteBuffer.wrap(out.toByteArray());
    }
}
