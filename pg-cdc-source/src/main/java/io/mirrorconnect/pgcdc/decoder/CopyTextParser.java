package io.mirrorconnect.pgcdc.decoder;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Parses one line of Postgres {@code COPY ... TO STDOUT} text format (the default format, delimiter tab, null
 * string {@code \N}, client encoding UTF-8) into its fields. Pure.
 *
 * <p>A field that is exactly {@code \N} is SQL NULL (returned as null). Backslash escapes: {@code \b \f \n \r
 * \t \v \\}, {@code \ooo} (1-3 octal digits, one byte), {@code \xhh} (1-2 hex digits, one byte); a backslash
 * before any other character stands for that character. Escaped bytes are decoded as UTF-8 together with the
 * rest of the field, so escaped multi-byte characters come out whole.
 */
public final class CopyTextParser {
    private static final int MAX_LINE_IN_ERRORS = 500;

    private final int expectedFields;

    /**
     * @param expectedFields number of fields every line must have; a line with another count is an error
     *                       naming the line. Use -1 to accept any count.
     */
    public CopyTextParser(int expectedFields) {
        this.expectedFields = expectedFields;
    }

    public int expectedFields() {
        return expectedFields;
    }

    /** Parses a line (without or with its trailing newline). */
    public String[] parse(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return parse(bytes, 0, bytes.length);
    }

    /** Parses the line in {@code bytes[offset, offset+length)} (a trailing {@code \n} or {@code \r\n} is ignored). */
    public String[] parse(byte[] bytes, int offset, int length) {
        int end = offset + length;
        if (end > offset && bytes[end - 1] == '\n') {
            end--;
            if (end > offset && bytes[end - 1] == '\r') {
                end--;
            }
        }
        int count = 1;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\t') {
                count++;
            }
        }
        if (expectedFields >= 0 && count != expectedFields) {
            throw new PgOutputException("COPY line has " + count + " fields, expected " + expectedFields + ": "
                    + show(bytes, offset, end));
        }
        String[] out = new String[count];
        int field = 0;
        int start = offset;
        for (int i = offset; i <= end; i++) {
            if (i == end || bytes[i] == '\t') {
                out[field++] = field(bytes, start, i, offset, end);
                start = i + 1;
            }
        }
        return out;
    }

    private static String field(byte[] b, int from, int to, int lineStart, int lineEnd) {
        if (to - from == 2 && b[from] == '\\' && b[from + 1] == 'N') {
            return null;
        }
        int bs = -1;
        for (int i = from; i < to; i++) {
            if (b[i] == '\\') {
                bs = i;
                break;
            }
        }
        if (bs < 0) {
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        out.write(b, from, bs - from);
        int i = bs;
        while (i < to) {
            byte c = b[i];
            if (c != '\\') {
                out.write(c);
                i++;
                continue;
            }
            if (i + 1 >= to) {
                throw new PgOutputException("COPY line ends with a lone backslash: " + show(b, lineStart, lineEnd));
            }
            byte e = b[i + 1];
            i += 2;
            switch (e) {
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(0x0B);
                case 'x' -> {
                    int v = 0;
                    int digits = 0;
                    while (digits < 2 && i < to && Character.digit(b[i], 16) >= 0) {
                        v = v * 16 + Character.digit(b[i], 16);
                        i++;
                        digits++;
                    }
                    if (digits == 0) {
                        out.write('x'); // Postgres: "\x" without hex digits is a plain 'x'
                    } else {
                        out.write(v);
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        int digits = 1;
                        while (digits < 3 && i < to && b[i] >= '0' && b[i] <= '7') {
                            v = v * 8 + (b[i] - '0');
                            i++;
                            digits++;
                        }
                        out.write(v & 0xFF);
                    } else {
                        out.write(e);
                    }
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String show(byte[] b, int from, int to) {
        int len = to - from;
        String s = new String(b, from, Math.min(len, MAX_LINE_IN_ERRORS), StandardCharsets.UTF_8)
                .replace("\t", "\\t");
        return "'" + s + "'" + (len > MAX_LINE_IN_ERRORS ? " (first " + MAX_LINE_IN_ERRORS + " of " + len + " bytes)" : "");
    }
}
