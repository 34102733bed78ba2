package io.mirrorconnect.it.ddl;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.provider.ConfigProvider;

/**
 * Stands in for a production worker's {@code env} and {@code file} config providers when the config-examples are
 * validated: {@code config-examples/cdc-config-provider.sql} reads the Postgres host and port from the environment
 * ({@code ${env:PG_HOST}}, {@code ${env:PG_PORT}}) and passwords from files. Environment keys get fixed example
 * values (a port is a number, as the connector's config definition requires); any file key reads
 * {@code example-<key>}.
 */
public final class ExampleSecretsConfigProvider implements ConfigProvider {
    private static final Map<String, String> ENV = Map.of("PG_HOST", "pg.internal", "PG_PORT", "5432");

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public ConfigData get(String path) {
        return new ConfigData(path == null || path.isEmpty() ? ENV : Map.of());
    }

    @Override
    public ConfigData get(String path, Set<String> keys) {
        Map<String, String> data = new HashMap<>();
        for (String key : keys) {
            String value = path == null || path.isEmpty() ? ENV.get(key) : "example-" + key;
            if (value != null) {
                data.put(key, value);
            }
        }
        return new ConfigData(data);
    }

    @Override
    public void close() {
    }
}
