package io.mirrorconnect.clickhouse.rowbinary;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.mirrorconnect.clickhouse.schema.ClickHouseType;
import io.mirrorconnect.contract.SchemaConventions;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;

/**
 * Builds the {@link ValueCodec} for a ClickHouse type and (optionally) the Connect schema of the values, which tells
 * how to read semantic values: an int64 {@code TimestampMicros} is microseconds, a Connect {@code Date} is a day.
 * Conversions are exact: a value that would overflow, lose digits or be out of the type's range is rejected.
 */
final class ValueCodecs {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final long DATE32_MIN = LocalDate.of(1900, 1, 1).toEpochDay();
    private static final long DATE32_MAX = LocalDate.of(2299, 12, 31).toEpochDay();
    private static final long DATETIME64_MIN_SECONDS = DATE32_MIN * 86400L;
    private static final long DATETIME64_MAX_SECONDS = (DATE32_MAX + 1) * 86400L - 1;
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ValueCodecs() {
    }

    static ValueCodec codec(ClickHouseType type, Schema schema) {
        String semantic = schema == null ? null : schema.name();
        switch (type.name()) {
            case "Nullable":
                return nullable(codec(type.typeArgument(0), schema));
            case "LowCardinality":
                return codec(type.typeArgument(0), schema); // RowBinary writes LowCardinality(T) as T
            case "Int8":
                return integer(1, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case "Int16":
                return integer(2, Short.MIN_VALUE, Short.MAX_VALUE);
            case "Int32":
                return integer(4, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "Int64":
                return integer(8, Long.MIN_VALUE, Long.MAX_VALUE);
            case "UInt8":
                return integer(1, 0, 255);
            case "UInt16":
                return integer(2, 0, 65535);
            case "UInt32":
                return integer(4, 0, 4294967295L);
            case "UInt64":
                return bigInteger(8, BigInteger.ZERO, UINT64_MAX);
            case "Int128":
                return bigInteger(16, BigInteger.ONE.shiftLeft(127).negate(), BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE));
            case "UInt128":
                return bigInteger(16, BigInteger.ZERO, BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE));
            case "Int256":
                return bigInteger(32, BigInteger.ONE.shiftLeft(255).negate(), BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE));
            case "UInt256":
                return bigInteger(32, BigInteger.ZERO, BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
            case "Float32":
                return float32();
            case "Float64":
                return float64();
            case "Bool":
                return bool();
            case "String":
                return string(semantic);
            case "FixedString":
                return fixedString(type.intArgument(0));
            case "Decimal":
                return decimal(type.intArgument(0), type.arguments().size() > 1 ? type.intArgument(1) : 0);
            case "Decimal32":
                return decimal(9, type.intArgument(0));
            case "Decimal64":
                return decimal(18, type.intArgument(0));
            case "Decimal128":
                return decimal(38, type.intArgument(0));
            case "Decimal256":
                return decimal(76, type.intArgument(0));
            case "Date":
                return date(false, semantic);
            case "Date32":
                return date(true, semantic);
            case "DateTime":
                return dateTime64(0, semantic, true);
            case "DateTime64":
                return dateTime64(type.intArgument(0), semantic, false);
            case "UUID":
                return uuid();
            case "Array":
                return array(codec(type.typeArgument(0), schema != null && schema.type() == Schema.Type.ARRAY
                        ? schema.valueSchema() : null));
            case "Map": {
                boolean isMap = schema != null && schema.type() == Schema.Type.MAP;
                return map(codec(type.typeArgument(0), isMap ? schema.keySchema() : null),
                        codec(type.typeArgument(1), isMap ? schema.valueSchema() : null));
            }
            default:
                throw new IllegalArgumentException("the ClickHouse type " + type + " is not supported by the RowBinary"
                        + " encoder");
        }
    }

    // ---- wrappers ----

    private static ValueCodec nullable(ValueCodec inner) {
        return new ValueCodec() {
            @Override
            void write(RowBinaryOutput out, Object value) {
                if (value == null) {
                    out.writeUInt8(1);
                } else {
                    out.writeUInt8(0);
                    inner.write(out, value);
                }
            }

            @Override
            void writeDefault(RowBinaryOutput out) {
                out.writeUInt8(1);
            }

            @Override
            boolean acceptsNull() {
                return true;
            }
        };
    }

    private static ValueCodec array(ValueCodec element) {
        return new ValueCodec() {
            @Override
            void write(RowBinaryOutput out, Object value) {
                List<?> items;
                if (value instanceof List<?> l) {
                    items = l;
                } else if (value instanceof Object[] a) {
                    items = List.of(a);
                } else {
                    throw mismatch("a List");
                }
                out.writeVarUInt(items.size());
                for (int i = 0; i < items.size(); i++) {
                    Object item = items.get(i);
                    if (item == null && !element.acceptsNull()) {
                        throw new IllegalArgumentException("element " + i + " is null but the array's elements are"
                                + " not Nullable");
                    }
                    try {
                        element.write(out, item);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("element " + i + ": " + e.getMessage(), e);
                    }
                }
            }

            @Override
            void writeDefault(RowBinaryOutput out) {
                out.writeVarUInt(0);
            }
        };
    }

    private static ValueCodec map(ValueCodec key, ValueCodec val) {
        return new ValueCodec() {
            @Override
            void write(RowBinaryOutput out, Object value) {
                if (!(value instanceof Map<?, ?> m)) {
                    throw mismatch("a Map");
                }
                out.writeVarUInt(m.size());
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (e.getKey() == null) {
                        throw new IllegalArgumentException("the map has a null key");
                    }
                    if (e.getValue() == null && !val.acceptsNull()) {
                        throw new IllegalArgumentException("map key '" + e.getKey() + "' has a null value but the"
                                + " map's values are not Nullable");
                    }
                    key.write(out, e.getKey());
                    val.write(out, e.getValue());
                }
            }

            @Override
            void writeDefault(RowBinaryOutput out) {
                out.writeVarUInt(0);
            }
        };
    }

    // ---- numbers ----

    private static ValueCodec integer(int bytes, long min, long max) {
        return new ValueCodec() {
            @Override
            void write(RowBinaryOutput out, Object value) {
                long v;
                if (isJavaInteger(value)) {
                    v = ((Number) value).longValue();
                } else {
                    BigInteger big = integral(value);
                    if (big.bitLength() > 63) {
                        throw new IllegalArgumentException("out of range [" + min + ", " + max + "]");
                    }
                    v = big.longValue();
                }
                if (v < min || v > max) {
                    throw new IllegalArgumentException("out of range [" + min + ", " + max + "]");
                }
                writeFixed(out, v, bytes);
            }

            @Override
            void writeDefault(RowBinaryOutput out) {
                out.writeZeros(bytes);
            }
        };
    }

    private static void writeFixed(RowBinaryOutput out, long v, int bytes) {
        switch (bytes) {
            case 1 -> out.writeUInt8((int) v);
            case 2 -> out.writeInt16((int) v);
            case 4 -> out.writeInt32((int) v);
            default -> out.writeInt64(v);
        }
    }

    private static ValueCodec bigInteger(int bytes, BigInteger min, BigInteger max) {
        return new ValueCodec() {
            @Override
            void write(RowBinaryOutput out, Object value) {
                if (bytes == 8 && isJavaInteger(value) && ((Number) value).longValue() >= 0) {
                    out.writeInt64(((Number) value).longValue()); // the common UInt64 case: no BigInteger
                    return;
                }
                BigInteger v = integral(value);
                if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
                    throw new IllegalArgumentException("out of range [" + min + ", " + max + "]");
                }
                if (bytes == 8) {
                    out.writeInt64(v.longValue()); // low 64 bits: UInt64 above Long.MAX_VALUE wraps as ClickHouse reads it
                } else {
                    // unsigned values at the top of the range need the extra byte of toByteArray() dropped
                    BigInteger twos = v.signum() >= 0 && v.bitLength() == bytes * 8
                            ? v.subtract(BigInteger.ONE.shiftLeft(bytes * 8)) : v;
                    out.writeBigInteger(twos, bytes);
                }
            }

            @Override
            void writeDefault(RowBinaryOutput out) {
                out.writeZeros(bytes);
            }
        };
    }

    private static boolean isJavaInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    /** An exact integer from an integral Java value (Boolean as 0/1, BigDecimal only without a fraction). */
    private static BigInteger integral(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger b) {
            return b;
        }
        if (value instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (value instanceof BigDecimal d) {
            try {
                return d.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("has a fraction");
            }
        }
        throw mismatch("an integer (Byte, Short, Integer, Long, BigInteger)");
    }

    private static ValueCodec float32() {
        return new ValueCodec() {
            @Override
            void write(RowBinaryOutput out, Object value) {
                if (value instanceof Float f) {
                    out.writeFloat32(f);
                } else if (value instanceof Double d && (Double.isNaN(d) || (double) (float) (double) d == d)) {
                    out.writeFloat32((float) (double) d);
                } else if (isSmallInteger(value, 1L << 24)) {
                    out.writeFloat32(((Number) value).floatValue());
                } else {
                    throw mismatch("a Float (or a Double / integer that Float32 holds exactly)");
                }
            }

            @Override
            void writeDefault(RowBinaryOutput out) {
                out.writeZeros(4);
            }
        };
    }

    private static ValueCodec float64() {
        return new ValueCodec() {
            @Override
            void write(RowBinaryOutput out, Object value) {
                if (value instanceof Double || value instanceof Float) {
                    out.writeFloat64(((Number) value).doubleValue());
                } else if (isSmallInteger(value, 1L << 53)) {
                    out.writeFloat64(((Number) value).doubleValue());
                } else {
                    throw mismatch("a Double or Float (or an integer that Float64 holds exactly)");
                }
            }

            @Override
            void writeDefault(RowBinaryOutput out) {
                out.writeZeros(8);
            }
        };
    }

    private static boolean isSmallInteger(Object value, long limit) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            long v = ((Number) value).longValue();
            return v >= -limit && v <= limit;
        }
        return false;
    }

    private static ValueCodec bool() {
        return new ValueCodec() {
            @Override
            void write(RowBinaryOutput out, Object value) {
                if (value instanceof Boolean b) {
                    out.writeUInt8(b ? 1 : 0);
                    return;
                }
                BigInteger v = integral(value);
                if (v.signum() < 0 || v.compareTo(BigInteger.ONE) > 0) {
                    throw new IllegalArgumentException("a Bool is true/false or 0/1");
                }
                out.writeUInt8(v.intValue());
            }

            @Override
            void writeDefault(RowBinaryOutput out) {
                out.writeUInt8(0);
            }
        };
    }

    private static ValueCodec decimal(int precision, int scale) {
        if (precision < 1 || precision > 76 || scale < 0 || scale > precision) {
            throw new IllegalArgumentException("bad Decimal(" + precision + ", " + scale + ")");
        }
        int bytes = precision <= 9 ? 4 : precision <= 18 ? 8 : precision <= 38 ? 16 : 32;
        BigInteger limit = BigInteger.TEN.pow(precision);
        return new ValueCodec() {
            @Override
            void write(RowBinaryOutput out, Object value) {
                BigDecimal d;
                if (value instanceof BigDecimal b) {
                    d = b;
                } else if (value instanceof CharSequence s) {
                    try {
                        d = new BigDecimal(s.toString().trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("is not a decimal number");
                    }
                } else {
                    d = new BigDecimal(integral(value));
                }
                BigInteger unscaled;
                try {
                    unscaled = d.setScale(scale).unscaledValue();
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("has more than " + scale + " fractional digits");
                }
                if (unscaled.abs().compareTo(limit) >= 0) {
                    throw new IllegalArgumentException("has more than " + precision + " digits");
                }
                if (bytes <= 8) {
                    writeFixed(out, unscaled.longValue(), bytes);
                } else {
                    out.writeBigInteger(unscaled, bytes);
                }
            }

            @Override
            void writeDefault(RowBinaryOutput out) {
                out.writeZeros(bytes);
            }
        };
    }

    // ---- strings ----

    private static ValueCodec string(String semantic) {
        boolean timeMicros = SchemaConventions.TIME_MICROS.equals(semantic);
        boolean timeMillis = Time.LOGICAL_NAME.equals(semantic);
        return new ValueCodec() {
            @Override
            void write(RowBinaryOutput out, Object value) {
                if (value instanceof String s) {
                    out.writeString(s);
                } else if (value instanceof CharSequence cs) {
                    out.writeString(cs.toString()); // Avro's Utf8, where a converter passes it through
                } else if (value instanceof byte[] b) {
                    out.writeString(b);
                } else if (value instanceof ByteBuffer buf) {
                    out.writeString(bytes(buf));
                } else if (value instanceof BigDecimal d) {
                    out.writeString(d.toPlainString());
                } else if (timeMicros && value instanceof Long micros) {
                    out.writeString(timeOfDay(micros));
                } else if (timeMillis && value instanceof java.util.Date t) {
                    out.writeString(timeOfDay(t.getTime() * 1000));
                } else {
                    throw mismatch("a String, byte[] or ByteBuffer");
                }
            }

            @Override
            void writeDefault(RowBinaryOutput out) {
                out.writeVarUInt(0);
            }
        };
    }

    /** {@code HH:MM:SS.ffffff}: fixed width, so text order is time order ({@code 24:00:00} included). */
    static String timeOfDay(long micros) {
        if (micros < 0 || micros > MICROS_PER_DAY) {
            throw new IllegalArgumentException("a time of day is 0 to 24:00:00 (" + MICROS_PER_DAY + " µs)");
        }
        long seconds = micros / 1_000_000;
        return String.format("%02d:%02d:%02d.%06d", seconds / 3600, (seconds / 60) % 60, seconds % 60,
                micros % 1_000_000);
    }

    private static ValueCodec fixedString(int n) {
        return new ValueCodec() {
            @Override
            void write(RowBinaryOutput out, Object value) {
                byte[] b;
                if (value instanceof CharSequence s) {
                    b = s.toString().getBytes(StandardCharsets.UTF_8);
                } else if (value instanceof byte[] a) {
                    b = a;
                } else if (value instanceof ByteBuffer buf) {
                    b = bytes(buf);
                } else {
                    throw mismatch("a String, byte[] or ByteBuffer");
                }
                if (b.length > n) {
                    throw new IllegalArgumentException("is " + b.length + " bytes, longer than FixedString(" + n + ")");
                }
                out.writeBytes(b, 0, b.length);
                out.writeZeros(n - b.length);
            }

            @Override
            void writeDefault(RowBinaryOutput out) {
                out.writeZeros(n);
            }
        };
    }

    private static byte[] bytes(ByteBuffer buf) {
        ByteBuffer copy = buf.duplicate();
        byte[] b = new byte[copy.remaining()];
        copy.get(b);
        return b;
    }

    private static ValueCodec uuid() {
        return new ValueCodec() {
            @Override
            void write(RowBinaryOutput out, Object value) {
                UUID u;
                if (value instanceof UUID x) {
                    u = x;
                } else if (value instanceof CharSequence s && CANONICAL_UUID.matcher(s).matches()) {
                    u = UUID.fromString(s.toString());
                } else {
                    throw mismatch("a java.util.UUID or a canonical UUID string");
                }
                // ClickHouse's UUID is two UInt64s: the high half, then the low half, each little-endian
                out.writeInt64(u.getMostSignificantBits());
                out.writeInt64(u.getLeastSignificantBits());
            }

            @Override
            void writeDefault(RowBinaryOutput out) {
                out.writeZeros(16);
            }
        };
    }

    // ---- dates and times ----

    private static ValueCodec date(boolean date32, String semantic) {
        long min = date32 ? DATE32_MIN : 0;
        long max = date32 ? DATE32_MAX : 65535;
        return new ValueCodec() {
            @Override
            void write(RowBinaryOutput out, Object value) {
                long days;
                if (value instanceof LocalDate d) {
                    days = d.toEpochDay();
                } else if (value instanceof java.util.Date d) {
                    long millis = d.getTime();
                    if (Math.floorMod(millis, 86_400_000L) != 0) {
                        throw new IllegalArgumentException("is not midnight UTC; a Date column holds whole days");
                    }
                    days = Math.floorDiv(millis, 86_400_000L);
                } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                    days = ((Number) value).longValue(); // days since 1970-01-01
                } else {
                    throw mismatch("a Connect Date (java.util.Date), LocalDate or days since 1970-01-01");
                }
                if (days < min || days > max) {
                    throw new IllegalArgumentException("is outside the " + (date32 ? "Date32" : "Date") + " range "
                            + LocalDate.ofEpochDay(min) + " to " + LocalDate.ofEpochDay(max));
                }
                if (date32) {
                    out.writeInt32((int) days);
                } else {
                    out.writeInt16((int) days);
                }
            }

            @Override
            void writeDefault(RowBinaryOutput out) {
                out.writeZeros(date32 ? 4 : 2);
            }
        };
    }

    /**
     * DateTime64(precision) as Int64 ticks, or DateTime (seconds, UInt32) when {@code plainDateTime}. Instants,
     * Connect Timestamps (java.util.Date), microsecond semantic longs; a plain long is already ticks.
     */
    private static ValueCodec dateTime64(int precision, String semantic, boolean plainDateTime) {
        if (precision < 0 || precision > 9) {
            throw new IllegalArgumentException("bad DateTime64 precision " + precision);
        }
        boolean micros = SchemaConventions.TIMESTAMP_MICROS.equals(semantic)
                || SchemaConventions.TIMESTAMPTZ_MICROS.equals(semantic);
        long ticksPerSecond = BigInteger.TEN.pow(precision).longValueExact();
        return new ValueCodec() {
            @Override
            void write(RowBinaryOutput out, Object value) {
                long seconds;
                long nanos;
                if (value instanceof Instant i) {
                    seconds = i.getEpochSecond();
                    nanos = i.getNano();
                } else if (value instanceof java.util.Date d) {
                    seconds = Math.floorDiv(d.getTime(), 1000L);
                    nanos = Math.floorMod(d.getTime(), 1000L) * 1_000_000L;
                } else if (micros && value instanceof Long us) {
                    seconds = Math.floorDiv(us, 1_000_000L);
                    nanos = Math.floorMod(us, 1_000_000L) * 1000L;
                } else if (value instanceof Long || value instanceof Integer) {
                    long ticks = ((Number) value).longValue();
                    seconds = Math.floorDiv(ticks, ticksPerSecond);
                    nanos = Math.floorMod(ticks, ticksPerSecond) * (1_000_000_000L / ticksPerSecond);
                } else {
                    throw mismatch("an Instant, a Connect Timestamp (java.util.Date)"
                            + (micros ? ", microseconds since the epoch (Long)" : " or ticks (Long)"));
                }
                long nanosPerTick = 1_000_000_000L / ticksPerSecond;
                if (nanos % nanosPerTick != 0) {
                    throw new IllegalArgumentException("has more than " + precision + " fractional digits of a second");
                }
                if (plainDateTime) {
                    if (seconds < 0 || seconds > 4294967295L) {
                        throw new IllegalArgumentException("is outside the DateTime range 1970-01-01 to 2106-02-07");
                    }
                    out.writeInt32((int) seconds);
                    return;
                }
                if (seconds < DATETIME64_MIN_SECONDS || seconds > DATETIME64_MAX_SECONDS) {
                    throw new IllegalArgumentException("is outside the DateTime64 range 1900-01-01 to 2299-12-31");
                }
                out.writeInt64(Math.addExact(Math.multiplyExact(seconds, ticksPerSecond), nanos / nanosPerTick));
            }

            @Override
            void writeDefault(RowBinaryOutput out) {
                out.writeZeros(plainDateTime ? 4 : 8);
            }
        };
    }

    private static IllegalArgumentException mismatch(String expected) {
        return new IllegalArgumentException("expected " + expected);
    }
}
