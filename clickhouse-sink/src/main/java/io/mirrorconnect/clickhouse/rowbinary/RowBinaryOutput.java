package io.mirrorconnect.clickhouse.rowbinary;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An in-memory RowBinary buffer: ClickHouse's little-endian fixed-width numbers, LEB128 lengths and raw bytes.
 * Not thread-safe. Rows are encoded here and handed to the client as one stream ({@link #inputStream()}); a row that
 * fails to encode is cut off again ({@link #truncate(int)}), so a batch never holds half a row.
 */
public final class RowBinaryOutput {
    private byte[] buf;
    private int size;

    public RowBinaryOutput() {
        this(8192);
    }

    public RowBinaryOutput(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    /** Drops everything after the first {@code newSize} bytes. */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("cannot truncate " + size + " bytes to " + newSize);
        }
        size = newSize;
    }

    public void reset() {
        size = 0;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** The bytes written so far, without copying; writing more afterwards does not change the stream. */
    public InputStream inputStream() {
        return new ByteArrayInputStream(buf, 0, size);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            long wanted = Math.max((long) buf.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("RowBinary batch larger than 2 GiB; flush smaller batches");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }

    public void writeUInt8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    public void writeInt16(int v) {
        ensure(2);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
    }

    public void writeInt32(int v) {
        ensure(4);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 24);
    }

    /** Int64 and UInt64 (the same 8 little-endian bytes; UInt64 values above Long.MAX_VALUE are negative longs). */
    public void writeInt64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
    }

    public void writeFloat32(float v) {
        writeInt32(Float.floatToIntBits(v));
    }

    public void writeFloat64(double v) {
        writeInt64(Double.doubleToLongBits(v));
    }

    /** A two's complement integer of {@code bytes} bytes, little-endian (Int128, Int256, Decimal128/256). */
    public void writeBigInteger(BigInteger v, int bytes) {
        byte[] be = v.toByteArray(); // big-endian, minimal, sign bit included
        if (be.length > bytes) {
            throw new IllegalArgumentException(v + " does not fit in " + bytes + " bytes");
        }
        ensure(bytes);
        byte pad = (byte) (v.signum() < 0 ? 0xFF : 0);
        for (int i = 0; i < bytes; i++) {
            buf[size++] = i < be.length ? be[be.length - 1 - i] : pad;
        }
    }

    /** An unsigned LEB128 number (string and array lengths). */
    public void writeVarUInt(long v) {
        ensure(10);
        do {
            byte b = (byte) (v & 0x7F);
            v >>>= 7;
            buf[size++] = v == 0 ? b : (byte) (b | 0x80);
        } while (v != 0);
    }

    public void writeBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    /** A String column value: LEB128 length, then the bytes. */
    public void writeString(byte[] b) {
        writeVarUInt(b.length);
        writeBytes(b, 0, b.length);
    }

    public void writeString(String s) {
        writeString(s.getBytes(StandardCharsets.UTF_8));
    }

    public void writeZeros(int n) {
        ensure(n);
        Arrays.fill(buf, size, size + n, (byte) 0);
        size += n;
    }
}
