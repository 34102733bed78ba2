package io.mirrorconnect.json;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.connect.data.Schema;

/**
 * Connect schemas by the exact bytes of their JSON text, least recently used dropped beyond a bound (the
 * converter's {@code schemas.cache.size}). A lookup compares bytes (vectorized by the JVM) and, while records keep
 * the schema of the previous one, does not even hash them: that is the common case of a topic's records.
 */
final class SchemaBytesCache {
    private final int capacity;
    private final LinkedHashMap<Key, Schema> entries;
    private volatile Entry last;

    SchemaBytesCache(int capacity) {
        this.capacity = Math.max(1, capacity);
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Schema> eldest) {
                return size() > SchemaBytesCache.this.capacity;
            }
        };
    }

    /** The schema for {@code bytes[from, to)}; on a miss, {@code parse} builds it and it is kept. */
    Schema get(byte[] bytes, int from, int to, Supplier<Schema> parse) {
        Entry hit = last;
        if (hit != null && Arrays.equals(hit.bytes, 0, hit.bytes.length, bytes, from, to)) {
            return hit.schema;
        }
        Key probe = new Key(bytes, from, to);
        Schema schema;
        synchronized (entries) {
            schema = entries.get(probe);
        }
        if (schema == null) {
            schema = parse.get();
            if (schema == null) {
                return null;
            }
            Key owned = probe.copy();
            synchronized (entries) {
                entries.put(owned, schema);
            }
            last = new Entry(owned.bytes, schema);
        } else {
            last = new Entry(probe.copyBytes(), schema);
        }
        return schema;
    }

    /** The schema last looked up and its bytes (read together), or null. */
    Entry last() {
        return last;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    record Entry(byte[] bytes, Schema schema) {
    }

    /** A byte range as a map key; stored keys own a copy of their bytes. */
    private static final class Key {
        private final byte[] bytes;
        private final int from;
        private final int to;
        private final int hash;

        Key(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.from = from;
            this.to = to;
            int h = 1;
            for (int i = from; i < to; i++) {
                h = 31 * h + bytes[i];
            }
            this.hash = h;
        }

        Key copy() {
            return new Key(Arrays.copyOfRange(bytes, from, to), 0, to - from);
        }

        byte[] copyBytes() {
            return Arrays.copyOfRange(bytes, from, to);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, from, to, k.bytes, k.from, k.to);
        }
    }
}
