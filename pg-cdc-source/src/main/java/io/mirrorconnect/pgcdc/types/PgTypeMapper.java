package io.mirrorconnect.pgcdc.types;

import static io.mirrorconnect.contract.SchemaConventions.SOURCE_COLUMN;
import static io.mirrorconnect.contract.SchemaConventions.SOURCE_NULLABLE;
import static io.mirrorconnect.contract.SchemaConventions.SOURCE_TYPE;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mirrorconnect.contract.SchemaConventions;
import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.binary.BinaryArrays;
import io.mirrorconnect.pgcdc.binary.BinaryConverter;
import io.mirrorconnect.pgcdc.binary.PgBinaryValues;

/**
 * Maps Postgres column types to Connect field schemas and builds the converters from Postgres's text output
 * to Connect values. The table of types is docs/pg-types.md; this class is its implementation. Pure (apart
 * from one warning log per column when {@link SpecialValuePolicy#NULL} replaces a value).
 */
public final class PgTypeMapper {
    private static final Logger LOG = LoggerFactory.getLogger(PgTypeMapper.class);

    /** Connect's parameter for a Decimal's precision (the one Confluent's AvroConverter reads). */
    public static final String DECIMAL_PRECISION = "connect.decimal.precision";
    /** Parameter of ENUM fields: the labels, comma-separated, in sort order. */
    public static final String ENUM_ALLOWED = "allowed";
    /** Precision of money values (int64 cents: 19 digits, 2 of them fractional). */
    public static final int MONEY_PRECISION = 19;

    private static final int MAX_DOMAIN_DEPTH = 32;

    private final PgTypeRegistry registry;
    private final SpecialValuePolicy specialValues;

    public PgTypeMapper(PgTypeRegistry registry) {
        this(registry, SpecialValuePolicy.FAIL);
    }

    public PgTypeMapper(PgTypeRegistry registry, SpecialValuePolicy specialValues) {
        this.registry = registry;
        this.specialValues = specialValues;
    }

    public PgTypeRegistry registry() {
        return registry;
    }

    public SpecialValuePolicy specialValues() {
        return specialValues;
    }

    /** The field schema of a column; the field name is the column name made Avro-valid. */
    public Schema fieldSchema(PgColumn column, boolean keyField) {
        return fieldSchema(column, keyField, SchemaConventions.avroName(column.name()));
    }

    /**
     * The field schema of a column: required for key fields, optional for value fields (docs/record-contract.md),
     * with the {@code mirror.source.*} parameters ({@code mirror.source.column} when {@code fieldName} differs
     * from the column name).
     */
    public Schema fieldSchema(PgColumn column, boolean keyField, String fieldName) {
        Kind kind = kind(column);
        SchemaBuilder b = schemaOf(kind);
        b.parameter(SOURCE_TYPE, column.typeName());
        b.parameter(SOURCE_NULLABLE, Boolean.toString(column.nullable()));
        if (!fieldName.equals(column.name())) {
            b.parameter(SOURCE_COLUMN, column.name());
        }
        if (!keyField) {
            b.optional();
        }
        return b.build();
    }

    /** The converter for a value field of a column (errors name the column). */
    public ValueConverter converter(PgColumn column) {
        return converter(column, false, null);
    }

    /**
     * The converter for a column.
     *
     * @param keyField key fields are required, so special values always fail there whatever the policy
     * @param table    named in error messages (may be null)
     */
    public ValueConverter converter(PgColumn column, boolean keyField, TableId table) {
        String where = (table == null ? "" : table + ".") + column.name() + " (" + column.typeName() + ")";
        SpecialValuePolicy policy = keyField ? SpecialValuePolicy.FAIL : specialValues;
        ValueConverter raw = converterOf(kind(column), new Special(policy, where));
        return text -> {
            if (text == null) {
                return null;
            }
            try {
                return raw.convert(text);
            } catch (PgValueException e) {
                throw new PgValueException("column " + where + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new PgValueException("column " + where + ": cannot convert '" + PgTextValues.abbreviate(text)
                        + "': " + e, e);
            }
        };
    }

    // ---- resolution: what a column's type maps to ----

    /** The mapping category of a (resolved) type. */
    private enum Category {
        INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, DECIMAL, NUMERIC_TEXT, STRING, BYTES, UUID, JSON, XML,
        DATE, TIME, TIMETZ, TIMESTAMP, TIMESTAMPTZ, INTERVAL, ENUM, ARRAY, BITS, MONEY, HSTORE, RANGE,
        TSTZRANGE, TSTZMULTIRANGE, GEOMETRY
    }

    /**
     * A resolved column type: category plus what the category needs (typmod, enum labels, element kind, and for
     * arrays the delimiter and the number of dimensions the schema nests).
     */
    private record Kind(Category category, int typmod, List<String> labels, Kind element, char delimiter,
                        int dimensions, int oid) {
        Kind(Category category, int typmod, int oid) {
            this(category, typmod, List.of(), null, ',', 0, oid);
        }

        Kind withDimensions(int dims) {
            return new Kind(category, typmod, labels, element, delimiter, dims, oid);
        }
    }

    private Kind kind(PgColumn column) {
        Kind k = kind(column.typeOid(), column.typeModifier(), column.typeName(), 0);
        // the declared dimensions (attndims) decide how deep an array schema nests; undeclared means one
        return k.category == Category.ARRAY ? k.withDimensions(Math.max(1, column.dimensions())) : k;
    }

    private Kind kind(int oid, int typmod, String typeName, int depth) {
        PgType t = registry.find(oid);
        if (t == null) {
            // Not registered: the text form is still exact. An unregistered array type cannot be split.
            return new Kind(Category.STRING, typmod, oid);
        }
        if (t.isDomain()) {
            if (depth > MAX_DOMAIN_DEPTH) {
                throw new PgValueException("domain " + t.name() + " nests deeper than " + MAX_DOMAIN_DEPTH);
            }
            int mod = typmod != -1 ? typmod : t.baseTypeModifier();
            return kind(t.baseOid(), mod, typeName, depth + 1);
        }
        if (t.isEnum()) {
            return new Kind(Category.ENUM, typmod, t.enumLabels(), null, ',', 0, t.oid());
        }
        if (t.isArray()) {
            Kind element = kind(t.elementOid(), typmod, typeName, depth + 1);
            if (element.category == Category.ARRAY) {
                return new Kind(Category.STRING, typmod, t.oid());
            }
            char delim = t.elementOid() == PgOid.BOX ? ';' : ',';
            return new Kind(Category.ARRAY, typmod, List.of(), element, delim, 1, t.oid());
        }
        if (t.oid() == PgOid.TSTZRANGE) {
            return new Kind(Category.TSTZRANGE, typmod, t.oid());
        }
        if (t.oid() == PgOid.TSTZMULTIRANGE) {
            return new Kind(Category.TSTZMULTIRANGE, typmod, t.oid());
        }
        if (t.isRange()) {
            return new Kind(Category.RANGE, typmod, t.oid());
        }
        return new Kind(builtIn(t, typmod), typmod, t.oid());
    }

    private static Category builtIn(PgType t, int typmod) {
        switch (t.oid()) {
            case PgOid.INT2:
                return Category.INT16;
            case PgOid.INT4:
                return Category.INT32;
            case PgOid.INT8:
            case PgOid.OID:
            case PgOid.XID:
            case PgOid.CID:
                return Category.INT64;
            case PgOid.XID8:
                // unsigned 64-bit: does not fit INT64
                return Category.NUMERIC_TEXT;
            case PgOid.FLOAT4:
                return Category.FLOAT32;
            case PgOid.FLOAT8:
                return Category.FLOAT64;
            case PgOid.BOOL:
                return Category.BOOLEAN;
            case PgOid.NUMERIC:
                return typmod == -1 ? Category.NUMERIC_TEXT : Category.DECIMAL;
            case PgOid.BYTEA:
                return Category.BYTES;
            case PgOid.UUID:
                return Category.UUID;
            case PgOid.JSON:
            case PgOid.JSONB:
                return Category.JSON;
            case PgOid.XML:
                return Category.XML;
            case PgOid.DATE:
                return Category.DATE;
            case PgOid.TIME:
                return Category.TIME;
            case PgOid.TIMETZ:
                return Category.TIMETZ;
            case PgOid.TIMESTAMP:
                return Category.TIMESTAMP;
            case PgOid.TIMESTAMPTZ:
                return Category.TIMESTAMPTZ;
            case PgOid.INTERVAL:
                return Category.INTERVAL;
            case PgOid.BIT:
            case PgOid.VARBIT:
                return Category.BITS;
            case PgOid.MONEY:
                return Category.MONEY;
            default:
                break;
        }
        if (t.oid() >= PgOid.FIRST_USER_OID || t.oid() < 0) {
            switch (t.simpleName().toLowerCase(Locale.ROOT)) {
                case "hstore":
                    return Category.HSTORE;
                case "geometry":
                case "geography":
                    return Category.GEOMETRY;
                default:
                    break;
            }
        }
        // text, varchar, bpchar, name, "char", citext, inet, cidr, macaddr(8), geometric types, tsvector,
        // jsonpath, pg_lsn, composites, other extension types: their exact text form
        return Category.STRING;
    }

    // ---- schemas ----

    private static SchemaBuilder schemaOf(Kind k) {
        switch (k.category) {
            case INT16:
                return SchemaBuilder.int16();
            case INT32:
                return SchemaBuilder.int32();
            case INT64:
                return SchemaBuilder.int64();
            case FLOAT32:
                return SchemaBuilder.float32();
            case FLOAT64:
                return SchemaBuilder.float64();
            case BOOLEAN:
                return SchemaBuilder.bool();
            case DECIMAL: {
                int[] ps = numericPrecisionScale(k.typmod);
                return Decimal.builder(ps[1]).parameter(DECIMAL_PRECISION, Integer.toString(ps[0]));
            }
            case MONEY:
                return Decimal.builder(2).parameter(DECIMAL_PRECISION, Integer.toString(MONEY_PRECISION));
            case NUMERIC_TEXT:
                return SchemaBuilder.string().name(SchemaConventions.NUMERIC);
            case BYTES:
                return SchemaBuilder.bytes();
            case UUID:
                return SchemaBuilder.string().name(SchemaConventions.UUID);
            case JSON:
                return SchemaBuilder.string().name(SchemaConventions.JSON);
            case XML:
                return SchemaBuilder.string().name(SchemaConventions.XML);
            case DATE:
                return Date.builder();
            case TIME:
                return SchemaBuilder.int64().name(SchemaConventions.TIME_MICROS);
            case TIMETZ:
                return SchemaBuilder.string().name(SchemaConventions.TIMETZ);
            case TIMESTAMP:
                return SchemaBuilder.int64().name(SchemaConventions.TIMESTAMP_MICROS);
            case TIMESTAMPTZ:
                return SchemaBuilder.int64().name(SchemaConventions.TIMESTAMPTZ_MICROS);
            case INTERVAL:
                return SchemaBuilder.string().name(SchemaConventions.INTERVAL);
            case ENUM:
                return SchemaBuilder.string().name(SchemaConventions.ENUM)
                        .parameter(ENUM_ALLOWED, String.join(",", k.labels));
            case BITS:
                return SchemaBuilder.string().name(SchemaConventions.BITS);
            case RANGE:
            case TSTZRANGE:
            case TSTZMULTIRANGE:
                return SchemaBuilder.string().name(SchemaConventions.RANGE);
            case GEOMETRY:
                return SchemaBuilder.string().name(SchemaConventions.GEOMETRY);
            case HSTORE:
                return SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA);
            case ARRAY: {
                // elements are optional (NULL elements); sub-arrays of a multi-dimensional array are not
                // (Postgres has no NULL sub-array)
                SchemaBuilder b = SchemaBuilder.array(schemaOf(k.element).optional().build());
                for (int d = 1; d < k.dimensions; d++) {
                    b = SchemaBuilder.array(b.build());
                }
                return b;
            }
            case STRING:
            default:
                return SchemaBuilder.string();
        }
    }

    /**
     * {precision, scale} of a {@code numeric(p,s)} type modifier. A negative scale (Postgres 15+:
     * {@code numeric(5,-2)} rounds to hundreds) maps to scale 0 with precision {@code p - s}: every value is an
     * integer, and Avro/Connect decimals need a scale of at least 0. A scale above the precision (Postgres 15+:
     * {@code numeric(3,5)} holds values below 0.001) maps to precision {@code s}, since Avro requires
     * {@code scale <= precision}; every value still fits.
     */
    public static int[] numericPrecisionScale(int typmod) {
        int v = typmod - 4;
        int precision = (v >> 16) & 0xFFFF;
        int scale = ((v & 0x7FF) ^ 1024) - 1024;
        if (scale < 0) {
            return new int[] {precision - scale, 0};
        }
        return new int[] {Math.max(precision, scale), scale};
    }

    // ---- converters ----

    /** Applies the special-value policy for one column, warning once. */
    private static final class Special {
        private final SpecialValuePolicy policy;
        private final String where;
        private final AtomicBoolean warned = new AtomicBoolean();

        Special(SpecialValuePolicy policy, String where) {
            this.policy = policy;
            this.where = where;
        }

        Object handle(String text, String targetType) {
            return handle(text, "cannot be represented as a Connect " + targetType, "cannot be represented as a "
                    + "Connect " + targetType);
        }

        /**
         * @param why      what is wrong with the value, for the log line and the error
         * @param fixFirst the error's text before the hint about the policy (names the real fix)
         */
        Object handle(String text, String why, String fixFirst) {
            if (policy == SpecialValuePolicy.NULL) {
                if (warned.compareAndSet(false, true)) {
                    LOG.warn("column {}: value '{}' {}; writing null (special-value policy 'null'; this is logged "
                            + "once per column)", where, PgTextValues.abbreviate(text), why);
                }
                return null;
            }
            throw new PgValueException("value '" + PgTextValues.abbreviate(text) + "' " + fixFirst
                    + "; set the special-value policy (special.values) to 'null' to write null instead");
        }
    }

    private static ValueConverter converterOf(Kind k, Special special) {
        switch (k.category) {
            case INT16:
                return Short::parseShort;
            case INT32:
                return Integer::parseInt;
            case INT64:
                return Long::parseLong;
            case FLOAT32:
                return Float::parseFloat;
            case FLOAT64:
                return Double::parseDouble;
            case BOOLEAN:
                return PgTextValues::parseBool;
            case DECIMAL: {
                int scale = numericPrecisionScale(k.typmod)[1];
                return text -> PgTextValues.isNumericSpecial(text)
                        ? special.handle(text, "Decimal")
                        : PgTextValues.parseNumeric(text, scale);
            }
            case MONEY:
                return PgTextValues::parseMoney;
            case BYTES:
                return PgTextValues::parseBytea;
            case DATE:
                return text -> PgTemporal.isInfinity(text)
                        ? special.handle(text, "Date")
                        : new java.util.Date(PgTemporal.parseDateEpochDay(text) * 86_400_000L);
            case TIME:
                return PgTemporal::parseTimeMicros;
            case TIMETZ:
                return PgTemporal::normalizeTimeTz;
            case TIMESTAMP:
                return text -> timestamp(text, false, special);
            case TIMESTAMPTZ:
                return text -> timestamp(text, true, special);
            case INTERVAL:
                return PgTemporal::intervalToIso;
            case TSTZRANGE:
                return PgRangeText::tstzRangeToUtc;
            case TSTZMULTIRANGE:
                return PgRangeText::tstzMultirangeToUtc;
            case ENUM: {
                List<String> labels = k.labels;
                return text -> {
                    if (!labels.isEmpty() && !labels.contains(text)) {
                        throw new PgValueException("'" + text + "' is not one of the enum's labels " + labels
                                + " (the type changed? re-register it from pg_enum)");
                    }
                    return text;
                };
            }
            case HSTORE:
                return PgHstoreParser::parse;
            case ARRAY: {
                ValueConverter element = converterOf(k.element, special);
                char delim = k.delimiter;
                int dims = k.dimensions;
                return text -> {
                    PgArrayParser.Nested parsed = PgArrayParser.parseNested(text, delim);
                    if (parsed.dimensions() != 0 && parsed.dimensions() != dims) {
                        return dimensionMismatch(text, parsed.dimensions(), dims, special);
                    }
                    return convertElements(parsed.elements(), element);
                };
            }
            default:
                // strings and named strings: the exact text
                return text -> text;
        }
    }

    /** A timestamp(tz) as int64 microseconds since 1970; infinities and the last years Postgres holds follow the policy. */
    private static Object timestamp(String text, boolean withZone, Special special) {
        if (PgTemporal.isInfinity(text)) {
            return special.handle(text, TIMESTAMP_TARGET);
        }
        try {
            return withZone ? PgTemporal.parseTimestampTzMicros(text) : PgTemporal.parseTimestampMicros(text);
        } catch (PgTemporal.OutOfRangeException e) {
            return timestampOutOfRange(text, special);
        }
    }

    private static final String TIMESTAMP_TARGET = "timestamp (int64 microseconds)";

    private static Object timestampOutOfRange(String shown, Special special) {
        return special.handle(shown, "is after 294247-01-10 04:00:54.775807 UTC, the last instant int64 "
                + "microseconds since 1970 hold", "is after 294247-01-10 04:00:54.775807 UTC, the last instant "
                + "a Connect timestamp (int64 microseconds since 1970) holds");
    }

    /** The message part of an array value whose dimensions differ from the column's schema. */
    private static Object dimensionMismatch(String shown, int actual, int declared, Special special) {
        return special.handle(shown, "has " + actual + " dimension(s) but the column's schema has " + declared,
                "has " + actual + " dimension(s) but the column is declared with " + declared + " (its schema nests "
                + declared + " ARRAY levels); declare the column's real dimensions (ALTER TABLE ... ALTER COLUMN ... "
                + "TYPE <element type>" + "[]".repeat(actual) + ", then restart the task), or exclude the column "
                + "(column.exclude.list)");
    }

    // ---- binary COPY (the snapshot) ----

    /**
     * The converter of a column's values in Postgres's binary send format (a {@code COPY ... (FORMAT binary)}
     * field): the same Connect value {@link #converter(PgColumn, boolean, TableId)} gives for the value's text,
     * special values included (same policy, same errors). Null when the type has no binary decoder here: the
     * snapshot then selects the column as its text (docs/pg-cdc-source.md lists which types). Unlike the text
     * converters, its errors do not name the column (one call less per value in the snapshot's hot loop): the
     * caller adds it with {@link #binaryError}.
     */
    public BinaryConverter binaryConverter(PgColumn column, boolean keyField, TableId table) {
        SpecialValuePolicy policy = keyField ? SpecialValuePolicy.FAIL : specialValues;
        return binaryConverterOf(kind(column), new Special(policy, where(column, table)));
    }

    /** The error of a {@link #binaryConverter} naming table, column, type and (the start of) the value. */
    public static PgValueException binaryError(PgColumn column, TableId table, byte[] b, int off, int len,
                                               RuntimeException e) {
        String where = where(column, table);
        if (e instanceof PgValueException) {
            return new PgValueException("column " + where + ": " + e.getMessage(), e);
        }
        return new PgValueException("column " + where + ": cannot convert binary value "
                + PgBinaryValues.show(b, off, len) + ": " + e, e);
    }

    private static String where(PgColumn column, TableId table) {
        return (table == null ? "" : table + ".") + column.name() + " (" + column.typeName() + ")";
    }

    /** Binary decoders: only where the send format is cheap to read and gives exactly the text path's value. */
    private static BinaryConverter binaryConverterOf(Kind k, Special special) {
        switch (k.category) {
            case INT16:
                return PgBinaryValues::int2;
            case INT32:
                return PgBinaryValues::int4;
            case INT64:
                // oid, xid, cid are unsigned 32-bit
                return k.oid == PgOid.INT8 ? PgBinaryValues::int8 : PgBinaryValues::uint4;
            case FLOAT32:
                return PgBinaryValues::float4;
            case FLOAT64:
                return PgBinaryValues::float8;
            case BOOLEAN:
                return PgBinaryValues::bool;
            case DECIMAL: {
                int scale = numericPrecisionScale(k.typmod)[1];
                return (b, off, len) -> {
                    String sp = PgBinaryValues.numericSpecial(b, off, len);
                    if (sp != null) {
                        return special.handle(sp, "Decimal");
                    }
                    try {
                        return PgBinaryValues.numericAtScale(b, off, len, scale);
                    } catch (ArithmeticException e) {
                        throw new PgValueException("numeric '" + PgBinaryValues.numeric(b, off, len).toPlainString()
                                + "' has more than " + scale + " fractional digits");
                    }
                };
            }
            case NUMERIC_TEXT:
                return k.oid == PgOid.NUMERIC ? PgBinaryValues::numericText
                        : k.oid == PgOid.XID8 ? PgBinaryValues::uint8Text : null;
            case MONEY:
                return PgBinaryValues::money;
            case BYTES:
                return PgBinaryValues::bytea;
            case UUID:
                return PgBinaryValues::uuid;
            case JSON:
                return k.oid == PgOid.JSONB ? PgBinaryValues::jsonb : PgBinaryValues::utf8;
            case XML:
                // xml_send prints like xml_out when the client encoding is UTF-8 (pgjdbc's)
                return PgBinaryValues::utf8;
            case DATE:
                return (b, off, len) -> {
                    int days = PgBinaryValues.pgDate(b, off, len);
                    String inf = PgBinaryValues.dateInfinity(days);
                    return inf != null ? special.handle(inf, "Date")
                            : new java.util.Date((days + (long) PgBinaryValues.PG_EPOCH_DAYS) * 86_400_000L);
                };
            case TIME:
                return PgBinaryValues::time;
            case TIMETZ:
                return (b, off, len) -> PgBinaryValues.timeText(PgBinaryValues.timetzMicros(b, off, len))
                        + PgTemporal.formatOffset(-PgBinaryValues.timetzZoneWest(b, off));
            case TIMESTAMP:
            case TIMESTAMPTZ:
                return (b, off, len) -> {
                    long pg = PgBinaryValues.pgTimestamp(b, off, len);
                    String inf = PgBinaryValues.timestampInfinity(pg);
                    if (inf != null) {
                        return special.handle(inf, TIMESTAMP_TARGET);
                    }
                    try {
                        return PgBinaryValues.epochMicros(pg);
                    } catch (ArithmeticException e) {
                        return timestampOutOfRange(PgBinaryValues.showTimestamp(pg), special);
                    }
                };
            case INTERVAL:
                return (b, off, len) -> {
                    long[] mdu = PgBinaryValues.interval(b, off, len);
                    return PgTemporal.formatIso(mdu[0], mdu[1], mdu[2]);
                };
            case ENUM: {
                List<String> labels = k.labels;
                return (b, off, len) -> {
                    String label = PgBinaryValues.utf8(b, off, len);
                    if (!labels.isEmpty() && !labels.contains(label)) {
                        throw new PgValueException("'" + label + "' is not one of the enum's labels " + labels
                                + " (the type changed? re-register it from pg_enum)");
                    }
                    return label;
                };
            }
            case BITS:
                return PgBinaryValues::bits;
            case ARRAY: {
                BinaryConverter element = binaryConverterOf(k.element, special);
                if (element == null) {
                    return null;
                }
                int dims = k.dimensions;
                return (b, off, len) -> BinaryArrays.decode(b, off, len, dims, element,
                        actual -> dimensionMismatch("array with " + actual + " dimension(s)", actual, dims, special));
            }
            case STRING:
                switch (k.oid) {
                    case PgOid.TEXT:
                    case PgOid.VARCHAR:
                    case PgOid.BPCHAR:
                    case PgOid.NAME:
                        return PgBinaryValues::utf8;
                    case PgOid.MACADDR:
                    case PgOid.MACADDR8:
                        return PgBinaryValues::macaddr;
                    case PgOid.PG_LSN:
                        return PgBinaryValues::pgLsn;
                    default:
                        // "char", inet/cidr, geometric types, tsvector, composites, extension types: their text
                        return null;
                }
            case HSTORE:
                return PgBinaryValues::hstore;
            default:
                // ranges, multiranges, PostGIS: their text
                return null;
        }
    }

    /** Converts the element texts of (nested) array lists, keeping NULL elements and the nesting. */
    private static List<Object> convertElements(List<Object> items, ValueConverter element) {
        List<Object> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item instanceof List<?> sub) {
                @SuppressWarnings("unchecked")
                List<Object> nested = (List<Object>) sub;
                out.add(convertElements(nested, element));
            } else {
                out.add(item == null ? null : element.convert((String) item));
            }
        }
        return out;
    }
}
