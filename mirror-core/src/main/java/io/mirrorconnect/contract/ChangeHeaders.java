package io.mirrorconnect.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;

/**
 * Writes and reads the contract's Connect headers. Sources call {@link #write}; sinks call {@link #read}.
 *
 * <p>Headers pass through the worker's {@code header.converter} (by default {@code SimpleHeaderConverter},
 * which re-infers types from text on the way back: {@code 5} may come back as a byte, a one-element list as a
 * list). {@link #read} therefore accepts every form the stock header converters produce, and the round trip is
 * tested against them. A {@code byte[]} value ({@code ByteArrayConverter}, which the compiled sinks use: it hands
 * over the header's bytes as they are) is read as the text the source's converter wrote, parsed from the bytes.
 */
public final class ChangeHeaders {
    /** One-letter operation code, see {@link ChangeOp}. */
    public static final String OP = "mirror.op";
    /** 64-bit version, increasing with commit order per key. */
    public static final String VERSION = "mirror.version";
    /** Commit timestamp, microseconds since the Unix epoch, UTC. */
    public static final String COMMIT_TS = "mirror.commit.ts.us";
    /** Names of value fields left out because they are unchanged TOAST; absent when there are none. */
    public static final String UNCHANGED_TOAST = "mirror.toast.unchanged";

    private ChangeHeaders() {
    }

    public static void write(Headers headers, ChangeMetadata meta) {
        headers.addString(OP, meta.op().code());
        headers.addLong(VERSION, meta.version());
        headers.addLong(COMMIT_TS, meta.commitTimeMicros());
        if (!meta.unchangedToastFields().isEmpty()) {
            headers.addString(UNCHANGED_TOAST, FieldNameList.encode(meta.unchangedToastFields()));
        }
    }

    /**
     * Reads the contract headers.
     *
     * @param where names the record in error messages, e.g. "topic t partition 0 offset 42"
     * @throws ContractException when a header is missing or malformed
     */
    public static ChangeMetadata read(Headers headers, String where) {
        return read(headers, () -> where);
    }

    /**
     * Reads the contract headers; {@code where} is asked only when a message needs it (the sink's per-record path
     * builds no text for records that are fine).
     *
     * @throws ContractException when a header is missing or malformed
     */
    public static ChangeMetadata read(Headers headers, Supplier<String> where) {
        // one pass over the headers, the last of each name winning (as lastWithName, which would walk them once
        // per name: this runs for every record a sink reads)
        Header opHeader = null;
        Header versionHeader = null;
        Header commitHeader = null;
        Header toast = null;
        for (Header h : headers) {
            // equals, not a switch: a switch hashes each key, a string the consumer has just decoded (its hash not
            // yet cached), while equals compares lengths first and the four names differ in length
            String key = h.key();
            if (OP.equals(key)) {
                opHeader = h;
            } else if (VERSION.equals(key)) {
                versionHeader = h;
            } else if (COMMIT_TS.equals(key)) {
                commitHeader = h;
            } else if (UNCHANGED_TOAST.equals(key)) {
                toast = h;
            }
        }
        ChangeOp op;
        Object opValue = required(opHeader, OP, where);
        try {
            // ByteArrayConverter's one byte read as its letter: no String per record
            op = opValue instanceof byte[] b && b.length == 1 ? ChangeOp.fromCode((char) (b[0] & 0xFF))
                    : ChangeOp.fromCode(text(opValue));
        } catch (IllegalArgumentException e) {
            throw new ContractException("header " + OP + " of " + where.get() + ": " + e.getMessage());
        }
        long version = asLong(required(versionHeader, VERSION, where), VERSION, where);
        long commitTs = asLong(required(commitHeader, COMMIT_TS, where), COMMIT_TS, where);
        Set<String> unchanged = toast == null || toast.value() == null ? Set.of() : asNames(toast.value(), where);
        if (version < 0) {
            throw new ContractException("header " + VERSION + " of " + where.get() + " is negative: " + version);
        }
        return new ChangeMetadata(op, version, commitTs, unchanged);
    }

    /**
     * A header value as text: a {@code byte[]} (from {@code ByteArrayConverter}) decoded as UTF-8, the text every
     * stock header converter writes; anything else by {@link String#valueOf(Object)}.
     */
    public static String text(Object value) {
        return value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    /** True when the headers carry the contract (an operation code). */
    public static boolean present(Headers headers) {
        return headers.lastWithName(OP) != null;
    }

    private static Object required(Header h, String name, Supplier<String> where) {
        if (h == null || h.value() == null) {
            throw new ContractException("record " + where.get() + " has no " + name
                    + " header; it was not written by a Mirror Connect source (see docs/record-contract.md)");
        }
        return h.value();
    }

    private static long asLong(Object v, String name, Supplier<String> where) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof byte[] b && b.length > 0 && b.length <= MAX_PLAIN_DIGITS) {
            long plain = plainDigits(b);
            if (plain >= 0) {
                return plain;
            }
        }
        String text = text(v);
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ContractException("header " + name + " of " + where.get() + " is not a 64-bit integer: '" + text + "'");
        }
    }

    /** Up to 18 decimal digits cannot overflow a long. */
    private static final int MAX_PLAIN_DIGITS = 18;

    /**
     * The value of 1 to 18 ASCII digits and nothing else (what the stock converters write for a version or a
     * commit time), or -1 for anything else (a sign, spaces, more digits: {@link Long#parseLong} decides those).
     */
    private static long plainDigits(byte[] b) {
        long v = 0;
        for (byte c : b) {
            int d = c - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static Set<String> asNames(Object v, Supplier<String> where) {
        Collection<?> items;
        if (v instanceof Collection<?> c) {
            items = c;
        } else if (v instanceof byte[] b) {
            return asNames(text(b), where);
        } else if (v instanceof String s && FieldNameList.isEncoded(s)) {
            try {
                return FieldNameList.decode(s);
            } catch (IllegalArgumentException e) {
                throw new ContractException("header " + UNCHANGED_TOAST + " of " + where.get() + ": " + e.getMessage());
            }
        } else if (v instanceof String s) {
            items = parseListText(s, where); // written as a list by an older source
        } else {
            throw new ContractException("header " + UNCHANGED_TOAST + " of " + where.get() + " is not a list of field names: " + v);
        }
        Set<String> names = new LinkedHashSet<>();
        for (Object item : items) {
            if (item == null) {
                throw new ContractException("header " + UNCHANGED_TOAST + " of " + where.get() + " contains a null field name");
            }
            names.add(String.valueOf(item));
        }
        return names;
    }

    /** Parses the JSON-style list text that text-based header converters may hand back unparsed. */
    private static List<String> parseListText(String s, Supplier<String> where) {
        String t = s.trim();
        if (!t.startsWith("[") || !t.endsWith("]")) {
            throw new ContractException("header " + UNCHANGED_TOAST + " of " + where.get() + " is not a list: '" + s + "'");
        }
        List<String> out = new ArrayList<>();
        int i = 1;
        int end = t.length() - 1;
        while (i < end) {
            char c = t.charAt(i);
            if (c == ' ' || c == ',') {
                i++;
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < end && t.charAt(i) != '"') {
                    if (t.charAt(i) == '\\' && i + 1 < end) {
                        i++;
                    }
                    sb.append(t.charAt(i++));
                }
                i++;
                out.add(sb.toString());
            } else {
                int j = t.indexOf(',', i);
                j = j < 0 ? end : j;
                out.add(t.substring(i, j).trim());
                i = j;
            }
        }
        return out;
    }
}
