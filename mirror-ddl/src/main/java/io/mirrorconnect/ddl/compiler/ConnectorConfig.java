package io.mirrorconnect.ddl.compiler;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One Kafka Connect connector: its name and its config, in a stable property order. */
public record ConnectorConfig(String name, Map<String, String> config) {
    public ConnectorConfig {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }
}
