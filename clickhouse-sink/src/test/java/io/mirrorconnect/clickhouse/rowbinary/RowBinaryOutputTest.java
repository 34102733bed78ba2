package io.mirrorconnect.clickhouse.rowbinary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RowBinaryOutputTest {

    /** What a String column value must be: LEB128 of the UTF-8 length, then {@code getBytes(UTF_8)}. */
    private static byte[] expected(String s) {
        byte[] text = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long v = text.length;
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v == 0 ? b : b | 0x80);
        } while (v != 0);
        out.writeBytes(text);
        return out.toByteArray();
    }

    private static List<String> strings() {
        List<String> s = new ArrayList<>(List.of("", "a", "value 1/1", "\u0000", "\u007f", "\u0080", "é", "ab\u00e9cd",
                "\u07ff", "\u0800", "\uffff", "日本語", "x😀y", "😀", "\ud83d", "\ude00", "a\ud83d", "\ude00b",
                "\ud83d\ud83d\ude00", "tab\tnew\nline\r", "\u00ff\u0100"));
        for (int n : new int[] {126, 127, 128, 129, 16383, 16384, 16385, 100_000}) {
            s.add("x".repeat(n));
            s.add("x".repeat(n - 1) + "é"); // non-ASCII only at the end, with the UTF-8 length past a LEB128 step
            s.add("é" + "x".repeat(n - 1));
        }
        Random random = new Random(20261129);
        for (int i = 0; i < 2000; i++) {
            char[] c = new char[random.nextInt(40)];
            for (int j = 0; j < c.length; j++) {
                int kind = random.nextInt(10);
                c[j] = kind < 7 ? (char) random.nextInt(0x80) : kind < 9 ? (char) random.nextInt(0x800)
                        : (char) random.nextInt(0x10000); // surrogates too, paired or not
            }
            s.add(new String(c));
        }
        return s;
    }

    @Test
    void stringsAreTheirUtf8BytesAfterTheirLength() {
        for (String s : strings()) {
            RowBinaryOutput out = new RowBinaryOutput(16); // grows while writing the long ones
            out.writeUInt8(7);
            out.writeString(s);
            out.writeUInt8(9);
            byte[] want = expected(s);
            byte[] got = out.toByteArray();
            assertThat(got.length).as("length for %s", describe(s)).isEqualTo(want.length + 2);
            assertThat(got[0]).isEqualTo((byte) 7);
            assertThat(java.util.Arrays.copyOfRange(got, 1, got.length - 1)).as(describe(s)).isEqualTo(want);
            assertThat(got[got.length - 1]).isEqualTo((byte) 9);
        }
    }

    @Test
    void manyStringsInOneBufferAsItGrows() {
        RowBinaryOutput out = new RowBinaryOutput(16);
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        for (String s : strings()) {
            out.writeString(s);
            want.writeBytes(expected(s));
        }
        assertThat(out.toByteArray()).isEqualTo(want.toByteArray());
    }

    @Test
    void truncatingAfterAStringRemovesItAll() {
        RowBinaryOutput out = new RowBinaryOutput(16);
        out.writeString("keep");
        int mark = out.size();
        out.writeString("x".repeat(300));
        out.truncate(mark);
        out.writeString("é");
        assertThat(out.toByteArray()).isEqualTo(concat(expected("keep"), expected("é")));
    }

    @Test
    void fixedWidthIntegersAreLittleEndianAtAnyOffset() {
        long[] longs = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x0102030405060708L, 0x8000_0000L};
        int[] ints = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x01020304};
        for (int offset = 0; offset < 9; offset++) {
            RowBinaryOutput out = new RowBinaryOutput(16);
            ByteBuffer want = ByteBuffer.allocate(offset + longs.length * 8 + ints.length * 4 + 16)
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < offset; i++) {
                out.writeUInt8(i);
                want.put((byte) i);
            }
            for (long v : longs) {
                out.writeInt64(v);
                want.putLong(v);
            }
            for (int v : ints) {
                out.writeInt32(v);
                want.putInt(v);
            }
            out.writeFloat64(-0.0);
            want.putDouble(-0.0);
            out.writeFloat32(Float.NaN);
            want.putFloat(Float.NaN);
            out.writeInt16(0xBEEF);
            want.putShort((short) 0xBEEF);
            byte[] bytes = new byte[want.position()];
            want.flip().get(bytes);
            assertThat(out.toByteArray()).as("offset %d", offset).isEqualTo(bytes);
        }
    }

    @Test
    void varUIntBytesCountsWhatWriteVarUIntWrites() {
        for (long v : new long[] {0, 1, 127, 128, 16383, 16384, 2_097_151, 2_097_152, Integer.MAX_VALUE, Long.MAX_VALUE}) {
            RowBinaryOutput out = new RowBinaryOutput();
            out.writeVarUInt(v);
            assertThat(RowBinaryOutput.varUIntBytes(v)).as("%d", v).isEqualTo(out.size());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static String describe(String s) {
        return s.length() > 40 ? s.length() + " chars starting " + s.substring(0, 10).codePoints()
                .mapToObj(Integer::toHexString).toList() : s.codePoints().mapToObj(Integer::toHexString).toList().toString();
    }
}
