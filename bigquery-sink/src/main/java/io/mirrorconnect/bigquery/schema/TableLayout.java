package io.mirrorconnect.bigquery.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

import io.mirrorconnect.contract.SchemaConventions;

/**
 * The replicated columns of a destination table, derived from the record schemas (pure): key fields the value
 * lacks first, then the value fields in their order, each named by {@link SchemaConventions#columnName} (made a
 * valid BigQuery name by {@link BigQueryNames}) and typed by {@link BigQueryTypeMapper}. Position {@code i} is also the staging table's column {@code c<i>}.
 */
public final class TableLayout {

    /** One replicated column: destination name, the record field it comes from, that field's schema, its type. */
    public record Column(String name, String field, Schema schema, boolean key, BigQueryType type) {
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
    public static TableLayout of(Schema keySchema, Schema valueSchema, ArrayMapping arrays) {
        Map<String, Column> byField = new LinkedHashMap<>();
        List<String> keyColumns = new ArrayList<>();
        if (keySchema != null) {
            for (Field k : keySchema.fields()) {
                Field v = valueSchema == null ? null : valueSchema.field(k.name());
                String name = BigQueryNames.column(SchemaConventions.columnName(v != null ? v : k));
                keyColumns.add(name);
                if (v == null) {
                    byField.put(k.name(), new Column(name, k.name(), k.schema(), true, BigQueryTypeMapper.type(k.schema(), arrays)));
                }
            }
        }
        if (valueSchema != null) {
            for (Field f : valueSchema.fields()) {
                boolean key = keySchema != null && keySchema.field(f.name()) != null;
                byField.put(f.name(), new Column(BigQueryNames.column(SchemaConventions.columnName(f)), f.name(), f.schema(), key,
                        BigQueryTypeMapper.type(f.schema(), arrays)));
            }
        }
        return new TableLayout(new ArrayList<>(byField.values()), keyColumns);
    }

    public List<Column> columns() {
        return columns;
    }

    /** Key column names in key order (empty without a key). */
    public List<String> keyColumns() {
        return keyColumns;
    }

    /** Position of a column by destination name. */
    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + column);
    }

    /** Position of a column by record field name, or -1. */
    public int indexOfField(String field) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).field().equals(field)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The key columns BigQuery clusters on: the first four key columns, up to the first one whose type cannot
     * be clustered (clustering order matters, so later ones are not taken past a gap).
     */
    public List<String> clusteringColumns() {
        List<String> out = new ArrayList<>();
        for (String k : keyColumns) {
            if (out.size() == 4 || !columns.get(indexOf(k)).type().clusterable()) {
                break;
            }
            out.add(k);
        }
        return out;
    }

    /** The replicated columns {@code existing} (names, compared case-insensitively like BigQuery does) lacks. */
    public List<Column> missingFrom(Set<String> existing) {
        Set<String> lower = new java.util.HashSet<>();
        existing.forEach(e -> lower.add(e.toLowerCase(Locale.ROOT)));
        List<Column> out = new ArrayList<>();
        for (Column c : columns) {
            if (!lower.contains(c.name().toLowerCase(Locale.ROOT))) {
                out.add(c);
            }
        }
        return out;
    }
}
