package io.mirrorconnect.pgcdc.binary;

import static io.mirrorconnect.pgcdc.binary.PgBinaryValues.int16;
import static io.mirrorconnect.pgcdc.binary.PgBinaryValues.int32;

import io.mirrorconnect.pgcdc.types.PgValueException;

/**
 * The frame of a {@code COPY ... TO STDOUT (FORMAT binary)} stream: an 11-byte signature, int32 flags, int32
 * header-extension length and the extension; then one tuple per CopyData message (Postgres sends each row as one
 * message); then the trailer, an int16 -1. Pure.
 */
public final class BinaryCopyFraming {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final int FLAG_OIDS = 1 << 16;

    private BinaryCopyFraming() {
    }

    /** True when the message starts with the binary COPY signature (it is the stream's first). */
    public static boolean startsWithHeader(byte[] msg) {
        if (msg.length < SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (msg[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The offset just after the header of the stream's first message.
     *
     * @throws PgValueException when the message is not a binary COPY header, or announces OIDs or flags this
     *                          reader does not know
     */
    public static int afterHeader(byte[] msg) {
        if (!startsWithHeader(msg) || msg.length < SIGNATURE.length + 8) {
            throw new PgValueException("binary COPY stream does not start with the PGCOPY signature: "
                    + PgBinaryValues.show(msg, 0, msg.length));
        }
        int flags = int32(msg, SIGNATURE.length);
        if ((flags & FLAG_OIDS) != 0 || (flags & 0xFFFF) != 0) {
            throw new PgValueException("binary COPY header has unsupported flags 0x" + Integer.toHexString(flags));
        }
        int extension = int32(msg, SIGNATURE.length + 4);
        int end = SIGNATURE.length + 8 + extension;
        if (extension < 0 || end > msg.length) {
            throw new PgValueException("binary COPY header extension of " + extension + " bytes is cut off");
        }
        return end;
    }

    /** True for the trailer (field count -1). */
    public static boolean isTrailer(byte[] msg, int offset, int length) {
        return length == 2 && int16(msg, offset) == -1;
    }
}
