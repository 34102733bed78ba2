package io.mirrorconnect.snowflake;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mirrorconnect.sink.TableRouter;
import io.mirrorconnect.snowflake.sql.SnowflakeDialect;
import io.mirrorconnect.snowflake.writer.SnowflakeConnections;

/**
 * Mirror Connect's Snowflake sink: staged batches merged into Snowflake tables, replay-safe (version-guarded), with
 * soft or hard deletes and a synced-at column (docs/snowflake-sink.md).
 */
public class SnowflakeSinkConnector extends SinkConnector {
    private static final Logger log = LoggerFactory.getLogger(SnowflakeSinkConnector.class);
    static final String VERSION = Optional.ofNullable(SnowflakeSinkConnector.class.getPackage().getImplementationVersion())
            .orElse("0.1.0-SNAPSHOT");

    private Map<String, String> props;

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        new SnowflakeSinkConfig(props); // fail fast on a bad config
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return SnowflakeSinkTask.class;
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
        return SnowflakeSinkConfig.CONFIG_DEF;
    }

    /**
     * Checks each property, then what involves several (attached to the property named first), that every topic
     * in {@code topics} has a mapping, then connectivity and privileges: the connection (attached to
     * {@code snowflake.account}, or to the credential property when Snowflake rejects the login), the session's
     * warehouse, role, database and schema (each attached to its property), and the right to create tables in
     * the schema, which staging tables and auto-created tables need ({@code snowflake.schema}).
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        if (config.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
            return config;
        }
        SnowflakeSinkConfig parsed;
        try {
            parsed = new SnowflakeSinkConfig(connectorConfigs);
        } catch (ConfigException e) {
            for (String problem : String.valueOf(e.getMessage()).split("; ")) {
                int colon = problem.indexOf(": ");
                String name = colon > 0 ? problem.substring(0, colon) : "";
                boolean known = SnowflakeSinkConfig.CONFIG_DEF.configKeys().containsKey(name);
                attach(config, known ? name : SnowflakeSinkConfig.MIRROR_NAME_CONFIG, known ? problem.substring(colon + 2) : problem);
            }
            return config;
        }
        String topics = connectorConfigs.get(SinkTask.TOPICS_CONFIG);
        if (topics != null && !topics.isBlank()) {
            List<String> unmapped = new TableRouter(parsed.tableMapping())
                    .unmapped(Arrays.stream(topics.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
            if (!unmapped.isEmpty()) {
                attach(config, SnowflakeSinkConfig.TABLE_MAPPING_CONFIG, "no destination for topic(s) " + unmapped);
            }
        }
        Connection c;
        try {
            c = SnowflakeConnections.open(parsed);
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            String lower = message.toLowerCase(java.util.Locale.ROOT);
            String property = SnowflakeSinkConfig.ACCOUNT_CONFIG;
            if (lower.contains("incorrect username or password") || lower.contains("jwt") || lower.contains("private key")) {
                property = parsed.keyPairAuth() ? SnowflakeSinkConfig.PRIVATE_KEY_CONFIG : SnowflakeSinkConfig.PASSWORD_CONFIG;
            }
            attach(config, property, message);
            return config;
        }
        try (c) {
            checkSession(config, c, parsed);
        } catch (SQLException e) {
            attach(config, SnowflakeSinkConfig.ACCOUNT_CONFIG, "Snowflake at " + parsed.endpoint() + ": "
                    + SnowflakeConnections.describe(e));
        }
        return config;
    }

    private static void checkSession(Config config, Connection c, SnowflakeSinkConfig parsed) throws SQLException {
        String[] current = row(c, "SELECT CURRENT_DATABASE(), CURRENT_SCHEMA()");
        // Snowflake leaves a session's database/schema/warehouse/role unset (NULL) when the name given does not
        // exist or the role may not use it
        if (current[0] == null) {
            attach(config, SnowflakeSinkConfig.DATABASE_CONFIG, "database " + parsed.database()
                    + " does not exist or the user's role may not use it (names are case-sensitive: quoted)");
            return;
        }
        if (current[1] == null) {
            attach(config, SnowflakeSinkConfig.SCHEMA_CONFIG, "schema " + parsed.schema() + " does not exist in "
                    + parsed.database() + " or the user's role may not use it (the sink's staging tables live there)");
            return;
        }
        String[] compute;
        try {
            compute = row(c, "SELECT CURRENT_WAREHOUSE(), CURRENT_ROLE()");
        } catch (SQLException e) {
            // only a server without these functions (a test server such as fakesnow) gets here: nothing to check
            log.info("skipping the warehouse and role check: {}", SnowflakeConnections.describe(e));
            compute = null;
        }
        if (compute != null && !parsed.warehouse().isBlank() && compute[0] == null) {
            attach(config, SnowflakeSinkConfig.WAREHOUSE_CONFIG, "warehouse " + parsed.warehouse()
                    + " does not exist or the user's role may not use it");
        }
        if (compute != null && !parsed.role().isBlank() && compute[1] == null) {
            attach(config, SnowflakeSinkConfig.ROLE_CONFIG, "role " + parsed.role() + " is not granted to user " + parsed.user());
        }
        if (current[1] != null) {
            // staging tables are created in the session's schema: prove the privilege with one
            String probe = "mirror_validate_" + Long.toHexString(System.nanoTime());
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TEMPORARY TABLE " + SnowflakeDialect.quoteIdentifier(probe) + " (x NUMBER(1,0))");
                st.execute("DROP TABLE IF EXISTS " + SnowflakeDialect.quoteIdentifier(probe));
            } catch (SQLException e) {
                attach(config, SnowflakeSinkConfig.SCHEMA_CONFIG, "cannot create the staging table in schema "
                        + parsed.database() + "." + parsed.schema() + " (needs CREATE TABLE on it): "
                        + SnowflakeConnections.describe(e));
            }
        }
    }

    private static String[] row(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            String[] out = new String[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = rs.getString(i + 1);
            }
            return out;
        }
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
