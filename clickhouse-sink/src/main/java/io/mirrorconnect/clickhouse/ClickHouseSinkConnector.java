package io.mirrorconnect.clickhouse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkTask;

import com.clickhouse.client.api.Client;

import io.mirrorconnect.clickhouse.writer.ClickHouseClients;
import io.mirrorconnect.sink.TableRouter;

/**
 * Mirror Connect's ClickHouse sink: replay-safe upserts into ReplacingMergeTree tables with soft or hard
 * deletes, a version and a synced-at column (docs/clickhouse-sink.md).
 */
public class ClickHouseSinkConnector extends SinkConnector {
    static final String VERSION = Optional.ofNullable(ClickHouseSinkConnector.class.getPackage().getImplementationVersion())
            .orElse("0.1.0-SNAPSHOT");

    private Map<String, String> props;

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        new ClickHouseSinkConfig(props); // fail fast on a bad config
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ClickHouseSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            out.add(props);
        }
        return out;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return ClickHouseSinkConfig.CONFIG_DEF;
    }

    /**
     * Checks each property, then what involves several (attached to the property named first), that every topic
     * in {@code topics} has a mapping, and that ClickHouse answers with these credentials (attached to
     * {@code clickhouse.host}).
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        if (config.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
            return config;
        }
        ClickHouseSinkConfig parsed;
        try {
            parsed = new ClickHouseSinkConfig(connectorConfigs);
        } catch (ConfigException e) {
            // cross-field problems read "<property>: <message>", joined by "; "
            for (String problem : String.valueOf(e.getMessage()).split("; ")) {
                int colon = problem.indexOf(": ");
                String name = colon > 0 ? problem.substring(0, colon) : "";
                boolean known = ClickHouseSinkConfig.CONFIG_DEF.configKeys().containsKey(name);
                attach(config, known ? name : ClickHouseSinkConfig.MIRROR_NAME_CONFIG, known ? problem.substring(colon + 2) : problem);
            }
            return config;
        }
        String topics = connectorConfigs.get(SinkTask.TOPICS_CONFIG);
        if (topics != null && !topics.isBlank()) {
            List<String> unmapped = new TableRouter(parsed.tableMapping())
                    .unmapped(Arrays.stream(topics.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
            if (!unmapped.isEmpty()) {
                attach(config, ClickHouseSinkConfig.TABLE_MAPPING_CONFIG, "no destination for topic(s) " + unmapped);
            }
        }
        try (Client client = ClickHouseClients.open(parsed)) {
            ClickHouseClients.checkConnectivity(client, parsed);
        } catch (RuntimeException e) {
            String problem = ClickHouseClients.serverError(e) != null || e instanceof IllegalStateException
                    ? "ClickHouse at " + parsed.endpoint() + " refused the check as user '" + parsed.user() + "': "
                    : "cannot reach ClickHouse at " + parsed.endpoint() + " as user '" + parsed.user() + "': ";
            attach(config, ClickHouseSinkConfig.HOST_CONFIG, problem + ClickHouseClients.describe(e));
        }
        return config;
    }

    private static void attach(Config config, String property, String message) {
        for (ConfigValue v : config.configValues()) {
            if (v.name().equals(property)) {
                v.addErrorMessage(message);
                return;
            }
        }
    }
}
