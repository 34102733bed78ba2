package io.mirrorconnect.pgcdc.task;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.storage.OffsetStorageReader;

/** An OffsetStorageReader over a map of committed offsets (what the tests' simulated worker committed). */
final class MapOffsetReader implements OffsetStorageReader {
    private final Map<Map<String, Object>, Map<String, Object>> committed;

    MapOffsetReader(Map<Map<String, Object>, Map<String, Object>> committed) {
        this.committed = committed;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Map<String, Object> offset(Map<String, T> partition) {
        return committed.get((Map<String, Object>) partition);
    }

    @Override
    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
        Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
        for (Map<String, T> p : partitions) {
            out.put(p, offset(p));
        }
        return out;
    }
}
