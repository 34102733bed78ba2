package io.mirrorconnect.sink;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import io.mirrorconnect.contract.SchemaConventions;

/**
 * Finds a row's key: the value columns named by {@code unique.key.columns} when set (query replication), else
 * the record key's fields. Key values are normalized so that equal keys compare equal ({@code byte[]} becomes a
 * {@link ByteBuffer}).
 */
public final class KeyExtractor {
    private final List<String> uniqueKeyColumns;
    private final Map<Schema, Schema> keySchemaCache = Collections.synchronizedMap(new IdentityHashMap<>());

    public KeyExtractor(List<String> uniqueKeyColumns) {
        this.uniqueKeyColumns = List.copyOf(uniqueKeyColumns);
    }

    public boolean usesUniqueKeyColumns() {
        return !uniqueKeyColumns.isEmpty();
    }

    /** The key schema rows of this record are identified by, or null when the record has no key. */
    public Schema keySchema(ChangeRow row) {
        if (uniqueKeyColumns.isEmpty()) {
            return row.key() == null ? null : row.key().schema();
        }
        if (row.value() == null) {
            return null;
        }
        return keySchemaCache.computeIfAbsent(row.value().schema(), vs -> uniqueKeySchema(vs, row));
    }

    /** Normalized key values in key-field order, or null when the record has no key. */
    public List<Object> keyOf(ChangeRow row) {
        Schema ks = keySchema(row);
        if (ks == null) {
            return null;
        }
        Struct source = uniqueKeyColumns.isEmpty() ? row.key() : row.value();
        // the record key's own fields are read by position; unique key columns (another schema's) by name
        boolean own = source.schema() == ks;
        List<Field> fields = ks.fields();
        if (fields.size() == 1) {
            // the common single-column key: a list of one (equal to, and hashed as, an ArrayList of the same value)
            return Collections.singletonList(normalize(valueOf(source, fields.get(0), own)));
        }
        List<Object> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            out.add(normalize(valueOf(source, f, own)));
        }
        return out;
    }

    private static Object valueOf(Struct source, Field f, boolean ownField) {
        return ownField ? source.get(f) : source.get(f.name());
    }

    private Schema uniqueKeySchema(Schema valueSchema, ChangeRow row) {
        SchemaBuilder b = SchemaBuilder.struct().name("UniqueKey");
        for (String column : uniqueKeyColumns) {
            Field match = null;
            for (Field f : valueSchema.fields()) {
                if (SchemaConventions.columnName(f).equals(column) || f.name().equals(column)) {
                    match = f;
                    break;
                }
            }
            if (match == null) {
                List<String> names = valueSchema.fields().stream().map(SchemaConventions::columnName).toList();
                throw new DataException("unique.key.columns names '" + column + "', but record " + row.where()
                        + " has no such column (columns: " + names + ")");
            }
            b.field(match.name(), match.schema());
        }
        return b.build();
    }

    static Object normalize(Object v) {
        return v instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : v;
    }
}
