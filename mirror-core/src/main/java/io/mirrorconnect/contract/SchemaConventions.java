package io.mirrorconnect.contract;

import java.util.regex.Pattern;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

/**
 * Names that sources put into Connect schemas and sinks rely on (docs/record-contract.md, "Schemas").
 * Every name here is a valid Avro name, so AvroConverter and Schema Registry accept the schemas as they are.
 */
public final class SchemaConventions {
    /** Field parameter: the source column's type as the source database spells it, e.g. {@code numeric(10,2)}. */
    public static final String SOURCE_TYPE = "mirror.source.type";
    /** Field parameter: {@code "false"} when the source column is NOT NULL (value fields are always optional). */
    public static final String SOURCE_NULLABLE = "mirror.source.nullable";
    /** Field parameter: the original column name, present only when it is not a valid Avro name. */
    public static final String SOURCE_COLUMN = "mirror.source.column";

    /** Semantic types (Connect schema names) for values Connect has no logical type for. */
    public static final String TIMESTAMP_MICROS = "io.mirrorconnect.time.TimestampMicros";
    public static final String TIMESTAMPTZ_MICROS = "io.mirrorconnect.time.TimestampTzMicros";
    public static final String TIME_MICROS = "io.mirrorconnect.time.TimeMicros";
    public static final String TIMETZ = "io.mirrorconnect.time.TimeTz";
    public static final String INTERVAL = "io.mirrorconnect.time.Interval";
    public static final String NUMERIC = "io.mirrorconnect.data.Numeric";
    public static final String UUID = "io.mirrorconnect.data.Uuid";
    public static final String JSON = "io.mirrorconnect.data.Json";
    public static final String XML = "io.mirrorconnect.data.Xml";
    public static final String ENUM = "io.mirrorconnect.data.Enum";
    public static final String BITS = "io.mirrorconnect.data.Bits";
    public static final String RANGE = "io.mirrorconnect.data.Range";
    public static final String GEOMETRY = "io.mirrorconnect.data.Geometry";

    private static final Pattern AVRO_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SchemaConventions() {
    }

    public static boolean isAvroName(String name) {
        return AVRO_NAME.matcher(name).matches();
    }

    /** An Avro-valid name for {@code name}: invalid characters become '_', a leading digit gets a '_' prefix. */
    public static String avroName(String name) {
        if (isAvroName(name)) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name.length() + 1);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '_');
            sb.append(ok ? c : '_');
        }
        if (sb.length() == 0 || Character.isDigit(sb.charAt(0))) {
            sb.insert(0, '_');
        }
        return sb.toString();
    }

    /** A dotted Avro full name from dotted parts (e.g. a topic), each part sanitized. */
    public static String avroFullName(String dotted) {
        StringBuilder sb = new StringBuilder();
        for (String part : dotted.split("\\.", -1)) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(avroName(part.isEmpty() ? "_" : part));
        }
        return sb.toString();
    }

    /** Connect schema name of a topic's key struct. */
    public static String keySchemaName(String topic) {
        return avroFullName(topic) + ".Key";
    }

    /** Connect schema name of a topic's value struct. */
    public static String valueSchemaName(String topic) {
        return avroFullName(topic) + ".Value";
    }

    /** The destination column name for a struct field: the original source column name when one was recorded. */
    public static String columnName(Field field) {
        Schema s = field.schema();
        if (s.parameters() != null) {
            String original = s.parameters().get(SOURCE_COLUMN);
            if (original != null) {
                return original;
            }
        }
        return field.name();
    }

    /** Whether the source column accepts NULL (true when the source did not say). */
    public static boolean sourceNullable(Schema fieldSchema) {
        return fieldSchema.parameters() == null || !"false".equals(fieldSchema.parameters().get(SOURCE_NULLABLE));
    }

    /** The source type name recorded on a field, or null. */
    public static String sourceType(Schema fieldSchema) {
        return fieldSchema.parameters() == null ? null : fieldSchema.parameters().get(SOURCE_TYPE);
    }
}
