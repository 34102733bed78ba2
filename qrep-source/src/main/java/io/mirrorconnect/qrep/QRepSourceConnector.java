package io.mirrorconnect.qrep;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mirrorconnect.pgcdc.PgConnections;
import io.mirrorconnect.qrep.offsets.PlanRecovery;
import io.mirrorconnect.qrep.plan.CyclePlan;
import io.mirrorconnect.qrep.plan.CtidPlanner;
import io.mirrorconnect.qrep.plan.CyclePlanner;
import io.mirrorconnect.qrep.plan.PartitionAssignment;
import io.mirrorconnect.qrep.read.QueryDescriber;
import io.mirrorconnect.qrep.watermark.Watermark;

/**
 * Query replication (PeerDB's {@code CREATE MIRROR ... FOR $$query$$}): the rows of a query, cycle after cycle, past
 * a watermark. The connector plans the initial copy once (the rows up to a high watermark, in partitions, after the
 * late-commit hold-back) in a background thread, so that a hold-back waiting on a long transaction never blocks the
 * worker; then it asks Connect for new task configs, and {@link PartitionAssignment} gives task i of N the
 * partitions k with k mod N = i. Until the plan exists the tasks wait idle. After a restart the plan comes back from
 * the tasks' offsets ({@link PlanRecovery}), read synchronously in start() (no database access), so the same task
 * configs come out and no task is restarted. Task 0 then runs the incremental cycles past the plan's high watermark
 * (docs/qrep-source.md, "Tasks").
 */
public class QRepSourceConnector extends SourceConnector {
    private static final Logger LOG = LoggerFactory.getLogger(QRepSourceConnector.class);
    public static final String VERSION = "0.1.0-SNAPSHOT";

    private Map<String, String> props;
    private QRepSourceConfig config;
    private volatile CyclePlan plan;
    private volatile String snapshot;
    private volatile boolean stopping;
    private Thread planner;

    @Override
    public String version() {
        String v = QRepSourceConnector.class.getPackage().getImplementationVersion();
        return v == null ? VERSION : v;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new QRepSourceConfig(props); // fail fast, naming the mirror
        this.props = Map.copyOf(props);
        stopping = false;
        String mirror = config.mirrorName();
        int tasks = Integer.parseInt(props.getOrDefault("tasks.max", "1").trim());
        OffsetStorageReader offsets = context == null ? null : context().offsetStorageReader();
        PlanRecovery recovered = offsets == null ? null : PlanRecovery.read(offsets, mirror, tasks);
        if (recovered != null && recovered.plan() != null) {
            plan = recovered.plan();
            LOG.info("mirror {}: query replication source started with the initial copy's plan from the offsets "
                    + "({} partitions up to {}, {}); tasks: {}", mirror, plan.partitions().size(), plan.next(),
                    recovered.summary(), tasks);
            return;
        }
        plan = null;
        LOG.info("mirror {}: query replication source started (watermark {}.{}, mode {}); planning the initial copy",
                mirror, config.watermarkTable(), config.watermarkColumn(), config.writeMode().name().toLowerCase());
        planner = new Thread(this::planInitialCopy, "qrep-" + mirror + "-initial-plan");
        planner.setDaemon(true);
        planner.start();
    }

    /** The planning thread: describe and check the mirror, plan cycle 1 with its hold-back, reconfigure the tasks. */
    private void planInitialCopy() {
        String mirror = config.mirrorName();
        try (Connection c = new PgConnections(config.endpoint()).open("initial-plan")) {
            Watermark watermark = QueryDescriber.describeMirror(c, config).watermark();
            if (watermark.isCtid()) {
                planCtidCopy(c, watermark);
                return;
            }
            CyclePlan p = new CyclePlanner(mirror, watermark, config.rowsPerPartition())
                    .plan(c, 1, null, 0, () -> stopping);
            if (p == null || stopping) {
                return;
            }
            plan = p;
            LOG.info("mirror {}: initial copy planned: {} partitions, version {}; reconfiguring the tasks", mirror,
                    p.partitions().size(), p.version());
            context.requestTaskReconfiguration();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            failed(new QRepException(mirror, "planning the initial copy failed: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /**
     * A ctid copy: plans block ranges in an exported snapshot and keeps that transaction open (this thread, this
     * connection) until the offsets show every partition finished, so that every task reads in the same snapshot.
     */
    private void planCtidCopy(Connection c, Watermark watermark) throws SQLException, InterruptedException {
        String mirror = config.mirrorName();
        CtidPlanner.Planned planned = CtidPlanner.plan(c, mirror, watermark, config.rowsPerPartition());
        snapshot = planned.snapshot();
        plan = planned.plan();
        LOG.info("mirror {}: ctid copy planned: {} block ranges in snapshot {}; reconfiguring the tasks", mirror,
                plan.partitions().size(), snapshot);
        context.requestTaskReconfiguration();
        int tasks = Integer.parseInt(props.getOrDefault("tasks.max", "1").trim());
        long lastLog = System.currentTimeMillis();
        try {
            while (!stopping) {
                PlanRecovery progress = PlanRecovery.read(context().offsetStorageReader(), mirror, tasks);
                if (plan.equals(progress.plan()) && progress.done().cardinality() == plan.partitions().size()) {
                    LOG.info("mirror {}: every block range is read; snapshot {} released", mirror, snapshot);
                    return;
                }
                if (System.currentTimeMillis() - lastLog > 60_000) {
                    lastLog = System.currentTimeMillis();
                    LOG.info("mirror {}: ctid copy: {}; holding snapshot {}", mirror, progress.summary(), snapshot);
                }
                Thread.sleep(2_000);
            }
        } finally {
            c.rollback();
        }
    }

    private void failed(RuntimeException e) {
        if (!stopping) {
            LOG.error("mirror {}: {}", config.mirrorName(), e.getMessage());
            context.raiseError(e);
        }
    }

    /** The initial copy's plan; null while it is being made. For tests and monitoring. */
    public CyclePlan plan() {
        return plan;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return QRepSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return PartitionAssignment.taskConfigs(props, plan, snapshot, maxTasks);
    }

    @Override
    public void stop() {
        stopping = true;
        if (planner != null) {
            planner.interrupt();
            try {
                planner.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            planner = null;
        }
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
