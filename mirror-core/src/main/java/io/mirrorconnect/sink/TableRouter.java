package io.mirrorconnect.sink;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.kafka.connect.errors.DataException;

import io.mirrorconnect.contract.TableId;

/** Maps each topic to its destination table ({@code table.mapping}). */
public final class TableRouter {
    private final Map<String, TableId> mapping;

    public TableRouter(Map<String, TableId> mapping) {
        this.mapping = Map.copyOf(mapping);
    }

    /** The destination table of {@code topic}; a topic without a mapping is a record error. */
    public TableId route(String topic) {
        TableId t = mapping.get(topic);
        if (t == null) {
            throw new DataException("topic '" + topic + "' has no destination in table.mapping (mapped topics: "
                    + new TreeSet<>(mapping.keySet()) + ")");
        }
        return t;
    }

    /** Topics among {@code topics} that have no mapping (for validating the {@code topics} property). */
    public List<String> unmapped(Collection<String> topics) {
        return topics.stream().filter(t -> !mapping.containsKey(t)).sorted().toList();
    }

    /**
     * Parses {@code topic:destination[,topic:destination...]}. Topic names cannot contain ':' (Kafka allows only
     * {@code [A-Za-z0-9._-]}), so each pair splits at its first ':'; destinations are {@link TableId} text.
     */
    public static Map<String, TableId> parseMapping(String text) {
        Map<String, TableId> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        for (String item : TableId.splitTopLevel(text, ',')) {
            String pair = item.trim();
            if (pair.isEmpty()) {
                continue;
            }
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new IllegalArgumentException("'" + pair + "' is not a topic:destination pair");
            }
            String topic = pair.substring(0, colon).trim();
            if (!topic.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("'" + topic + "' in '" + pair + "' is not a valid topic name");
            }
            TableId dest;
            try {
                dest = TableId.parse(pair.substring(colon + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("destination of topic '" + topic + "': " + e.getMessage(), e);
            }
            TableId previous = out.put(topic, dest);
            if (previous != null && !previous.equals(dest)) {
                throw new IllegalArgumentException("topic '" + topic + "' is mapped twice: to " + previous + " and to " + dest);
            }
        }
        return out;
    }
}
