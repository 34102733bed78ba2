package io.mirrorconnect.clickhouse.rowbinary;

/**
 * Writes values of one ClickHouse type. {@link #write} throws {@link IllegalArgumentException} for a value that
 * does not fit; {@link ColumnEncoder} adds the column to the message.
 */
abstract class ValueCodec {
    /** Writes {@code value} (never null except for Nullable codecs). */
    abstract void write(RowBinaryOutput out, Object value);

    /** Writes the type's default: NULL for Nullable, zero / empty otherwise. */
    abstract void writeDefault(RowBinaryOutput out);

    /** Whether null is a value of this type. */
    boolean acceptsNull() {
        return false;
    }
}
