package io.mirrorconnect.sink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * A writer's columns resolved to the fields of a value schema, once per schema: a batch's rows usually share one
 * schema instance, so a writer reads each row's values by position ({@link Struct#get(Field)}) instead of looking
 * every column's name up in the schema for every row. For rows whose {@link CollapsedRow#struct()} is not null.
 * Pure; not thread-safe (one per batch write).
 */
public final class FieldPlan {
    private final List<String> names;
    private Schema schema;
    private Field[] fields;

    /**
     * @param names the value-field name of each column, in column order (null: the column has no field)
     */
    public FieldPlan(List<String> names) {
        this.names = Collections.unmodifiableList(new ArrayList<>(names));
    }

    /**
     * For each column, the field of {@code schema} with its name, or null where the schema has none (the column then
     * gets no value from the row). Computed again only when the schema is another instance than the last one.
     */
    public Field[] fieldsOf(Schema schema) {
        if (schema != this.schema) {
            Field[] out = new Field[names.size()];
            for (int i = 0; i < out.length; i++) {
                String name = names.get(i);
                out[i] = name == null ? null : schema.field(name);
            }
            this.schema = schema;
            this.fields = out;
        }
        return fields;
    }
}
