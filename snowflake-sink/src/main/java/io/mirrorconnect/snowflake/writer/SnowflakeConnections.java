package io.mirrorconnect.snowflake.writer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.apache.kafka.connect.errors.ConnectException;

import io.mirrorconnect.snowflake.SnowflakeSinkConfig;
import net.snowflake.client.api.driver.SnowflakeDriver;

/**
 * Opens snowflake-jdbc connections for the sink's settings and classifies their errors. The session gets the
 * configured database, schema, warehouse and role; key-pair authentication ({@code SNOWFLAKE_JWT}) is used when a
 * private key is given, the driver reading the PEM (encrypted or not) itself.
 */
public final class SnowflakeConnections {
    /** Snowflake error codes worth retrying: statement or warehouse timeout, session or token expired, warehouse resuming. */
    private static final List<Integer> TRANSIENT_CODES = List.of(
            604,     // statement canceled (query timeout)
            625,     // statement reached its statement or warehouse timeout / too many lock waiters
            630,     // warehouse is being resumed / statement queued too long
            390111, 390112, 390114, // session no longer exists / expired, authentication token expired
            200001, 200002 // driver: communication error, network error
    );
    private static final List<String> TRANSIENT_MESSAGES = List.of("communication error", "connection refused",
            "connect timed out", "read timed out", "http status=5", "service unavailable", "bad gateway",
            "gateway timeout", "is being resumed", "cannot be resumed", "lock wait", "timeout", "session no longer exists",
            "session does not exist", "connection is closed", "connection has been closed");

    private SnowflakeConnections() {
    }

    /** {@code jdbc:snowflake://host:port/}. */
    public static String url(SnowflakeSinkConfig config) {
        return "jdbc:snowflake://" + config.host() + ":" + config.port() + "/";
    }

    /** The connection properties (credentials included). */
    public static Properties properties(SnowflakeSinkConfig config) {
        Properties p = new Properties();
        p.put("account", config.account());
        p.put("user", config.user());
        if (config.keyPairAuth()) {
            p.put("authenticator", "SNOWFLAKE_JWT");
            p.put("private_key_base64", Base64.getEncoder().encodeToString(
                    config.privateKey().value().getBytes(StandardCharsets.US_ASCII)));
            String passphrase = config.privateKeyPassphrase().value();
            if (!passphrase.isEmpty()) {
                p.put("private_key_pwd", passphrase);
            }
        } else {
            p.put("password", config.password().value());
        }
        p.put("db", config.database());
        p.put("schema", config.schema());
        if (!config.warehouse().isBlank()) {
            p.put("warehouse", config.warehouse());
        }
        if (!config.role().isBlank()) {
            p.put("role", config.role());
        }
        if (!config.ssl()) {
            p.put("ssl", "off");
        }
        p.put("application", "MirrorConnect");
        // keep the session (and its temporary staging tables) alive between flushes of a quiet mirror
        p.put("CLIENT_SESSION_KEEP_ALIVE", "true");
        if (config.queryTimeoutSeconds() > 0) {
            p.put("queryTimeout", Integer.toString(config.queryTimeoutSeconds()));
        }
        config.jdbcProperties().forEach(p::put);
        return p;
    }

    public static Connection open(SnowflakeSinkConfig config) {
        try {
            // the driver itself, not DriverManager: the plugin's class loader is not the worker's
            Connection c = new SnowflakeDriver().connect(url(config), properties(config));
            c.setAutoCommit(true);
            return c;
        } catch (SQLException e) {
            throw new ConnectException("cannot connect to Snowflake at " + config.endpoint() + " as user '"
                    + config.user() + "': " + describe(e), e);
        }
    }

    /** True for failures worth retrying: the service unreachable or overloaded, timeouts, expired sessions. */
    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57") || state.startsWith("40"))) {
                    return true;
                }
                if (TRANSIENT_CODES.contains(sql.getErrorCode())) {
                    return true;
                }
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            for (String m : TRANSIENT_MESSAGES) {
                if (message.contains(m)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The innermost SQL error's code, state and first line of its message. */
    public static String describe(Throwable e) {
        SQLException sql = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s) {
                sql = s;
            }
        }
        if (sql == null) {
            return String.valueOf(e.getMessage());
        }
        String message = String.valueOf(sql.getMessage()).lines().findFirst().orElse("");
        return message + " (error " + sql.getErrorCode() + ", SQL state " + sql.getSQLState() + ")";
    }
}
