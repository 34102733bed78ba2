package io.mirrorconnect.pgcdc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mirrorconnect.pgcdc.coordination.SnapshotCoordinator;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets;
import io.mirrorconnect.pgcdc.preflight.Preflight;

/**
 * Postgres CDC source: a CTID-partitioned parallel snapshot, then pgoutput streaming from one logical slot. One
 * slot means one reader, so one task streams. With tasks.max = 1 that task does everything; with more, the
 * connector's {@link SnapshotCoordinator} exports the snapshot and spreads its block ranges over the tasks, then
 * hands streaming to one task (docs/pg-cdc-source.md, "Spreading the snapshot").
 */
public class PgCdcSourceConnector extends SourceConnector {
    private static final Logger LOG = LoggerFactory.getLogger(PgCdcSourceConnector.class);
    public static final String VERSION = "0.1.0-SNAPSHOT";

    private Map<String, String> props;
    private SnapshotCoordinator coordinator;

    @Override
    public String version() {
        String v = PgCdcSourceConnector.class.getPackage().getImplementationVersion();
        return v == null ? VERSION : v;
    }

    @Override
    public void start(Map<String, String> props) {
        PgCdcSourceConfig config = new PgCdcSourceConfig(props); // fail fast on a bad config
        this.props = Map.copyOf(props);
        int tasks = tasksMax(props);
        if (tasks > 1) {
            coordinator = new SnapshotCoordinator(config, this.props, tasks, context());
            coordinator.start();
        }
        LOG.info("Postgres CDC source for mirror {} started ({} task{})", config.mirrorName(), tasks,
                tasks > 1 ? "s for the snapshot" : "");
    }

    @Override
    public Class<? extends Task> taskClass() {
        return PgCdcSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        if (coordinator == null) {
            return List.of(new HashMap<>(props));
        }
        return coordinator.taskConfigs();
    }

    @Override
    public void stop() {
        if (coordinator != null) {
            coordinator.close();
            coordinator = null;
        }
    }

    static int tasksMax(Map<String, String> props) {
        String v = props.get("tasks.max");
        try {
            return v == null ? 1 : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @Override
    public ConfigDef config() {
        return PgCdcSourceConfig.CONFIG_DEF;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.UNSUPPORTED;
    }

    private static boolean validTasksMax(String v) {
        try {
            int n = Integer.parseInt(v.trim());
            return n >= 1 && n <= SourceOffsets.MAX_SNAPSHOT_SLICES;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Config validation plus the database preflight (run only when the settings it needs are valid). */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = new Config(new ArrayList<>(super.validate(connectorConfigs).configValues()));
        Map<String, ConfigValue> byName = new HashMap<>();
        for (ConfigValue v : config.configValues()) {
            byName.put(v.name(), v);
        }
        String tasksMax = connectorConfigs.get("tasks.max");
        if (tasksMax != null && !validTasksMax(tasksMax)) {
            ConfigValue v = new ConfigValue("tasks.max", tasksMax, new ArrayList<>(), new ArrayList<>());
            v.addErrorMessage("must be between 1 and " + SourceOffsets.MAX_SNAPSHOT_SLICES + ": more than one "
                    + "task spreads the initial snapshot, one task streams");
            config.configValues().add(v);
        }
        boolean anyError = config.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty());
        if (anyError) {
            return config;
        }
        PgCdcSourceConfig parsed;
        try {
            parsed = new PgCdcSourceConfig(connectorConfigs);
        } catch (ConfigException e) {
            String key = e.getMessage() != null && e.getMessage().contains(PgCdcSourceConfig.COLUMN_EXCLUDE_LIST_CONFIG)
                    ? PgCdcSourceConfig.COLUMN_EXCLUDE_LIST_CONFIG : PgCdcSourceConfig.TABLE_INCLUDE_LIST_CONFIG;
            byName.get(key).addErrorMessage(e.getMessage());
            return config;
        }
        if (connectorConfigs.values().stream().anyMatch(v -> v != null && v.contains("${"))) {
            // unresolved config-provider placeholders: the worker resolves them for the task, not here
            LOG.info("skipping the database preflight: the config holds ${...} placeholders");
            return config;
        }
        Preflight.run(parsed).forEach((key, messages) -> {
            ConfigValue v = byName.get(key);
            messages.forEach(v::addErrorMessage);
        });
        return config;
    }
}
