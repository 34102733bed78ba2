package io.mirrorconnect.bigquery.proto;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.mirrorconnect.contract.SchemaConventions;

/**
 * JSON text for values that become BigQuery JSON columns: hstore maps (an object of string or null values) and
 * arrays BigQuery's REPEATED cannot hold (NULL arrays, NULL elements, arrays of arrays). Elements keep their exact
 * value: numbers and decimals as JSON numbers (decimals written exactly, NaN and infinities as strings), JSON
 * elements embedded as JSON, bytes as base64 strings, dates and times in the same text as their scalar columns.
 * Pure.
 */
public final class JsonText {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonText() {
    }

    public static String of(Object value, Schema schema) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value, schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object value, Schema schema) throws IOException {
        if (value == null) {
            g.writeNull();
            return;
        }
        switch (schema.type()) {
            case ARRAY -> {
                g.writeStartArray();
                for (Object e : (List<?>) value) {
                    write(g, e, schema.valueSchema());
                }
                g.writeEndArray();
            }
            case MAP -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    write(g, e.getValue(), schema.valueSchema());
                }
                g.writeEndObject();
            }
            case BOOLEAN -> g.writeBoolean((Boolean) value);
            case FLOAT32, FLOAT64 -> {
                double d = ((Number) value).doubleValue();
                if (Double.isFinite(d)) {
                    if (value instanceof Float f) {
                        g.writeNumber(new BigDecimal(f.toString())); // the float's own shortest text
                    } else {
                        g.writeNumber(d);
                    }
                } else {
                    g.writeString(Double.toString(d));
                }
            }
            case BYTES -> {
                if (value instanceof BigDecimal dec) {
                    g.writeNumber(dec);
                } else {
                    g.writeString(Base64.getEncoder().encodeToString(bytes(value)));
                }
            }
            case STRING -> {
                if (SchemaConventions.JSON.equals(schema.name())) {
                    g.writeRawValue((String) value);
                } else {
                    g.writeString((String) value);
                }
            }
            default -> {
                if (value instanceof Number n && schema.name() == null) {
                    g.writeNumber(n.longValue());
                } else {
                    // dates, times, timestamps: the text their scalar column would hold
                    g.writeString(Values.text(value, schema));
                }
            }
        }
    }

    static byte[] bytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof ByteBuffer bb) {
            ByteBuffer d = bb.duplicate();
            byte[] b = new byte[d.remaining()];
            d.get(b);
            return b;
        }
        throw new IllegalArgumentException("expected byte[] or ByteBuffer, got " + value.getClass().getName());
    }
}
