package io.mirrorconnect.pgcdc.binary;

/**
 * Converts one non-NULL value in Postgres's binary send format (a field of a {@code COPY ... (FORMAT binary)}
 * tuple) to the Connect value its field schema expects: the same value the text converter of the column gives
 * for the value's text form. Reads {@code buf[offset, offset + length)} and keeps no reference to {@code buf}.
 */
@FunctionalInterface
public interface BinaryConverter {
    /**
     * @throws io.mirrorconnect.pgcdc.types.PgValueException when the bytes are not a value of the column's type,
     *                                                       or a special value the policy refuses
     */
    Object convert(byte[] buf, int offset, int length);
}
