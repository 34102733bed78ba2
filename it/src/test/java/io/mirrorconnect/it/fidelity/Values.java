package io.mirrorconnect.it.fidelity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Canonical values: deep type-aware equality and a readable, bounded description for failure messages. Pure. */
public final class Values {
    /** Longer values are described by their start, length and digest. */
    static final int SHOWN = 160;

    private Values() {
    }

    /** Deep equality of canonical values of a column: lists element by element, scalars by the column's kind. */
    public static boolean same(Column column, Object expected, Object actual) {
        if (expected instanceof List<?> e) {
            if (!(actual instanceof List<?> a) || a.size() != e.size()) {
                return false;
            }
            for (int i = 0; i < e.size(); i++) {
                if (!same(column, e.get(i), a.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (actual instanceof List<?>) {
            return false;
        }
        if (expected instanceof Map<?, ?> || actual instanceof Map<?, ?>) {
            return expected != null && expected.equals(actual);
        }
        return column.kind().same(expected, actual);
    }

    /**
     * Where two lists first differ, e.g. {@code [10]: 'a\u001c' vs 'a'} (nested: {@code [1][0]: …}), or null when
     * they are not two lists or do not differ element by element (then their sizes differ).
     */
    public static String firstDifference(Column column, Object expected, Object actual) {
        if (!(expected instanceof List<?> e) || !(actual instanceof List<?> a)) {
            return null;
        }
        for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
            if (!same(column, e.get(i), a.get(i))) {
                String inner = firstDifference(column, e.get(i), a.get(i));
                return "[" + i + "]" + (inner != null ? inner : ": " + describe(e.get(i)) + " vs " + describe(a.get(i)));
            }
        }
        return e.size() == a.size() ? null : "sizes " + e.size() + " vs " + a.size();
    }

    /** A value for a failure message: nulls and lists shown as such, long texts cut with their length and digest. */
    public static String describe(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(describe(list.get(i)));
                if (sb.length() > SHOWN) {
                    sb.append(", … (").append(list.size()).append(" elements)");
                    break;
                }
            }
            return sb.append(']').toString();
        }
        if (value instanceof Map<?, ?> map) {
            return map.toString().length() > SHOWN ? map.toString().substring(0, SHOWN) + "… (" + map.size() + " entries)"
                    : map.toString();
        }
        String s = value.toString();
        String escaped = escape(s.length() > SHOWN ? s.substring(0, SHOWN) : s);
        if (s.length() <= SHOWN) {
            return "'" + escaped + "'";
        }
        return "'" + escaped + "…' (" + s.length() + " chars, sha256 " + sha256(s).substring(0, 16) + ")";
    }

    /** Control characters as {@code \\uXXXX}, so a message shows exactly what differs. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || cp == 0xFFFD) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
