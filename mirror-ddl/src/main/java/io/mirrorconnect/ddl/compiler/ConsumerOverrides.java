package io.mirrorconnect.ddl.compiler;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code consumer.override.*} properties written into sink connectors: Connect's per-connector consumer
 * settings (allowed by the worker's {@code connector.client.config.override.policy}, {@code All} by default). The
 * defaults were chosen with scripts/bench-e2e.sh (docs/compiled-configs.md, "Consumer overrides";
 * docs/performance.md). Keys are consumer property names without the prefix, in a fixed order.
 */
public record ConsumerOverrides(Map<String, String> values) {
    public static final String PREFIX = "consumer.override.";

    public ConsumerOverrides {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().isBlank() || e.getKey().startsWith(PREFIX) || e.getValue() == null) {
                throw new IllegalArgumentException("bad consumer override " + e.getKey() + "=" + e.getValue());
            }
        }
    }

    /**
     * The defaults: no topic auto-creation by the sink's consumer (Kafka's poll size, {@code max.poll.records=500},
     * measured best with the sink's write in flight: docs/compiled-configs.md). A sink subscribed
     * before its source produced (created first, or restarted) would otherwise make a broker with
     * {@code auto.create.topics.enable=true} (Kafka's default) create the topic with {@code num.partitions}, and the
     * source's {@code topic.creation.*} (the mirror's {@code topic_partitions}) would find it already there.
     */
    public static ConsumerOverrides defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("allow.auto.create.topics", "false");
        return new ConsumerOverrides(m);
    }

    /** No overrides: the worker's consumer settings apply. */
    public static ConsumerOverrides none() {
        return new ConsumerOverrides(Map.of());
    }

    /** These overrides with {@code key} set to {@code value} (replacing a default, or added after them). */
    public ConsumerOverrides with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.put(key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key, value);
        return new ConsumerOverrides(m);
    }

    void writeTo(PropertyWriter out) {
        values.forEach((k, v) -> out.put(PREFIX + k, v));
    }
}
