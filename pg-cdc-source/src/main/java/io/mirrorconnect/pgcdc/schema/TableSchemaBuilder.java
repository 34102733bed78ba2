package io.mirrorconnect.pgcdc.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;

import io.mirrorconnect.contract.SchemaConventions;
import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.binary.BinaryConverter;
import io.mirrorconnect.pgcdc.types.PgColumn;
import io.mirrorconnect.pgcdc.types.PgTypeMapper;
import io.mirrorconnect.pgcdc.types.ValueConverter;

/**
 * Builds a {@link TableSchema}: key and value schemas named {@code <topic>.Key} / {@code <topic>.Value}
 * (SchemaConventions), one field per column in attribute order. Field names are the column names made
 * Avro-valid; when two columns would get the same field name, later ones get {@code _2}, {@code _3}, ...;
 * every field whose name differs from its column carries {@code mirror.source.column}.
 */
public final class TableSchemaBuilder {
    private final TableId table;
    private final String topic;
    private List<PgColumn> columns = List.of();
    private List<String> keyColumns = List.of();
    private Set<String> excluded = Set.of();
    private PgTypeMapper mapper;

    private TableSchemaBuilder(TableId table, String topic) {
        this.table = Objects.requireNonNull(table, "table");
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    public static TableSchemaBuilder forTable(TableId table, String topic) {
        return new TableSchemaBuilder(table, topic);
    }

    /** One-call form. */
    public static TableSchema build(TableId table, String topic, List<PgColumn> columns, List<String> keyColumns,
                                    Collection<String> excludedColumns, PgTypeMapper mapper) {
        return forTable(table, topic).columns(columns).keyColumns(keyColumns).excludedColumns(excludedColumns)
                .mapper(mapper).build();
    }

    /** The published columns in attribute order (the index space of pgoutput tuples). */
    public TableSchemaBuilder columns(List<PgColumn> columns) {
        this.columns = List.copyOf(columns);
        return this;
    }

    /** Key column names in key order; empty for a table without a key. */
    public TableSchemaBuilder keyColumns(List<String> keyColumns) {
        this.keyColumns = keyColumns == null ? List.of() : List.copyOf(keyColumns);
        return this;
    }

    /** Column names left out of the value (never key columns). */
    public TableSchemaBuilder excludedColumns(Collection<String> excluded) {
        this.excluded = excluded == null ? Set.of() : Set.copyOf(excluded);
        return this;
    }

    public TableSchemaBuilder mapper(PgTypeMapper mapper) {
        this.mapper = mapper;
        return this;
    }

    /**
     * @throws DataException naming the table and column when a key or excluded column does not exist, a key
     *                       column is excluded, a column name repeats, or no column is left to replicate
     */
    public TableSchema build() {
        Objects.requireNonNull(mapper, "mapper");
        int n = columns.size();
        Map<String, Integer> indexByName = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (indexByName.put(columns.get(i).name(), i) != null) {
                throw new DataException("table " + table + ": column " + columns.get(i).name() + " appears twice");
            }
        }
        for (String x : excluded) {
            if (!indexByName.containsKey(x)) {
                throw new DataException("table " + table + ": excluded column " + x + " does not exist (columns: "
                        + names() + ")");
            }
        }
        int[] keyIndexes = new int[keyColumns.size()];
        Set<Integer> keySet = new HashSet<>();
        for (int i = 0; i < keyIndexes.length; i++) {
            String k = keyColumns.get(i);
            Integer idx = indexByName.get(k);
            if (idx == null) {
                throw new DataException("table " + table + ": key column " + k + " does not exist (columns: "
                        + names() + ")");
            }
            if (excluded.contains(k)) {
                throw new DataException("table " + table + ": key column " + k + " cannot be excluded");
            }
            if (!keySet.add(idx)) {
                throw new DataException("table " + table + ": key column " + k + " appears twice in the key");
            }
            keyIndexes[i] = idx;
        }

        // field names: Avro-valid, unique
        String[] fieldNames = new String[n];
        Set<String> used = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (excluded.contains(columns.get(i).name())) {
                continue;
            }
            String base = SchemaConventions.avroName(columns.get(i).name());
            String name = base;
            for (int suffix = 2; !used.add(name); suffix++) {
                name = base + "_" + suffix;
            }
            fieldNames[i] = name;
        }

        SchemaBuilder value = SchemaBuilder.struct().name(SchemaConventions.valueSchemaName(topic)).optional();
        List<Integer> included = new ArrayList<>();
        ValueConverter[] converters = new ValueConverter[n];
        BinaryConverter[] binaryConverters = new BinaryConverter[n];
        for (int i = 0; i < n; i++) {
            if (fieldNames[i] == null) {
                continue;
            }
            PgColumn c = columns.get(i);
            boolean key = keySet.contains(i);
            value.field(fieldNames[i], mapper.fieldSchema(c, false, fieldNames[i]));
            converters[i] = mapper.converter(c, key, table);
            binaryConverters[i] = mapper.binaryConverter(c, key, table);
            included.add(i);
        }
        if (included.isEmpty()) {
            throw new DataException("table " + table + ": no column left to replicate (columns: " + names()
                    + ", excluded: " + excluded + ")");
        }
        Schema valueSchema = value.build();
        Field[] valueFields = new Field[n];
        for (int i : included) {
            valueFields[i] = valueSchema.field(fieldNames[i]);
        }

        Schema keySchema = null;
        if (keyIndexes.length > 0) {
            SchemaBuilder key = SchemaBuilder.struct().name(SchemaConventions.keySchemaName(topic));
            for (int idx : keyIndexes) {
                key.field(fieldNames[idx], mapper.fieldSchema(columns.get(idx), true, fieldNames[idx]));
            }
            keySchema = key.build();
        }
        return new TableSchema(table, topic, columns, keySchema, valueSchema, valueFields, converters,
                binaryConverters, included.stream().mapToInt(Integer::intValue).toArray(), keyIndexes);
    }

    private List<String> names() {
        return columns.stream().map(PgColumn::name).toList();
    }
}
