package io.mirrorconnect.ddl.compiler;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code producer.override.*} properties written into source connectors: Connect's per-connector producer
 * settings (allowed by the worker's {@code connector.client.config.override.policy}, {@code All} by default).
 * By default the three that tripled the snapshot's throughput into Kafka (docs/compiled-configs.md, issue 12's
 * measurement): {@code linger.ms=20}, {@code batch.size=1048576}, {@code compression.type=lz4}. Keys are producer
 * property names without the prefix, in a fixed order.
 */
public record ProducerOverrides(Map<String, String> values) {
    public static final String PREFIX = "producer.override.";

    public ProducerOverrides {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().isBlank() || e.getKey().startsWith(PREFIX) || e.getValue() == null) {
                throw new IllegalArgumentException("bad producer override " + e.getKey() + "=" + e.getValue());
            }
        }
    }

    /** The measured defaults. */
    public static ProducerOverrides defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("linger.ms", "20");
        m.put("batch.size", "1048576");
        m.put("compression.type", "lz4");
        return new ProducerOverrides(m);
    }

    /** No overrides: the worker's producer settings apply. */
    public static ProducerOverrides none() {
        return new ProducerOverrides(Map.of());
    }

    /** These overrides with {@code key} set to {@code value} (replacing a default, or added after them). */
    public ProducerOverrides with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.put(key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key, value);
        return new ProducerOverrides(m);
    }

    void writeTo(PropertyWriter out) {
        values.forEach((k, v) -> out.put(PREFIX + k, v));
    }
}
