package io.mirrorconnect.sink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * What every Mirror Connect sink connector does the same way: parse its config on start (a bad one fails fast),
 * hand every task the connector's properties, and validate in order: each property alone (Connect's ConfigDef),
 * then the rules involving several (a {@link ConfigException} whose "property: message" parts are attached to the
 * property each names), then that every topic in {@code topics} has a destination table, then the destination
 * itself ({@link #checkDestination}), each problem attached to the property that can fix it.
 *
 * @param <C> the sink's config
 */
public abstract class MirrorSinkConnector<C extends SinkCoreConfig> extends SinkConnector {
    private Map<String, String> props;

    /** The sink's config from connector properties. */
    protected abstract C parse(Map<String, String> props);

    /** The sink's ConfigDef. */
    protected abstract ConfigDef configDef();

    /**
     * Checks connectivity and privileges with a config that passed every other check, attaching each problem
     * ({@link #attach}) to the property that can fix it.
     */
    protected abstract void checkDestination(C parsed, Config config);

    /** The properties of task {@code index} (default: the connector's own). */
    protected Map<String, String> taskConfig(Map<String, String> connectorProps, int index) {
        return connectorProps;
    }

    @Override
    public void start(Map<String, String> props) {
        parse(props); // fail fast on a bad config
        this.props = Map.copyOf(props);
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            out.add(taskConfig(props, i));
        }
        return out;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return configDef();
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        if (config.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
            return config;
        }
        C parsed;
        try {
            parsed = parse(connectorConfigs);
        } catch (ConfigException e) {
            // cross-field problems read "<property>: <message>", joined by "; "
            for (String problem : String.valueOf(e.getMessage()).split("; ")) {
                int colon = problem.indexOf(": ");
                String name = colon > 0 ? problem.substring(0, colon) : "";
                boolean known = configDef().configKeys().containsKey(name);
                attach(config, known ? name : SinkCoreConfig.MIRROR_NAME_CONFIG, known ? problem.substring(colon + 2) : problem);
            }
            return config;
        }
        String topics = connectorConfigs.get(SinkTask.TOPICS_CONFIG);
        if (topics != null && !topics.isBlank()) {
            List<String> unmapped = new TableRouter(parsed.tableMapping())
                    .unmapped(Arrays.stream(topics.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
            if (!unmapped.isEmpty()) {
                attach(config, SinkCoreConfig.TABLE_MAPPING_CONFIG, "no destination for topic(s) " + unmapped);
            }
        }
        checkDestination(parsed, config);
        return config;
    }

    /** Adds {@code message} to the errors of {@code property}. */
    protected static void attach(Config config, String property, String message) {
        for (ConfigValue v : config.configValues()) {
            if (v.name().equals(property)) {
                v.addErrorMessage(message);
                return;
            }
        }
    }
}
