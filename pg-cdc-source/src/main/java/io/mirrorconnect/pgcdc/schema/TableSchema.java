package io.mirrorconnect.pgcdc.schema;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.binary.BinaryConverter;
import io.mirrorconnect.pgcdc.binary.PgBinaryValues;
import io.mirrorconnect.pgcdc.types.PgColumn;
import io.mirrorconnect.pgcdc.types.PgTextValues;
import io.mirrorconnect.pgcdc.types.PgTypeMapper;
import io.mirrorconnect.pgcdc.types.PgValueException;
import io.mirrorconnect.pgcdc.types.ValueConverter;

/**
 * One source table's Connect schemas (key and value, docs/record-contract.md) and the fast conversion of a row's
 * text values (pgoutput tuple texts or COPY fields) into their Structs. Built by {@link TableSchemaBuilder};
 * immutable and thread-safe.
 *
 * <p>"Texts indexed like the relation" means one entry per column of {@link #columns()} (the table's published
 * columns in attribute order, excluded ones included, exactly like a pgoutput TupleData), null for SQL NULL.
 */
public final class TableSchema {
    private final TableId table;
    private final String topic;
    private final List<PgColumn> columns;
    private final Schema keySchema;
    private final Schema valueSchema;
    /** Per relation column: its value field, null when excluded. */
    private final Field[] valueFields;
    /** Per relation column: its converter, null when excluded. */
    private final ValueConverter[] converters;
    /** Per relation column: its binary-format converter, null when excluded or read as text in a binary COPY. */
    private final BinaryConverter[] binaryConverters;
    /** Relation column indexes of the value fields, in field order. */
    private final int[] includedIndexes;
    /** Relation column indexes of the key fields, in key order (empty without a key). */
    private final int[] keyIndexes;
    private final Field[] keyFields;

    TableSchema(TableId table, String topic, List<PgColumn> columns, Schema keySchema, Schema valueSchema,
                Field[] valueFields, ValueConverter[] converters, BinaryConverter[] binaryConverters,
                int[] includedIndexes, int[] keyIndexes) {
        this.table = table;
        this.topic = topic;
        this.columns = List.copyOf(columns);
        this.keySchema = keySchema;
        this.valueSchema = valueSchema;
        this.valueFields = valueFields;
        this.converters = converters;
        this.binaryConverters = binaryConverters;
        this.includedIndexes = includedIndexes;
        this.keyIndexes = keyIndexes;
        this.keyFields = keySchema == null ? new Field[0] : keySchema.fields().toArray(new Field[0]);
    }

    public TableId table() {
        return table;
    }

    public String topic() {
        return topic;
    }

    /** All published columns in attribute order (excluded ones included): the index space of the texts. */
    public List<PgColumn> columns() {
        return columns;
    }

    /** The key schema; null for tables without a key (their records have a null key). */
    public Schema keySchema() {
        return keySchema;
    }

    public boolean hasKey() {
        return keySchema != null;
    }

    public Schema valueSchema() {
        return valueSchema;
    }

    /** Names of the replicated (not excluded) columns in value-field order: what a snapshot COPY selects. */
    public List<String> includedColumnNames() {
        String[] out = new String[includedIndexes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = columns.get(includedIndexes[i]).name();
        }
        return List.of(out);
    }

    /**
     * Names of the included columns a binary snapshot COPY selects as text (their types have no binary decoder):
     * their fields arrive as text bytes and go through the text converters.
     */
    public java.util.Set<String> textInBinaryCopy() {
        java.util.Set<String> out = new LinkedHashSet<>();
        for (int idx : includedIndexes) {
            if (binaryConverters[idx] == null) {
                out.add(columns.get(idx).name());
            }
        }
        return out;
    }

    /**
     * The value Struct of one tuple of a binary COPY of the included columns in {@link #includedColumnNames()}
     * order (the columns of {@link #textInBinaryCopy()} selected as text): int16 field count, then per field
     * int32 length (-1 for NULL) and the bytes. Values are read straight from {@code tuple}.
     */
    public Struct valueStructOfBinaryTuple(byte[] tuple, int offset, int length) {
        int end = offset + length;
        if (length < 2) {
            throw new DataException("table " + table + ": binary COPY tuple of " + length + " bytes");
        }
        int n = PgBinaryValues.int16(tuple, offset);
        if (n != includedIndexes.length) {
            throw new DataException("table " + table + ": binary COPY tuple has " + n + " fields but the table has "
                    + includedIndexes.length + " included columns (schema out of date?)");
        }
        int p = offset + 2;
        Struct s = new Struct(valueSchema);
        Object[] direct = StructValues.of(s);
        for (int i = 0; i < includedIndexes.length; i++) {
            int idx = includedIndexes[i];
            if (p + 4 > end) {
                throw truncatedTuple(idx);
            }
            int len = PgBinaryValues.int32(tuple, p);
            p += 4;
            if (len < 0) {
                continue; // NULL: the field stays null
            }
            if (p + len > end) {
                throw truncatedTuple(idx);
            }
            BinaryConverter bc = binaryConverters[idx];
            Object v;
            if (bc == null) {
                v = convert(idx, new String(tuple, p, len, java.nio.charset.StandardCharsets.UTF_8));
            } else {
                try {
                    v = bc.convert(tuple, p, len);
                } catch (RuntimeException e) {
                    throw PgTypeMapper.binaryError(columns.get(idx), table, tuple, p, len, e);
                }
            }
            StructValues.set(s, direct, valueFields[idx], v);
            p += len;
        }
        if (p != end) {
            throw new DataException("table " + table + ": binary COPY tuple has " + (end - p) + " bytes after its "
                    + "last field");
        }
        return s;
    }

    private DataException truncatedTuple(int idx) {
        return new DataException("table " + table + ": binary COPY tuple ends inside column "
                + columns.get(idx).name());
    }

    /** The key columns' names, in key order (empty without a key). */
    public List<String> keyColumnNames() {
        String[] out = new String[keyIndexes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = columns.get(keyIndexes[i]).name();
        }
        return List.of(out);
    }

    /** The value Struct of a row whose texts are indexed like the relation (excluded columns skipped). */
    public Struct valueStruct(String[] texts) {
        checkLength(texts, columns.size(), "relation columns");
        Struct s = new Struct(valueSchema);
        Object[] direct = StructValues.of(s);
        for (int idx : includedIndexes) {
            Object v = convert(idx, texts[idx]);
            StructValues.set(s, direct, valueFields[idx], v);
        }
        return s;
    }

    /**
     * The value Struct of a row whose texts hold only the included columns, in {@link #includedColumnNames()}
     * order (a snapshot COPY of exactly those columns).
     */
    public Struct valueStructOfIncluded(String[] texts) {
        checkLength(texts, includedIndexes.length, "included columns");
        Struct s = new Struct(valueSchema);
        Object[] direct = StructValues.of(s);
        for (int i = 0; i < includedIndexes.length; i++) {
            int idx = includedIndexes[i];
            Object v = convert(idx, texts[i]);
            StructValues.set(s, direct, valueFields[idx], v);
        }
        return s;
    }

    /**
     * The key Struct from texts indexed like the relation (a new tuple, or a Delete/Update old tuple of kind
     * 'K' or 'O'); null when the table has no key.
     *
     * @throws DataException naming the table and column when a key value is null
     */
    public Struct keyStruct(String[] texts) {
        if (keySchema == null) {
            return null;
        }
        checkLength(texts, columns.size(), "relation columns");
        Struct k = new Struct(keySchema);
        Object[] direct = StructValues.of(k);
        for (int i = 0; i < keyIndexes.length; i++) {
            int idx = keyIndexes[i];
            Object v = convert(idx, texts[idx]);
            if (v == null) {
                throw new DataException("table " + table + ": key column " + columns.get(idx).name()
                        + " has no value (NULL or unchanged TOAST); a key needs every key column");
            }
            StructValues.set(k, direct, keyFields[i], v);
        }
        return k;
    }

    /** The key Struct taken from an already converted value Struct; null when the table has no key. */
    public Struct keyStructFromValue(Struct value) {
        if (keySchema == null) {
            return null;
        }
        Struct k = new Struct(keySchema);
        Object[] direct = StructValues.of(k);
        for (int i = 0; i < keyIndexes.length; i++) {
            Object v = value.get(valueFields[keyIndexes[i]]);
            if (v == null) {
                throw new DataException("table " + table + ": key column " + columns.get(keyIndexes[i]).name()
                        + " has no value (NULL or unchanged TOAST); a key needs every key column");
            }
            // the value Struct holds it under the same field schema (key fields are the required variant)
            StructValues.set(k, direct, keyFields[i], v);
        }
        return k;
    }

    /** Same as {@link #keyStructFromValue}, from texts indexed like the relation. */
    public Struct keyStructFromValueTexts(String[] texts) {
        return keyStruct(texts);
    }

    /**
     * The value field names of the given relation column indexes (for the {@code mirror.toast.unchanged} header:
     * pass the indexes whose TupleValue kind was 'u'); excluded columns are skipped. The fields themselves are
     * null in {@link #valueStruct} because their texts are null.
     */
    /** The value fields that are not key fields: what a delete knowing only the old key did not send. */
    public Set<String> nonKeyFieldNames() {
        Set<String> key = new java.util.HashSet<>();
        for (int idx : keyIndexes) {
            if (valueFields[idx] != null) {
                key.add(valueFields[idx].name());
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (Field f : valueFields) {
            if (f != null && !key.contains(f.name())) {
                out.add(f.name());
            }
        }
        return out;
    }

    public Set<String> fieldNames(int[] columnIndexes) {
        if (columnIndexes.length == 0) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int idx : columnIndexes) {
            if (idx < 0 || idx >= columns.size()) {
                throw new DataException("table " + table + ": column index " + idx + " out of range (0.."
                        + (columns.size() - 1) + ")");
            }
            if (valueFields[idx] != null) {
                out.add(valueFields[idx].name());
            }
        }
        return out;
    }

    /** The value field of a relation column, null when the column is excluded. */
    public Field valueField(int columnIndex) {
        return valueFields[columnIndex];
    }

    private Object convert(int idx, String text) {
        if (text == null) {
            return null;
        }
        try {
            return converters[idx].convert(text);
        } catch (PgValueException e) {
            throw e; // the converter's message already names table, column and value
        } catch (RuntimeException e) {
            throw new PgValueException("table " + table + ", column " + columns.get(idx).name() + ": cannot convert '"
                    + PgTextValues.abbreviate(text) + "': " + e, e);
        }
    }

    private void checkLength(String[] texts, int expected, String what) {
        if (texts.length != expected) {
            throw new DataException("table " + table + ": row has " + texts.length + " values but the table has "
                    + expected + " " + what + " (schema out of date?)");
        }
    }

    @Override
    public String toString() {
        return "TableSchema[" + table + " -> " + topic + ", " + includedIndexes.length + " fields, key "
                + keyColumnNames() + "]";
    }
}
