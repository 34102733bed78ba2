package io.mirrorconnect.it.bench.noop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * A sink that discards its records: the floor of the end-to-end benchmark (Kafka's consumer, the converter and
 * Connect's sink loop, nothing else). Test scope only (the benchmark worker has the test class path); never in a
 * plugin archive. When its task has been handed {@value NoopSinkTask#EXPECTED} records it writes the wall-clock
 * time in milliseconds to the file {@value NoopSinkTask#DONE_FILE}, the benchmark's completion condition.
 */
public final class NoopSinkConnector extends SinkConnector {
    private static final ConfigDef CONFIG = new ConfigDef()
            .define(NoopSinkTask.EXPECTED, ConfigDef.Type.LONG, ConfigDef.Importance.HIGH,
                    "Records after which the task writes the done file.")
            .define(NoopSinkTask.DONE_FILE, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH,
                    "File that receives the time (epoch ms) the expected count was reached.");

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return NoopSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        if (maxTasks != 1) {
            // the expected count is per task; one task keeps the completion condition exact
            throw new IllegalArgumentException("the no-op bench sink runs with tasks.max=1");
        }
        List<Map<String, String>> out = new ArrayList<>();
        out.add(props);
        return out;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public String version() {
        return "bench";
    }
}
