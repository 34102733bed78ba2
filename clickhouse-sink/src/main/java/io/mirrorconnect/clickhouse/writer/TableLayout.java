package io.mirrorconnect.clickhouse.writer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

import io.mirrorconnect.clickhouse.schema.ClickHouseTypeMapper;
import io.mirrorconnect.clickhouse.sql.ColumnSpec;
import io.mirrorconnect.clickhouse.sql.TableSpec;
import io.mirrorconnect.contract.SchemaConventions;

/**
 * The replicated columns of a destination table, derived from the record schemas (pure): the value fields in
 * their order (named by {@link SchemaConventions#columnName}), key fields that the value lacks first; key columns
 * are never Nullable (ClickHouse forbids Nullable ORDER BY columns), other columns are Nullable when the source
 * column is.
 */
public final class TableLayout {

    /**
     * One replicated column: its destination name, the record field it comes from, that field's schema (field and
     * schema are null for a destination column the records have not shown).
     */
    public record Column(String name, String field, Schema schema, boolean key) {
        public String type() {
            return ClickHouseTypeMapper.columnType(schema, !key && SchemaConventions.sourceNullable(schema));
        }

        public ColumnSpec spec() {
            return new ColumnSpec(name, type());
        }
    }

    private final List<Column> columns;
    private final List<String> keyColumns;

    private TableLayout(List<Column> columns, List<String> keyColumns) {
        this.columns = List.copyOf(columns);
        this.keyColumns = List.copyOf(keyColumns);
    }

    /**
     * @param keySchema   the key's fields (null: no key)
     * @param valueSchema every value field seen (null: only the key is known)
     */
    public static TableLayout of(Schema keySchema, Schema valueSchema) {
        Map<String, Column> byField = new LinkedHashMap<>();
        List<String> keyColumns = new ArrayList<>();
        if (keySchema != null) {
            for (Field k : keySchema.fields()) {
                Field v = valueSchema == null ? null : valueSchema.field(k.name());
                String name = SchemaConventions.columnName(v != null ? v : k);
                keyColumns.add(name);
                if (v == null) {
                    byField.put(k.name(), new Column(name, k.name(), k.schema(), true));
                }
            }
        }
        if (valueSchema != null) {
            for (Field f : valueSchema.fields()) {
                boolean key = keySchema != null && keySchema.field(f.name()) != null;
                byField.put(f.name(), new Column(SchemaConventions.columnName(f), f.name(), f.schema(), key));
            }
        }
        return new TableLayout(new ArrayList<>(byField.values()), keyColumns);
    }

    public List<Column> columns() {
        return columns;
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    /** The column named {@code name}. */
    public Column column(String name) {
        for (Column c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no column " + name + " in " + columns);
    }

    /** The table to create (the sink's own columns come from {@code sinkColumns}). */
    public TableSpec tableSpec(String database, String table, SinkColumns sinkColumns, boolean appendOnly) {
        List<ColumnSpec> specs = columns.stream().map(Column::spec).toList();
        return new TableSpec(database, table, specs, keyColumns, appendOnly ? null : sinkColumns.version(),
                sinkColumns.deleted(), !appendOnly && sinkColumns.hardDelete(), sinkColumns.syncedAt(), appendOnly);
    }

    /** The replicated columns {@code existing} (column name to type) lacks, in layout order. */
    public List<ColumnSpec> missingFrom(Map<String, String> existing) {
        List<ColumnSpec> out = new ArrayList<>();
        for (Column c : columns) {
            if (!existing.containsKey(c.name())) {
                out.add(c.spec());
            }
        }
        return out;
    }

    /**
     * The sink's own columns.
     *
     * @param version    version column name
     * @param deleted    delete-flag column name
     * @param syncedAt   synced-at column name
     * @param hardDelete the delete flag is the engine's is_deleted column
     */
    public record SinkColumns(String version, String deleted, String syncedAt, boolean hardDelete) {
    }
}
