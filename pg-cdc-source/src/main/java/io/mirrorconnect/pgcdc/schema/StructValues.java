package io.mirrorconnect.pgcdc.schema;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.LoggerFactory;

/**
 * Direct access to a {@link Struct}'s value array, for the per-row hot paths (snapshot and streaming). {@link Struct#put} validates every
 * value against its field schema (a class lookup per value, element by element for arrays): about a third of the
 * binary decoding time per row. The values the type mapper's converters build have the classes their field
 * schemas expect by construction ({@code BinaryCopyFidelityIT} and {@code PgValueFidelityIT} validate the Structs),
 * so the snapshot and the stream store them directly. Falls back to {@link Struct#put} when the array cannot be reached (a Kafka
 * version without the field).
 */
final class StructValues {
    private static final VarHandle VALUES = find();

    private StructValues() {
    }

    private static VarHandle find() {
        try {
            return MethodHandles.privateLookupIn(Struct.class, MethodHandles.lookup())
                    .findVarHandle(Struct.class, "values", Object[].class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LoggerFactory.getLogger(StructValues.class).warn("Kafka's Struct value array is not reachable ({}); the "
                    + "snapshot fills Structs with Struct.put, which is slower", e.toString());
            return null;
        }
    }

    /** The Struct's value array (indexed by {@code Field.index()}), or null when not reachable. */
    static Object[] of(Struct s) {
        return VALUES == null ? null : (Object[]) VALUES.get(s);
    }

    /**
     * Sets {@code field} of {@code s} to {@code v}: straight into {@code values} (the Struct's array from
     * {@link #of}; converters build the field's class), or through {@code Struct.put} when it is null.
     */
    static void set(Struct s, Object[] values, Field field, Object v) {
        if (values != null) {
            values[field.index()] = v;
        } else {
            s.put(field, v);
        }
    }
}
