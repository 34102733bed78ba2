package io.mirrorconnect.snowflake.schema;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.mirrorconnect.contract.SchemaConventions;

/**
 * Turns a record value into what is bound into the staging table (pure): a {@link String} (numbers, dates and times
 * as exact text Snowflake parses, JSON text for VARIANT/ARRAY columns, hex text for BINARY columns and for bytes
 * inside arrays and maps), a {@link Boolean}, or null. Values Snowflake cannot hold fail with a {@link DataException} saying why; the writer
 * names table, key and column. Numbers travel as text because text is exact (and a fractional
 * {@code setBigDecimal} is not accepted by every server the driver talks to).
 */
public final class SnowflakeValues {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final int MIN_YEAR = 1;
    private static final int MAX_YEAR = 9999;

    private SnowflakeValues() {
    }

    /** The staged value of {@code value} for a column created from {@code schema}. */
    public static Object staged(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        SnowflakeType type = SnowflakeTypeMapper.type(schema);
        if (type.json() && SchemaConventions.JSON.equals(schema.name())) {
            return value.toString(); // JSON text from the source, parsed by PARSE_JSON
        }
        if (type.json()) {
            return json(schema, value);
        }
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case Decimal.LOGICAL_NAME:
                    return decimalText(schema, (BigDecimal) value);
                case Date.LOGICAL_NAME:
                    return dateText((java.util.Date) value);
                case Time.LOGICAL_NAME:
                    return timeText(((java.util.Date) value).getTime() * 1000L);
                case Timestamp.LOGICAL_NAME:
                    return timestampText(((java.util.Date) value).getTime() * 1000L, false);
                case SchemaConventions.TIME_MICROS:
                    return timeText((Long) value);
                case SchemaConventions.TIMESTAMP_MICROS:
                    return timestampText((Long) value, false);
                case SchemaConventions.TIMESTAMPTZ_MICROS:
                    return timestampText((Long) value, true);
                default:
                    break;
            }
        }
        switch (schema.type()) {
            case INT8:
            case INT16:
            case INT32:
            case INT64:
                return Long.toString(((Number) value).longValue());
            case FLOAT32:
                return floatText(((Number) value).floatValue());
            case FLOAT64:
                return doubleText(((Number) value).doubleValue());
            case BOOLEAN:
                return (Boolean) value;
            case STRING:
                return (String) value;
            case BYTES:
                return HexFormat.of().formatHex(bytes(value));
            default:
                throw new DataException("no staged form for Connect " + schema.type());
        }
    }

    /** {@code byte[]} or {@link ByteBuffer} (Avro converters hand bytes back as buffers) as a byte array. */
    public static byte[] bytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] out = new byte[copy.remaining()];
            copy.get(out);
            return out;
        }
        throw new DataException("expected bytes, got " + value.getClass().getName());
    }

    static String decimalText(Schema schema, BigDecimal value) {
        int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
        SnowflakeType type = SnowflakeTypeMapper.type(schema);
        if (type.baseName().equals("NUMBER")) {
            int precision = SnowflakeTypeMapper.precision(schema);
            BigDecimal v = value.scale() == scale ? value : value.setScale(scale);
            if (v.precision() - v.scale() > precision - scale && v.signum() != 0) {
                throw new DataException("value " + abbreviate(value.toPlainString()) + " does not fit "
                        + type.ddl() + " (" + (precision - scale) + " digits before the point)");
            }
            return v.toPlainString();
        }
        return value.toPlainString();
    }

    static String floatText(float f) {
        if (Float.isNaN(f)) {
            return "NaN";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "inf" : "-inf";
        }
        return Float.toString(f); // shortest text that reads back as this float
    }

    static String doubleText(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return Double.toString(d);
    }

    static String dateText(java.util.Date date) {
        long days = Math.floorDiv(date.getTime(), 86_400_000L);
        LocalDate d = LocalDate.ofEpochDay(days);
        checkYear(d.getYear(), "DATE", d.toString());
        return d.toString();
    }

    static String timeText(long micros) {
        if (micros < 0 || micros >= MICROS_PER_DAY) {
            throw new DataException("time " + micros + " microseconds after midnight is outside Snowflake's TIME range "
                    + "(00:00:00 to 23:59:59.999999999; Postgres's 24:00:00 has no Snowflake TIME value)");
        }
        LocalTime t = LocalTime.ofNanoOfDay(micros * 1000L);
        return String.format("%02d:%02d:%02d.%06d", t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000);
    }

    static String timestampText(long micros, boolean utcOffset) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int microOfSecond = (int) Math.floorMod(micros, 1_000_000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, microOfSecond * 1000, ZoneOffset.UTC);
        // ISO 8601 with an explicit UTC offset for TIMESTAMP_TZ (one of the forms Snowflake's AUTO format reads)
        String text = String.format("%04d-%02d-%02d%s%02d:%02d:%02d.%06d", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), utcOffset ? "T" : " ", t.getHour(), t.getMinute(), t.getSecond(), microOfSecond);
        checkYear(t.getYear(), utcOffset ? "TIMESTAMP_TZ" : "TIMESTAMP_NTZ", text);
        return utcOffset ? text + "+00:00" : text;
    }

    private static void checkYear(int year, String type, String text) {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new DataException("value " + text + " (year " + year + ") is outside the years " + MIN_YEAR + " to "
                    + MAX_YEAR + " that the sink writes to a Snowflake " + type + " column");
        }
    }

    /** JSON text of an array or map value (an ARRAY or VARIANT column). NULL elements are JSON nulls. */
    static String json(Schema schema, Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writeJson(g, schema, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeJson(JsonGenerator g, Schema schema, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
            return;
        }
        switch (schema.type()) {
            case ARRAY: {
                g.writeStartArray();
                for (Object element : (List<?>) value) {
                    writeJson(g, schema.valueSchema(), element);
                }
                g.writeEndArray();
                return;
            }
            case MAP: {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    Object key = e.getKey() == null ? null : staged(schema.keySchema(), e.getKey());
                    if (key == null) {
                        throw new DataException("a map key is null; JSON objects have no null keys");
                    }
                    g.writeFieldName(key.toString());
                    writeJson(g, schema.valueSchema(), e.getValue());
                }
                g.writeEndObject();
                return;
            }
            default:
                break;
        }
        if (SchemaConventions.JSON.equals(schema.name())) {
            g.writeRawValue(value.toString()); // a json element stays JSON
            return;
        }
        if (Decimal.LOGICAL_NAME.equals(schema.name())) {
            BigDecimal d = (BigDecimal) value;
            if (d.precision() <= SnowflakeTypeMapper.MAX_NUMBER_PRECISION) {
                g.writeNumber(d); // exact in a VARIANT up to 38 digits
            } else {
                g.writeString(d.toPlainString()); // beyond: text, never a rounded double
            }
            return;
        }
        Object staged = staged(schema, value);
        if (staged instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (schema.name() == null && (schema.type() == Schema.Type.INT8 || schema.type() == Schema.Type.INT16
                || schema.type() == Schema.Type.INT32 || schema.type() == Schema.Type.INT64)) {
            g.writeNumber(((Number) value).longValue());
        } else if (schema.name() == null && (schema.type() == Schema.Type.FLOAT32 || schema.type() == Schema.Type.FLOAT64)) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d) || (d == 0 && Double.doubleToRawLongBits(d) != 0)) {
                // JSON has no NaN/Infinity, and a VARIANT number no negative zero (it reads -0.0 back as 0)
                g.writeString((String) staged);
            } else if (schema.type() == Schema.Type.FLOAT32) {
                g.writeNumber((String) staged); // the float's own shortest text, not its widened double
            } else {
                g.writeNumber(d);
            }
        } else {
            g.writeString(staged.toString());
        }
    }

    /** {@code text} cut to 100 characters for error messages. */
    public static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "... (" + text.length() + " characters)";
    }
}
