package io.mirrorconnect.json;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Writes the payload JSON that {@link org.apache.kafka.connect.json.JsonConverter} writes for a record with a schema
 * (its {@code convertToJson} tree, serialized by its Jackson mapper), straight to bytes without building the tree:
 * structs, integers, floats, booleans, strings, bytes and the Decimal (base64), Date, Time and Timestamp logical types,
 * each exactly as JsonConverter renders them. Anything else (arrays, maps, decimals written as numbers, a value
 * JsonConverter would reject or render through a default, a string with a UTF-16 surrogate) makes {@link #write}
 * return null, and the caller lets JsonConverter's own steps write the record: this class only ever produces the
 * bytes JsonConverter produces ({@code ExactJsonConverterEquivalenceTest} compares them), never an error of its own.
 *
 * <p>Why: JsonConverter builds a node per value and a map per struct, then walks them with a generator; for the flat
 * rows a mirror writes that was most of the converter's cost per record.
 */
final class JsonPayloadWriter {
    /** Jackson's output escapes for ASCII (its {@code CharTypes} table): 0 none, -1 {@code \}{@code u00XX}, else the letter. */
    private static final int[] ESCAPES = new int[128];
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final long MILLIS_PER_DAY = 24L * 60 * 60 * 1000;

    static {
        for (int i = 0; i < 32; i++) {
            ESCAPES[i] = -1;
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES[0x08] = 'b';
        ESCAPES[0x09] = 't';
        ESCAPES[0x0C] = 'f';
        ESCAPES[0x0A] = 'n';
        ESCAPES[0x0D] = 'r';
    }

    /** Thrown (without a stack trace) where JsonConverter's own steps must write the record. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final Unsupported UNSUPPORTED = new Unsupported();

    private final boolean decimalsAsBase64;

    /** @param decimalsAsBase64 JsonConverter's {@code decimal.format} is BASE64 (its default) */
    JsonPayloadWriter(boolean decimalsAsBase64) {
        this.decimalsAsBase64 = decimalsAsBase64;
    }

    /** JsonConverter's payload bytes for {@code value} of {@code schema}, or null: let JsonConverter write it. */
    byte[] write(Schema schema, Object value) {
        Out out = new Out();
        try {
            value(out, schema, value);
        } catch (RuntimeException e) {
            return null; // Unsupported, or a value of an unexpected class: JsonConverter decides (and words errors)
        }
        return out.bytes();
    }

    private void value(Out out, Schema schema, Object value) {
        if (value == null) {
            // JsonConverter: the default when one is set and replace.null.with.default (left to it), null when
            // optional, an error when required (left to it)
            if (schema.defaultValue() != null || !schema.isOptional()) {
                throw UNSUPPORTED;
            }
            out.raw(NULL);
            return;
        }
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case Decimal.LOGICAL_NAME -> {
                    decimal(out, schema, value);
                    return;
                }
                case Date.LOGICAL_NAME -> {
                    long ms = ((java.util.Date) value).getTime();
                    if (ms % MILLIS_PER_DAY != 0) {
                        throw UNSUPPORTED; // JsonConverter rejects a date with a time of day
                    }
                    out.ascii(Integer.toString((int) (ms / MILLIS_PER_DAY)));
                    return;
                }
                case Time.LOGICAL_NAME -> {
                    long ms = ((java.util.Date) value).getTime();
                    if (ms < 0 || ms > MILLIS_PER_DAY) {
                        throw UNSUPPORTED; // JsonConverter rejects a time outside the day
                    }
                    out.ascii(Integer.toString((int) ms));
                    return;
                }
                case Timestamp.LOGICAL_NAME -> {
                    out.ascii(Long.toString(((java.util.Date) value).getTime()));
                    return;
                }
                default -> {
                    // any other name is written by its type
                }
            }
        }
        switch (schema.type()) {
            case INT8 -> out.ascii(Integer.toString((Byte) value));
            case INT16 -> out.ascii(Integer.toString((Short) value));
            case INT32 -> out.ascii(Integer.toString((Integer) value));
            case INT64 -> out.ascii(Long.toString((Long) value));
            case FLOAT32 -> {
                float f = (Float) value;
                if (Float.isFinite(f)) {
                    out.ascii(Float.toString(f));
                } else {
                    out.quotedAscii(Float.toString(f)); // Jackson quotes NaN and the infinities
                }
            }
            case FLOAT64 -> {
                double d = (Double) value;
                if (Double.isFinite(d)) {
                    out.ascii(Double.toString(d));
                } else {
                    out.quotedAscii(Double.toString(d));
                }
            }
            case BOOLEAN -> out.raw((Boolean) value ? TRUE : FALSE);
            case STRING -> out.string(((CharSequence) value).toString());
            case BYTES -> {
                byte[] b;
                if (value instanceof byte[] bytes) {
                    b = bytes;
                } else if (value instanceof ByteBuffer buffer && buffer.hasArray()) {
                    b = buffer.array(); // JsonConverter writes the whole backing array
                } else {
                    throw UNSUPPORTED;
                }
                out.base64(b);
            }
            case STRUCT -> struct(out, schema, (Struct) value);
            default -> throw UNSUPPORTED; // ARRAY, MAP
        }
    }

    private void decimal(Out out, Schema schema, Object value) {
        if (!decimalsAsBase64 || !(value instanceof BigDecimal d)) {
            throw UNSUPPORTED;
        }
        Map<String, String> params = schema.parameters();
        String scale = params == null ? null : params.get(Decimal.SCALE_FIELD);
        if (scale == null || d.scale() != Integer.parseInt(scale)) {
            throw UNSUPPORTED; // JsonConverter rejects a value of another scale
        }
        out.base64(d.unscaledValue().toByteArray());
    }

    private void struct(Out out, Schema schema, Struct struct) {
        Schema own = struct.schema();
        if (own != schema && !own.equals(schema)) {
            throw UNSUPPORTED; // JsonConverter: "Mismatching schema."
        }
        List<Field> fields = schema.fields();
        out.put('{');
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (i > 0) {
                out.put(',');
            }
            out.string(f.name());
            out.put(':');
            // JsonConverter reads the field without its default; get(Field) is the same read by index (no name
            // look-up) whenever the field has no default (the struct's schema equals this one, so indexes agree)
            Schema fs = f.schema();
            value(out, fs, fs.defaultValue() == null ? struct.get(f) : struct.getWithoutDefault(f.name()));
        }
        out.put('}');
    }

    /** A growing byte buffer with Jackson's renderings of strings and bytes. */
    private static final class Out {
        private byte[] buf = new byte[512];
        private int len;

        byte[] bytes() {
            return Arrays.copyOf(buf, len);
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        void put(char c) {
            ensure(1);
            buf[len++] = (byte) c;
        }

        void raw(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        /** A text of ASCII characters that need no escape (numbers). */
        void ascii(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[len++] = (byte) s.charAt(i);
            }
        }

        void quotedAscii(String s) {
            put('"');
            ascii(s);
            put('"');
        }

        /** A JSON string as Jackson's UTF-8 generator writes it by default. */
        void string(String s) {
            int n = s.length();
            ensure(n * 3 + 2);
            buf[len++] = '"';
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    int esc = ESCAPES[c];
                    if (esc == 0) {
                        buf[len++] = (byte) c;
                    } else if (esc > 0) {
                        ensure(2 + (n - i) * 3);
                        buf[len++] = '\\';
                        buf[len++] = (byte) esc;
                    } else {
                        ensure(6 + (n - i) * 3);
                        buf[len++] = '\\';
                        buf[len++] = 'u';
                        buf[len++] = '0';
                        buf[len++] = '0';
                        buf[len++] = HEX[c >> 4];
                        buf[len++] = HEX[c & 0xF];
                    }
                } else if (c < 0x800) {
                    buf[len++] = (byte) (0xC0 | (c >> 6));
                    buf[len++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    throw UNSUPPORTED; // Jackson's rendering of surrogates varies by version and feature: its own
                } else {
                    buf[len++] = (byte) (0xE0 | (c >> 12));
                    buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    buf[len++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            ensure(1);
            buf[len++] = '"';
        }

        /** Jackson's default base64 (MIME without line feeds: the standard alphabet, padded), quoted. */
        void base64(byte[] b) {
            byte[] enc = Base64.getEncoder().encode(b);
            ensure(enc.length + 2);
            buf[len++] = '"';
            System.arraycopy(enc, 0, buf, len, enc.length);
            len += enc.length;
            buf[len++] = '"';
        }
    }
}
