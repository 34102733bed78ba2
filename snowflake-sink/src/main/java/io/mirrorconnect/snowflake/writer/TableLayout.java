package io.mirrorconnect.snowflake.writer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

import io.mirrorconnect.contract.SchemaConventions;
import io.mirrorconnect.snowflake.schema.SnowflakeTypeMapper;
import io.mirrorconnect.snowflake.sql.ColumnSpec;

/**
 * The replicated columns of a destination table, derived from the record schemas (pure): key fields the value
 * lacks first, then the value fields in their order, each named by {@link SchemaConventions#columnName}.
 */
public final class TableLayout {

    /** One replicated column: destination name, the record field it comes from, the field's schema. */
    public record Column(String name, String field, Schema schema, boolean key) {
        public ColumnSpec spec() {
            return new ColumnSpec(name, SnowflakeTypeMapper.type(schema), key);
        }
    }

    private final List<Column> columns;

    private TableLayout(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /**
     * @param keySchema   the key's fields (null: no key)
     * @param valueSchema every value field seen (null: only the key is known)
     */
    public static TableLayout of(Schema keySchema, Schema valueSchema) {
        Map<String, Column> byField = new LinkedHashMap<>();
        if (keySchema != null) {
            for (Field k : keySchema.fields()) {
                Field v = valueSchema == null ? null : valueSchema.field(k.name());
                if (v == null) {
                    byField.put(k.name(), new Column(SchemaConventions.columnName(k), k.name(), k.schema(), true));
                }
            }
        }
        if (valueSchema != null) {
            for (Field f : valueSchema.fields()) {
                boolean key = keySchema != null && keySchema.field(f.name()) != null;
                byField.put(f.name(), new Column(SchemaConventions.columnName(f), f.name(), f.schema(), key));
            }
        }
        return new TableLayout(new ArrayList<>(byField.values()));
    }

    public List<Column> columns() {
        return columns;
    }

    public List<ColumnSpec> specs() {
        return columns.stream().map(Column::spec).toList();
    }

    /** The column names of fields in key order. */
    public List<String> keyColumns() {
        return columns.stream().filter(Column::key).map(Column::name).toList();
    }

    /** The replicated columns {@code existing} (destination column names) lacks, in layout order. */
    public List<ColumnSpec> missingFrom(java.util.Set<String> existing) {
        List<ColumnSpec> out = new ArrayList<>();
        for (Column c : columns) {
            if (!existing.contains(c.name())) {
                out.add(c.spec());
            }
        }
        return out;
    }
}
