package io.mirrorconnect.contract;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A list of field names as one header string that every stock header converter carries unchanged: {@code names:}
 * then the names, comma-separated, each percent-encoded (UTF-8) except for ASCII letters, digits and {@code _}.
 * No space, quote, bracket or separator of a name survives unencoded, so neither {@code StringConverter} (which
 * writes a list as Java's {@code [a, b]}) nor {@code SimpleHeaderConverter} (which trims and re-parses list text)
 * can split, merge or trim a name (a Postgres column may be called {@code "a, b"} or {@code " "}).
 */
public final class FieldNameList {
    /** Marks the encoding (older records carry a list header instead). */
    public static final String PREFIX = "names:";

    private FieldNameList() {
    }

    /** Encodes a non-empty list (an empty one has no encoding: leave the header out). */
    public static String encode(Collection<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("an empty name list has no encoding");
        }
        StringBuilder out = new StringBuilder(PREFIX);
        boolean first = true;
        for (String name : names) {
            if (!first) {
                out.append(',');
            }
            first = false;
            for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
                    out.append((char) c);
                } else {
                    out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
                }
            }
        }
        return out.toString();
    }

    public static boolean isEncoded(String text) {
        return text.startsWith(PREFIX);
    }

    /**
     * The names of an {@link #encode encoded} list.
     *
     * @throws IllegalArgumentException when the text is not one
     */
    public static Set<String> decode(String text) {
        if (!isEncoded(text)) {
            throw new IllegalArgumentException("not an encoded name list: '" + text + "'");
        }
        Set<String> names = new LinkedHashSet<>();
        ByteArrayOutputStream name = new ByteArrayOutputStream();
        for (int i = PREFIX.length(); i <= text.length(); i++) {
            char c = i == text.length() ? ',' : text.charAt(i);
            if (c == ',') {
                names.add(name.toString(StandardCharsets.UTF_8));
                name.reset();
            } else if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new IllegalArgumentException("truncated escape in name list: '" + text + "'");
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad escape in name list: '" + text + "'");
                }
                name.write(hi << 4 | lo);
                i += 2;
            } else if (c < 128) {
                name.write(c);
            } else {
                throw new IllegalArgumentException("unencoded character in name list: '" + text + "'");
            }
        }
        return names;
    }
}
