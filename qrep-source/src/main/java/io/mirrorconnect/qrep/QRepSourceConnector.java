package io.mirrorconnect.qrep;

import java.sql.Connection;
import java.sql.SQLException;
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

import io.mirrorconnect.pgcdc.PgConnections;
import io.mirrorconnect.qrep.read.QueryDescriber;

/**
 * Query replication (PeerDB's {@code CREATE MIRROR ... FOR $$query$$}): the rows of a query, cycle after cycle, past
 * a watermark. Every task gets the same configuration plus its index and the task count; task i of N replicates the
 * rows whose hash modulo N is i, each task with its own cycles, connections and source offsets
 * (docs/qrep-source.md, "Tasks").
 */
public class QRepSourceConnector extends SourceConnector {
    private static final Logger LOG = LoggerFactory.getLogger(QRepSourceConnector.class);
    public static final String VERSION = "0.1.0-SNAPSHOT";

    private Map<String, String> props;

    @Override
    public String version() {
        String v = QRepSourceConnector.class.getPackage().getImplementationVersion();
        return v == null ? VERSION : v;
    }

    @Override
    public void start(Map<String, String> props) {
        QRepSourceConfig config = new QRepSourceConfig(props); // fail fast, naming the mirror
        this.props = Map.copyOf(props);
        LOG.info("query replication source for mirror {} started (watermark {}.{}, mode {})", config.mirrorName(),
                config.watermarkTable(), config.watermarkColumn(), config.writeMode().name().toLowerCase());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return QRepSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> t = new HashMap<>(props);
            t.put(QRepSourceConfig.TASK_INDEX, Integer.toString(i));
            t.put(QRepSourceConfig.TASK_COUNT, Integer.toString(maxTasks));
            out.add(t);
        }
        return out;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return QRepSourceConfig.CONFIG_DEF;
    }

    /** Field validation, then the cross-field rules of {@link QRepSourceConfig}, reported on their property. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        boolean fieldErrors = config.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty());
        if (!fieldErrors) {
            try {
                preflight(new QRepSourceConfig(connectorConfigs), config);
            } catch (ConfigException e) {
                ConfigValue target = config.configValues().stream()
                        .filter(v -> e.getMessage() != null && e.getMessage().contains("for configuration " + v.name()
                                + ":")).findFirst().orElse(null);
                if (target == null) {
                    target = config.configValues().stream()
                            .filter(v -> v.name().equals(QRepSourceConfig.QUERY_CONFIG)).findFirst().orElseThrow();
                }
                target.addErrorMessage(e.getMessage());
            }
        }
        return config;
    }

    /**
     * The database checks the task runs at start (watermark table and column, the query, the key columns),
     * reported on the property at fault, so that {@code mirror-ddl apply} shows them before anything is created.
     */
    private static void preflight(QRepSourceConfig qrep, Config config) {
        try (Connection c = new PgConnections(qrep.endpoint()).open("validate")) {
            QueryDescriber.describeMirror(c, qrep);
        } catch (QRepException e) {
            String property = e.property() == null ? QRepSourceConfig.QUERY_CONFIG : e.property();
            value(config, property).addErrorMessage(e.getMessage());
        } catch (RuntimeException e) {
            value(config, QRepSourceConfig.QUERY_CONFIG).addErrorMessage("mirror " + qrep.mirrorName() + ": "
                    + e.getMessage());
        } catch (SQLException e) {
            value(config, QRepSourceConfig.HOSTNAME_CONFIG).addErrorMessage("cannot check the database "
                    + qrep.database() + " at " + qrep.hostname() + ":" + qrep.port() + ": " + e.getMessage());
        }
    }

    private static ConfigValue value(Config config, String name) {
        return config.configValues().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.UNSUPPORTED;
    }
}
