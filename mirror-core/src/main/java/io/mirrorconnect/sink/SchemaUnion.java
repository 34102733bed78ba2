package io.mirrorconnect.sink;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * The union of the value schemas a table has been seen with: the newest schema's fields (in its order and with
 * its definitions), then fields only older schemas had. Destinations only ever add columns, so a column that a
 * newer schema lost stays known.
 */
public final class SchemaUnion {
    private SchemaUnion() {
    }

    /** Union of {@code known} (may be null) and {@code newer}. Returns {@code newer} itself when it covers {@code known}. */
    public static Schema union(Schema known, Schema newer) {
        if (known == null || known == newer || known.equals(newer)) {
            return newer;
        }
        boolean covers = true;
        for (Field f : known.fields()) {
            if (newer.field(f.name()) == null) {
                covers = false;
                break;
            }
        }
        if (covers) {
            return newer;
        }
        Map<String, Schema> fields = new LinkedHashMap<>();
        for (Field f : newer.fields()) {
            fields.put(f.name(), f.schema());
        }
        for (Field f : known.fields()) {
            fields.putIfAbsent(f.name(), f.schema());
        }
        SchemaBuilder b = SchemaBuilder.struct().name(newer.name()).optional();
        if (!newer.isOptional()) {
            b = SchemaBuilder.struct().name(newer.name());
        }
        if (newer.parameters() != null) {
            b.parameters(newer.parameters());
        }
        fields.forEach(b::field);
        return b.build();
    }
}
