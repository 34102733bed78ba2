package io.mirrorconnect.sink;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * The values of one record's struct by field name, in field order, without the fields in {@code skip} (not sent:
 * unchanged TOAST): an unmodifiable view, so that a row that collapsing does not merge with another is written
 * from its struct as received, without copying its values into a map. A field whose value is null is present
 * (a real NULL), as in the map {@link BatchCollapser} builds for merged rows; values are read as
 * {@link Struct#get(Field)} reads them.
 */
final class StructValues extends AbstractMap<String, Object> {
    private final Struct struct;
    private final Set<String> skip;
    private Set<Map.Entry<String, Object>> entries;

    /**
     * @param skip names of fields of the struct to leave out (every one must be a field of the struct)
     */
    StructValues(Struct struct, Set<String> skip) {
        this.struct = struct;
        this.skip = skip;
    }

    /** The struct when no field is left out (this view is then exactly its fields), else null. */
    Struct whole() {
        return skip.isEmpty() ? struct : null;
    }

    private Field field(Object name) {
        if (!(name instanceof String n)) {
            return null;
        }
        Field f = struct.schema().field(n);
        return f == null || (!skip.isEmpty() && skip.contains(n)) ? null : f;
    }

    @Override
    public Object get(Object name) {
        Field f = field(name);
        return f == null ? null : struct.get(f);
    }

    @Override
    public boolean containsKey(Object name) {
        return field(name) != null;
    }

    @Override
    public int size() {
        return struct.schema().fields().size() - skip.size();
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        if (entries == null) {
            entries = new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, Object>> iterator() {
                    return new Entries();
                }

                @Override
                public int size() {
                    return StructValues.this.size();
                }
            };
        }
        return entries;
    }

    private final class Entries implements Iterator<Map.Entry<String, Object>> {
        private final List<Field> fields = struct.schema().fields();
        private int next = advance(0);

        private int advance(int from) {
            int i = from;
            while (i < fields.size() && !skip.isEmpty() && skip.contains(fields.get(i).name())) {
                i++;
            }
            return i;
        }

        @Override
        public boolean hasNext() {
            return next < fields.size();
        }

        @Override
        public Map.Entry<String, Object> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Field f = fields.get(next);
            next = advance(next + 1);
            return new AbstractMap.SimpleImmutableEntry<>(f.name(), struct.get(f));
        }
    }
}
