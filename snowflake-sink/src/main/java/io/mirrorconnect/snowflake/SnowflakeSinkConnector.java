package io.mirrorconnect.snowflake;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mirrorconnect.sink.MirrorSinkConnector;
import io.mirrorconnect.snowflake.sql.SnowflakeDialect;
import io.mirrorconnect.snowflake.writer.SnowflakeConnections;

/**
 * Mirror Connect's Snowflake sink: staged batches merged into Snowflake tables, replay-safe (version-guarded), with
 * soft or hard deletes and a synced-at column (docs/snowflake-sink.md).
 */
public class SnowflakeSinkConnector extends MirrorSinkConnector<SnowflakeSinkConfig> {
    private static final Logger log = LoggerFactory.getLogger(SnowflakeSinkConnector.class);
    static final String VERSION = Optional.ofNullable(SnowflakeSinkConnector.class.getPackage().getImplementationVersion())
            .orElse("0.1.0-SNAPSHOT");

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return SnowflakeSinkTask.class;
    }

    @Override
    protected SnowflakeSinkConfig parse(Map<String, String> props) {
        return new SnowflakeSinkConfig(props);
    }

    @Override
    protected ConfigDef configDef() {
        return SnowflakeSinkConfig.CONFIG_DEF;
    }

    /**
     * Connectivity and privileges: the connection (attached to {@code snowflake.account}, or to the credential
     * property when Snowflake rejects the login), the session's warehouse, role, database and schema (each attached
     * to its property), and the right to create tables in the schema, which staging tables and auto-created tables
     * need ({@code snowflake.schema}).
     */
    @Override
    protected void checkDestination(SnowflakeSinkConfig parsed, Config config) {
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
            return;
        }
        try (c) {
            checkSession(config, c, parsed);
        } catch (SQLException e) {
            attach(config, SnowflakeSinkConfig.ACCOUNT_CONFIG, "Snowflake at " + parsed.endpoint() + ": "
                    + SnowflakeConnections.describe(e));
        }
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
}
