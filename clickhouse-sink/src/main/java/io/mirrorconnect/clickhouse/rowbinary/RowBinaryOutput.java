package io.mirrorconnect.clickhouse.rowbinary;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An in-memory RowBinary buffer: ClickHouse's little-endian fixed-width numbers, LEB128 lengths and raw bytes.
 * Not thread-safe. Rows are encoded here and handed to the client as one stream ({@link #inputStream()}); a row that
 * fails to encode is cut off again ({@link #truncate(int)}), so a batch never holds half a row.
 */
public final class RowBinaryOutput {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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

    private void ensure(long more) {
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
        INT_LE.set(buf, size, v);
        size += 4;
    }

    /** Int64 and UInt64 (the same 8 little-endian bytes; UInt64 values above Long.MAX_VALUE are negative longs). */
    public void writeInt64(long v) {
        ensure(8);
        LONG_LE.set(buf, size, v);
        size += 8;
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

    /**
     * A String column value: LEB128 length, then the UTF-8 bytes, exactly as {@code s.getBytes(UTF_8)} gives them
     * (an unpaired surrogate becomes '?'). ASCII text is copied char by char into the buffer, without the
     * intermediate array {@code getBytes} allocates (a third of the encoding's time in {@code SinkPathBench},
     * docs/performance.md, stop 20); other text goes through {@code getBytes}.
     */
    public void writeString(String s) {
        int n = s.length();
        ensure(10L + n); // the length's bytes and the text: no growth in between
        byte[] b = buf;
        int start = size + varUIntBytes(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                writeString(s.getBytes(StandardCharsets.UTF_8));
                return;
            }
            b[start + i] = (byte) c;
        }
        writeVarUInt(n); // exactly varUIntBytes(n) bytes, before the text already in place
        size = start + n;
    }

    /** The number of bytes {@link #writeVarUInt} writes for {@code v} (0 &le; v). */
    static int varUIntBytes(long v) {
        int n = 1;
        while ((v >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    public void writeZeros(int n) {
        ensure(n);
        Arrays.fill(buf, size, size + n, (byte) 0);
        size += n;
    }
}
