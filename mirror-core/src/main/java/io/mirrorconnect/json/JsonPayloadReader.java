package io.mirrorconnect.json;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import ch.randelshofer.fastdoubleparser.JavaFloatParser;

/**
 * Reads the payload of a JsonConverter envelope straight from the record's bytes into Connect data under its
 * (already known) schema: what JsonConverter's {@code convertToConnect} makes of the same JSON, with floats as
 * {@link ExactJsonConverter} restores them ({@code NaN}, {@code ±Infinity}, {@code -0.0} exact), but without building
 * a JSON tree first (pure: no I/O).
 *
 * <p>It reads only plain JSON of the shapes JsonConverter writes and gives up ({@link #readPayload} returns null) on
 * anything else, for which the caller converts the record the ordinary way and so gets JsonConverter's own result or
 * error: JSON that is malformed or merely unusual (a leading zero, which JsonConverter's parser allows; a member the
 * schema does not have, or twice; a string with a raw control character or bytes that are not strict UTF-8;
 * nesting deeper than {@link JsonEnvelope#MAX_DEPTH}; a number of over {@value #MAX_NUMBER_CHARS} characters or a
 * string of over {@value #MAX_STRING_BYTES} bytes, near Jackson's read limits), a JSON type other than the one the
 * schema's type is written as (where JsonConverter would coerce it or fail: a string for a number, a number out of the
 * 64-bit range, a fraction for an integer, an unpadded base64 string), a map whose keys are not strings, and every
 * value JsonConverter or Connect would reject. So it never accepts what JsonConverter rejects, and what it accepts it
 * reads as JsonConverter does; {@code ExactJsonConverterEquivalenceTest} compares the two.
 */
final class JsonPayloadReader {
    /** Numbers longer than this take the ordinary path (Jackson's default limit is 1000 characters). */
    static final int MAX_NUMBER_CHARS = 1000;
    /** Strings longer than this take the ordinary path (Jackson's default limit is 20,000,000 characters). */
    static final int MAX_STRING_BYTES = 5_000_000;
    /** A value the reader does not take: the whole record goes the ordinary way. */
    private static final Object GIVE_UP = new Object();

    private final byte[] b;
    private final boolean replaceNullWithDefault;
    private int i;
    private int depth;
    /** The last number token: {@code [numberFrom, i)}, and whether it had a fraction or an exponent. */
    private int numberFrom;
    private boolean numberIsFloat;

    private JsonPayloadReader(byte[] b, int from, boolean replaceNullWithDefault) {
        this.b = b;
        this.i = from;
        this.replaceNullWithDefault = replaceNullWithDefault;
    }

    /**
     * The payload object starting at {@code from} as Connect data under {@code schema} (a struct, or a map with
     * string keys), when it is followed only by the envelope's closing brace and whitespace; null when the reader
     * gives up.
     *
     * @param replaceNullWithDefault JsonConverter's {@code replace.null.with.default}
     */
    static Object readPayload(byte[] b, int from, Schema schema, boolean replaceNullWithDefault) {
        if (from >= b.length || b[from] != '{'
                || (schema.type() != Schema.Type.STRUCT && schema.type() != Schema.Type.MAP)) {
            return null;
        }
        JsonPayloadReader r = new JsonPayloadReader(b, from, replaceNullWithDefault);
        Object value;
        try {
            value = r.value(schema);
        } catch (DataException | ArithmeticException | IllegalArgumentException e) {
            return null; // Connect's own checks (Struct.put, the logical types): JsonConverter reports it
        }
        return value == GIVE_UP || value == null || !JsonEnvelope.closesAfter(b, r.i) ? null : value;
    }

    private Object value(Schema schema) {
        skipWs();
        if (i >= b.length) {
            return GIVE_UP;
        }
        if (b[i] == 'n') {
            return literal("null") ? nullValue(schema) : GIVE_UP;
        }
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case Decimal.LOGICAL_NAME:
                    return decimal(schema);
                case Date.LOGICAL_NAME: {
                    Object days = intValue();
                    return days == GIVE_UP ? GIVE_UP : Date.toLogical(schema, (Integer) days);
                }
                case Time.LOGICAL_NAME: {
                    Object millis = intValue();
                    return millis == GIVE_UP ? GIVE_UP : Time.toLogical(schema, (Integer) millis);
                }
                case Timestamp.LOGICAL_NAME: {
                    Object millis = integerToken() ? integerValue() : GIVE_UP;
                    return millis == GIVE_UP ? GIVE_UP : Timestamp.toLogical(schema, (Long) millis);
                }
                default:
                    break; // other names are read by their type, as JsonConverter does
            }
        }
        switch (schema.type()) {
            case BOOLEAN:
                if (b[i] == 't') {
                    return literal("true") ? Boolean.TRUE : GIVE_UP;
                }
                return b[i] == 'f' && literal("false") ? Boolean.FALSE : GIVE_UP;
            case INT8:
            case INT16:
            case INT32:
            case INT64:
                return integerToken() ? integerOrGiveUp(schema) : GIVE_UP;
            case FLOAT32:
            case FLOAT64:
                return floating(schema.type() == Schema.Type.FLOAT32);
            case STRING:
                return b[i] == '"' ? string() : GIVE_UP;
            case BYTES: {
                Object text = b[i] == '"' ? string() : GIVE_UP;
                return text == GIVE_UP ? GIVE_UP : base64((String) text);
            }
            case ARRAY:
                return schema.valueSchema() == null ? GIVE_UP : array(schema.valueSchema());
            case MAP:
                return schema.keySchema() == null || schema.keySchema().type() != Schema.Type.STRING
                        || schema.valueSchema() == null ? GIVE_UP : stringKeyedMap(schema.valueSchema());
            case STRUCT:
                return struct(schema);
            default:
                return GIVE_UP;
        }
    }

    /** JsonConverter's reading of a JSON null (or a missing member): the default, null, or an error (give up). */
    private Object nullValue(Schema schema) {
        if (schema.defaultValue() != null && replaceNullWithDefault) {
            return schema.defaultValue();
        }
        return schema.isOptional() ? null : GIVE_UP;
    }

    // ---- containers ----

    private Object struct(Schema schema) {
        List<Field> fields = schema.fields();
        int n = fields.size();
        Object[] values = new Object[n];
        boolean[] seen = new boolean[n];
        int[] expected = {0}; // JsonConverter writes the members in field order
        boolean read = members('{', '}', () -> {
            skipWs();
            if (i >= b.length || b[i] != '"') {
                return false;
            }
            int f = memberIndex(fields, expected[0]);
            if (f < 0 || seen[f] || !colon()) {
                return false; // a member the schema has not, or one given twice
            }
            Object v = value(fields.get(f).schema());
            values[f] = v;
            seen[f] = true;
            expected[0] = f + 1;
            return v != GIVE_UP;
        });
        if (!read) {
            return GIVE_UP;
        }
        Struct struct = new Struct(schema.schema());
        Object[] slots = StructSlots.of(struct); // valid by construction: no per-put validation (see StructSlots)
        for (int f = 0; f < n; f++) {
            Field field = fields.get(f);
            Object v = seen[f] ? values[f] : nullValue(field.schema());
            if (v == GIVE_UP) {
                return GIVE_UP;
            }
            if (slots != null) {
                slots[field.index()] = v;
            } else {
                struct.put(field, v);
            }
        }
        return struct;
    }

    private Object array(Schema elements) {
        ArrayList<Object> out = new ArrayList<>();
        boolean read = members('[', ']', () -> {
            Object v = value(elements);
            out.add(v);
            return v != GIVE_UP;
        });
        return read ? out : GIVE_UP;
    }

    private Object stringKeyedMap(Schema values) {
        Map<Object, Object> out = new HashMap<>();
        boolean read = members('{', '}', () -> {
            skipWs();
            if (i >= b.length || b[i] != '"') {
                return false;
            }
            Object key = string();
            if (key == GIVE_UP || out.containsKey(key) || !colon()) {
                return false;
            }
            Object v = value(values);
            out.put(key, v);
            return v != GIVE_UP;
        });
        return read ? out : GIVE_UP;
    }

    /** Reads one member or element of a container; false to give up. */
    @FunctionalInterface
    private interface Member {
        boolean read();
    }

    /**
     * Reads the object or array opening at {@code i}, each member or element by {@code member}, up to its closing
     * bracket; false when the reader gives up (also beyond {@link JsonEnvelope#MAX_DEPTH}).
     */
    private boolean members(char open, char close, Member member) {
        if (b[i] != open || ++depth > JsonEnvelope.MAX_DEPTH) {
            return false;
        }
        i++;
        skipWs();
        if (i < b.length && b[i] == close) {
            i++;
            depth--;
            return true;
        }
        while (true) {
            if (!member.read()) {
                return false;
            }
            int end = endOfMember(close);
            if (end < 0) {
                return false;
            }
            if (end == 1) {
                depth--;
                return true;
            }
        }
    }

    /** After a member or element: 0 at a comma (another follows), 1 at {@code close} (consumed), -1 otherwise. */
    private int endOfMember(char close) {
        skipWs();
        if (i >= b.length) {
            return -1;
        }
        if (b[i] == ',') {
            i++;
            return 0;
        }
        if (b[i] == close) {
            i++;
            return 1;
        }
        return -1;
    }

    private boolean colon() {
        skipWs();
        if (i < b.length && b[i] == ':') {
            i++;
            return true;
        }
        return false;
    }

    /**
     * Reads the member name at {@code i} (its opening quote) and returns the index of the field of that name, or -1.
     * The field at {@code expected} is tried first, by comparing bytes.
     */
    private int memberIndex(List<Field> fields, int expected) {
        int start = i + 1;
        int end = start;
        while (end < b.length && b[end] != '"' && b[end] != '\\' && b[end] > 0x1f) {
            end++; // a plain ASCII name (the usual one); anything else is decoded as a string
        }
        if (end < b.length && b[end] == '"') {
            i = end + 1;
            if (expected < fields.size() && asciiEquals(start, end, fields.get(expected).name())) {
                return expected;
            }
            for (int f = 0; f < fields.size(); f++) {
                if (asciiEquals(start, end, fields.get(f).name())) {
                    return f;
                }
            }
            return -1;
        }
        Object name = string();
        if (name == GIVE_UP) {
            return -1;
        }
        for (int f = 0; f < fields.size(); f++) {
            if (fields.get(f).name().equals(name)) {
                return f;
            }
        }
        return -1;
    }

    /** Whether the bytes {@code [from, to)} (ASCII, or bytes of UTF-8 above it) spell {@code name}. */
    private boolean asciiEquals(int from, int to, String name) {
        if (to - from != name.length()) {
            return false;
        }
        for (int k = 0; k < name.length(); k++) {
            if (b[from + k] != name.charAt(k)) { // a byte above 0x7f is negative: never equal to a char
                return false;
            }
        }
        return true;
    }

    // ---- scalars ----

    private Object decimal(Schema schema) {
        if (b[i] == '"') {
            Object text = string();
            if (text == GIVE_UP) {
                return GIVE_UP;
            }
            Object bytes = base64((String) text);
            return bytes == GIVE_UP ? GIVE_UP : Decimal.toLogical(schema, (byte[]) bytes);
        }
        if (!numberToken()) {
            return GIVE_UP;
        }
        return new BigDecimal(new String(b, numberFrom, i - numberFrom, StandardCharsets.ISO_8859_1));
    }

    private Object floating(boolean float32) {
        if (b[i] == '"') {
            Object text = string();
            if (text == GIVE_UP) {
                return GIVE_UP;
            }
            double special;
            switch ((String) text) {
                case "NaN" -> special = Double.NaN;
                case "Infinity" -> special = Double.POSITIVE_INFINITY;
                case "-Infinity" -> special = Double.NEGATIVE_INFINITY;
                default -> {
                    return GIVE_UP; // JsonConverter reads any other text as 0
                }
            }
            return float32 ? (Object) (float) special : (Object) special;
        }
        if (!numberToken()) {
            return GIVE_UP;
        }
        if (!numberIsFloat) {
            // an integer token is read as a (64-bit) integer first, so "-0" is 0.0
            Object whole = integerValue();
            if (whole == GIVE_UP) {
                return GIVE_UP;
            }
            long v = (Long) whole;
            return float32 ? (Object) (float) v : (Object) (double) v;
        }
        // correctly rounded as Double.parseDouble / Float.parseFloat (and so BigDecimal's doubleValue / floatValue,
        // which JsonConverter uses), straight from the bytes
        int len = i - numberFrom;
        return float32 ? (Object) JavaFloatParser.parseFloat(b, numberFrom, len)
                : (Object) JavaDoubleParser.parseDouble(b, numberFrom, len);
    }

    /** An integer token is next and was read; false (give up) for anything else. */
    private boolean integerToken() {
        return numberToken() && !numberIsFloat;
    }

    /** The integer token just read, cast as JsonConverter casts it for {@code schema}'s type, or give up. */
    private Object integerOrGiveUp(Schema schema) {
        Object whole = integerValue();
        if (whole == GIVE_UP) {
            return GIVE_UP;
        }
        long v = (Long) whole;
        return switch (schema.type()) {
            case INT8 -> (byte) (int) v;
            case INT16 -> (short) (int) v;
            case INT32 -> (int) v;
            case INT64 -> v;
            default -> GIVE_UP;
        };
    }

    /** For Date and Time (Jackson's {@code isInt}): the integer token next, read, when it is in the int range. */
    private Object intValue() {
        Object v = integerToken() ? integerValue() : GIVE_UP;
        return v != GIVE_UP && (Long) v >= Integer.MIN_VALUE && (Long) v <= Integer.MAX_VALUE
                ? (Object) (int) (long) (Long) v : GIVE_UP;
    }

    /** The integer token just read as a long, or give up beyond the 64-bit range. */
    private Object integerValue() {
        int from = numberFrom;
        int len = i - from;
        boolean negative = b[from] == '-';
        int digits = negative ? len - 1 : len;
        if (digits <= 18) {
            long v = 0;
            for (int k = negative ? from + 1 : from; k < i; k++) {
                v = v * 10 + (b[k] - '0');
            }
            return negative ? -v : v;
        }
        try {
            return Long.parseLong(new String(b, from, len, StandardCharsets.ISO_8859_1));
        } catch (NumberFormatException e) {
            return GIVE_UP; // beyond a long: JsonConverter's BigInteger node, cast or refused
        }
    }

    /**
     * Reads a strict JSON number token ({@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}) followed by a
     * delimiter; false for anything else (a leading zero, which JsonConverter's parser allows, included).
     */
    private boolean numberToken() {
        int k = i;
        int n = b.length;
        if (k < n && b[k] == '-') {
            k++;
        }
        if (k >= n || b[k] < '0' || b[k] > '9') {
            return false;
        }
        if (b[k] == '0') {
            k++;
            if (k < n && b[k] >= '0' && b[k] <= '9') {
                return false;
            }
        } else {
            k = afterDigits(k);
        }
        boolean isFloat = false;
        if (k < n && b[k] == '.') {
            int digits = k + 1;
            k = afterDigits(digits);
            if (k == digits) {
                return false;
            }
            isFloat = true;
        }
        if (k < n && (b[k] == 'e' || b[k] == 'E')) {
            k++;
            if (k < n && (b[k] == '+' || b[k] == '-')) {
                k++;
            }
            int digits = k;
            k = afterDigits(digits);
            if (k == digits) {
                return false;
            }
            isFloat = true;
        }
        if (k - i > MAX_NUMBER_CHARS || !delimiterAt(k)) {
            return false;
        }
        numberFrom = i;
        numberIsFloat = isFloat;
        i = k;
        return true;
    }

    /** The index of the first byte at or after {@code k} that is not an ASCII digit. */
    private int afterDigits(int k) {
        while (k < b.length && b[k] >= '0' && b[k] <= '9') {
            k++;
        }
        return k;
    }

    /** Reads {@code word} followed by a delimiter. */
    private boolean literal(String word) {
        int n = word.length();
        if (i + n > b.length) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (b[i + k] != word.charAt(k)) {
                return false;
            }
        }
        if (!delimiterAt(i + n)) {
            return false;
        }
        i += n;
        return true;
    }

    private boolean delimiterAt(int k) {
        if (k >= b.length) {
            return true;
        }
        byte c = b[k];
        return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /** Standard base64 with padding, as JsonConverter writes bytes; anything else gives up. */
    private static Object base64(String text) {
        if (text.length() % 4 != 0) {
            return GIVE_UP;
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return GIVE_UP;
        }
    }

    /** Reads the string at {@code i} (its opening quote): strict UTF-8, JSON escapes; gives up on anything else. */
    private Object string() {
        int start = i + 1;
        int k = start;
        int n = b.length;
        boolean ascii = true;
        while (k < n) {
            byte c = b[k];
            if (c == '"') {
                if (k - start > MAX_STRING_BYTES) {
                    return GIVE_UP;
                }
                i = k + 1;
                return ascii ? new String(b, start, k - start, StandardCharsets.ISO_8859_1) : utf8(start, k);
            }
            if (c == '\\') {
                return escapedString(start);
            }
            if (c >= 0 && c < 0x20) {
                return GIVE_UP; // a raw control character: JSON wants it escaped
            }
            ascii &= c >= 0;
            k++;
        }
        return GIVE_UP;
    }

    /** A string with escapes, from {@code start} (after its opening quote). */
    private Object escapedString(int start) {
        StringBuilder out = new StringBuilder();
        int run = start; // the start of the bytes not yet appended
        int k = start;
        int n = b.length;
        while (k < n) {
            byte c = b[k];
            if (c == '"') {
                if (!appendUtf8(out, run, k) || k - start > MAX_STRING_BYTES) {
                    return GIVE_UP;
                }
                i = k + 1;
                return out.toString();
            }
            if (c >= 0 && c < 0x20) {
                return GIVE_UP;
            }
            if (c != '\\') {
                k++;
                continue;
            }
            if (!appendUtf8(out, run, k) || k + 1 >= n) {
                return GIVE_UP;
            }
            byte e = b[k + 1];
            k += 2;
            switch (e) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (k + 4 > n) {
                        return GIVE_UP;
                    }
                    int code = 0;
                    for (int h = 0; h < 4; h++) {
                        int d = Character.digit(b[k + h], 16);
                        if (d < 0) {
                            return GIVE_UP;
                        }
                        code = code * 16 + d;
                    }
                    out.append((char) code); // a surrogate stays one UTF-16 unit, as Jackson reads it
                    k += 4;
                }
                default -> {
                    return GIVE_UP;
                }
            }
            run = k;
        }
        return GIVE_UP;
    }

    private boolean appendUtf8(StringBuilder out, int from, int to) {
        if (from == to) {
            return true;
        }
        Object s = utf8(from, to);
        if (s == GIVE_UP) {
            return false;
        }
        out.append((String) s);
        return true;
    }

    /** Strict UTF-8 (no malformed or surrogate sequences), else give up. */
    private Object utf8(int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return GIVE_UP;
        }
    }

    private void skipWs() {
        i = JsonEnvelope.skipWs(b, i);
    }
}
