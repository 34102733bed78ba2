package io.mirrorconnect.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The value array of a new {@link Struct}, for {@link JsonPayloadReader} to fill without {@link Struct#put}. Each
 * put validates its value against the field's schema and first builds a message string naming the field: for a
 * record of many fields that was more than a tenth of a sink task thread's CPU in the end-to-end bench (stop 18,
 * docs/performance.md). The reader's values are valid by construction (each is made by its field's schema type,
 * a null only where the schema is optional or gives the default), and {@code JsonPayloadReaderTest} validates every
 * struct it reads ({@link Struct#validate()}). Where this Kafka's Struct is not built the way this class expects,
 * {@link #of} returns null and the reader puts each value.
 */
final class StructSlots {
    private static final Logger log = LoggerFactory.getLogger(StructSlots.class);
    /** Struct.values (private final Object[]), or null when not reachable. */
    private static final VarHandle VALUES;

    static {
        VarHandle values = null;
        try {
            values = MethodHandles.privateLookupIn(Struct.class, MethodHandles.lookup())
                    .findVarHandle(Struct.class, "values", Object[].class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.info("JSON payloads are read with Struct.put (its value array is not reachable in this Kafka: {})",
                    e.toString());
        }
        VALUES = values;
    }

    private StructSlots() {
    }

    /** The struct's values by field index, or null (then use {@link Struct#put}). */
    static Object[] of(Struct struct) {
        return VALUES == null ? null : (Object[]) VALUES.get(struct);
    }
}
