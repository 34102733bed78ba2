package io.mirrorconnect.snowflake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import io.mirrorconnect.sink.SinkCoreConfig;

/**
 * The Snowflake sink's properties: the common sink properties ({@link SinkCoreConfig}) plus the Snowflake peer
 * (docs/compiled-configs.md, "Sink: Snowflake"), and endpoint overrides for tests and private links.
 */
public final class SnowflakeSinkConfig extends SinkCoreConfig {
    public static final String GROUP_SNOWFLAKE = "Snowflake";
    public static final String GROUP_ENDPOINT = "Snowflake endpoint overrides";

    public static final String ACCOUNT_CONFIG = "snowflake.account";
    public static final String ACCOUNT_DOC = "Account identifier, orgname-account_name or the account locator (peer option account_id). "
            + "The connection goes to https://<account>.snowflakecomputing.com unless snowflake.host is set.";
    public static final String ACCOUNT_DISPLAY = "Account";

    public static final String USER_CONFIG = "snowflake.user";
    public static final String USER_DOC = "Snowflake user (peer option username).";
    public static final String USER_DISPLAY = "User";

    public static final String PRIVATE_KEY_CONFIG = "snowflake.private.key";
    public static final String PRIVATE_KEY_DOC = "PEM private key of the user for key-pair authentication (peer option private_key): "
            + "PKCS#8, unencrypted (BEGIN PRIVATE KEY) or encrypted (BEGIN ENCRYPTED PRIVATE KEY, with snowflake.private.key.passphrase). "
            + "When set, key-pair authentication (SNOWFLAKE_JWT) is used and snowflake.password is ignored.";
    public static final String PRIVATE_KEY_DISPLAY = "Private key (PEM)";

    public static final String PRIVATE_KEY_PASSPHRASE_CONFIG = "snowflake.private.key.passphrase";
    public static final String PRIVATE_KEY_PASSPHRASE_DOC = "Passphrase of an encrypted snowflake.private.key (peer option password when a private key is given).";
    public static final String PRIVATE_KEY_PASSPHRASE_DISPLAY = "Private key passphrase";

    public static final String PASSWORD_CONFIG = "snowflake.password";
    public static final String PASSWORD_DOC = "Password of the user, used only without snowflake.private.key (peer option password).";
    public static final String PASSWORD_DISPLAY = "Password";

    public static final String DATABASE_CONFIG = "snowflake.database";
    public static final String DATABASE_DOC = "Database of the destination tables (peer option database). Like every identifier the sink "
            + "writes, it is quoted: case is preserved, so ANALYTICS and analytics are different databases.";
    public static final String DATABASE_DISPLAY = "Database";

    public static final String SCHEMA_CONFIG = "snowflake.schema";
    public static final String SCHEMA_DOC = "Schema for destination tables whose mapping names no schema, and the session's schema, "
            + "where the sink's temporary staging tables live (peer option schema). Quoted, case preserved.";
    public static final String SCHEMA_DISPLAY = "Schema";
    public static final String SCHEMA_DEFAULT = "PUBLIC";

    public static final String WAREHOUSE_CONFIG = "snowflake.warehouse";
    public static final String WAREHOUSE_DOC = "Warehouse running the loads and merges (peer option warehouse). Empty: the user's default warehouse.";
    public static final String WAREHOUSE_DISPLAY = "Warehouse";

    public static final String ROLE_CONFIG = "snowflake.role";
    public static final String ROLE_DOC = "Role the sink uses (peer option role). Empty: the user's default role.";
    public static final String ROLE_DISPLAY = "Role";

    public static final String QUERY_TIMEOUT_CONFIG = "snowflake.query.timeout.seconds";
    public static final String QUERY_TIMEOUT_DOC = "Longest time one statement (staging load, MERGE, DDL) may run before it is cancelled "
            + "and the write retried as a transient failure (peer option query_timeout). 0: no limit beyond the account's "
            + "STATEMENT_TIMEOUT_IN_SECONDS.";
    public static final String QUERY_TIMEOUT_DISPLAY = "Query timeout (s)";
    public static final int QUERY_TIMEOUT_DEFAULT = 0;

    public static final String HOST_CONFIG = "snowflake.host";
    public static final String HOST_DOC = "Endpoint override, for tests and private links: the host to connect to instead of "
            + "<account>.snowflakecomputing.com (e.g. <account>.privatelink.snowflakecomputing.com, or 127.0.0.1 for a test server). "
            + "Empty: derived from snowflake.account.";
    public static final String HOST_DISPLAY = "Host override";

    public static final String PORT_CONFIG = "snowflake.port";
    public static final String PORT_DOC = "Endpoint override, for tests: the port to connect to.";
    public static final String PORT_DISPLAY = "Port override";
    public static final int PORT_DEFAULT = 443;

    public static final String SSL_CONFIG = "snowflake.ssl";
    public static final String SSL_DOC = "Endpoint override, for tests only: false connects over plain HTTP (the driver's ssl=off). "
            + "Snowflake itself is reachable over HTTPS only.";
    public static final String SSL_DISPLAY = "TLS";

    public static final String JDBC_PROPERTIES_CONFIG = "snowflake.jdbc.properties";
    public static final String JDBC_PROPERTIES_DOC = "Extra snowflake-jdbc connection properties and session parameters as name=value pairs "
            + "separated by commas, e.g. CLIENT_STAGE_ARRAY_BINDING_THRESHOLD=65280,disablePlatformDetection=true. "
            + "They are added after the sink's own and cannot replace user, password, private key, database or schema.";
    public static final String JDBC_PROPERTIES_DISPLAY = "JDBC properties";

    /** Properties the sink sets itself from the typed settings; snowflake.jdbc.properties may not replace them. */
    private static final List<String> RESERVED_JDBC = List.of("user", "password", "privatekey", "private_key_file",
            "private_key_base64", "private_key_pwd", "private_key_file_pwd", "authenticator", "db", "database",
            "schema", "account");

    public static final ConfigDef CONFIG_DEF = configDef();

    /**
     * The endpoint overrides a worker may default with JVM system properties ({@link SinkCoreConfig#withWorkerDefaults}:
     * {@code -Dmirror.snowflake.host=...}, {@code mirror.snowflake.port}, {@code mirror.snowflake.ssl},
     * {@code mirror.snowflake.jdbc.properties}): for a worker whose Snowflake sinks all go through one proxy or
     * private link, or a test worker whose mirrors are created from SQL (which has no endpoint options).
     * A connector's own property wins.
     */
    private static final List<String> WORKER_DEFAULTABLE = List.of(HOST_CONFIG, PORT_CONFIG, SSL_CONFIG, JDBC_PROPERTIES_CONFIG);

    public SnowflakeSinkConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, withWorkerDefaults(originals));
        List<String> problems = snowflakeProblems();
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems));
        }
    }

    /** {@code originals} plus the worker-wide endpoint defaults it does not set itself. */
    public static Map<Object, Object> withWorkerDefaults(Map<?, ?> originals) {
        return SinkCoreConfig.withWorkerDefaults(originals, WORKER_DEFAULTABLE);
    }

    public static ConfigDef configDef() {
        ConfigDef def = SinkCoreConfig.addTo(new ConfigDef());
        ConfigDef.Validator name = new ConfigDef.NonEmptyStringWithoutControlChars();
        int o = 0;
        def.define(ACCOUNT_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, name, Importance.HIGH, ACCOUNT_DOC,
                GROUP_SNOWFLAKE, ++o, Width.MEDIUM, ACCOUNT_DISPLAY);
        def.define(USER_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, name, Importance.HIGH, USER_DOC,
                GROUP_SNOWFLAKE, ++o, Width.MEDIUM, USER_DISPLAY);
        def.define(PRIVATE_KEY_CONFIG, Type.PASSWORD, "", Importance.HIGH, PRIVATE_KEY_DOC,
                GROUP_SNOWFLAKE, ++o, Width.LONG, PRIVATE_KEY_DISPLAY);
        def.define(PRIVATE_KEY_PASSPHRASE_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, PRIVATE_KEY_PASSPHRASE_DOC,
                GROUP_SNOWFLAKE, ++o, Width.MEDIUM, PRIVATE_KEY_PASSPHRASE_DISPLAY);
        def.define(PASSWORD_CONFIG, Type.PASSWORD, "", Importance.HIGH, PASSWORD_DOC,
                GROUP_SNOWFLAKE, ++o, Width.MEDIUM, PASSWORD_DISPLAY);
        def.define(DATABASE_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, name, Importance.HIGH, DATABASE_DOC,
                GROUP_SNOWFLAKE, ++o, Width.MEDIUM, DATABASE_DISPLAY);
        def.define(SCHEMA_CONFIG, Type.STRING, SCHEMA_DEFAULT, name, Importance.HIGH, SCHEMA_DOC,
                GROUP_SNOWFLAKE, ++o, Width.MEDIUM, SCHEMA_DISPLAY);
        def.define(WAREHOUSE_CONFIG, Type.STRING, "", Importance.HIGH, WAREHOUSE_DOC,
                GROUP_SNOWFLAKE, ++o, Width.MEDIUM, WAREHOUSE_DISPLAY);
        def.define(ROLE_CONFIG, Type.STRING, "", Importance.MEDIUM, ROLE_DOC,
                GROUP_SNOWFLAKE, ++o, Width.MEDIUM, ROLE_DISPLAY);
        def.define(QUERY_TIMEOUT_CONFIG, Type.INT, QUERY_TIMEOUT_DEFAULT, ConfigDef.Range.atLeast(0), Importance.LOW,
                QUERY_TIMEOUT_DOC, GROUP_SNOWFLAKE, ++o, Width.SHORT, QUERY_TIMEOUT_DISPLAY);
        def.define(JDBC_PROPERTIES_CONFIG, Type.LIST, "", Importance.LOW, JDBC_PROPERTIES_DOC,
                GROUP_SNOWFLAKE, ++o, Width.LONG, JDBC_PROPERTIES_DISPLAY);
        o = 0;
        def.define(HOST_CONFIG, Type.STRING, "", Importance.LOW, HOST_DOC, GROUP_ENDPOINT, ++o, Width.MEDIUM, HOST_DISPLAY);
        def.define(PORT_CONFIG, Type.INT, PORT_DEFAULT, ConfigDef.Range.between(1, 65535), Importance.LOW, PORT_DOC,
                GROUP_ENDPOINT, ++o, Width.SHORT, PORT_DISPLAY);
        def.define(SSL_CONFIG, Type.BOOLEAN, true, Importance.LOW, SSL_DOC, GROUP_ENDPOINT, ++o, Width.SHORT, SSL_DISPLAY);
        return def;
    }

    /** Snowflake-specific problems, each as {@code "<property>: <message>"}. */
    private List<String> snowflakeProblems() {
        List<String> out = new ArrayList<>();
        try {
            Map<String, String> extra = jdbcProperties();
            for (String k : extra.keySet()) {
                if (RESERVED_JDBC.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                    out.add(JDBC_PROPERTIES_CONFIG + ": '" + k + "' is set by the sink from its own properties");
                }
            }
        } catch (IllegalArgumentException e) {
            out.add(JDBC_PROPERTIES_CONFIG + ": " + e.getMessage());
        }
        String key = privateKey().value();
        if (!key.isBlank() && !key.startsWith("${") && !key.contains("-----BEGIN ")) {
            out.add(PRIVATE_KEY_CONFIG + ": not a PEM key (expected -----BEGIN PRIVATE KEY----- or -----BEGIN ENCRYPTED PRIVATE KEY-----)");
        }
        return out;
    }

    public String account() {
        return getString(ACCOUNT_CONFIG);
    }

    public String user() {
        return getString(USER_CONFIG);
    }

    public Password privateKey() {
        return getPassword(PRIVATE_KEY_CONFIG);
    }

    public Password privateKeyPassphrase() {
        return getPassword(PRIVATE_KEY_PASSPHRASE_CONFIG);
    }

    public Password password() {
        return getPassword(PASSWORD_CONFIG);
    }

    /** True when key-pair authentication is used (a private key is given). */
    public boolean keyPairAuth() {
        return !privateKey().value().isBlank();
    }

    public String database() {
        return getString(DATABASE_CONFIG);
    }

    public String schema() {
        return getString(SCHEMA_CONFIG);
    }

    public String warehouse() {
        return getString(WAREHOUSE_CONFIG);
    }

    public String role() {
        return getString(ROLE_CONFIG);
    }

    public int queryTimeoutSeconds() {
        return getInt(QUERY_TIMEOUT_CONFIG);
    }

    public String host() {
        String h = getString(HOST_CONFIG);
        return h.isBlank() ? account() + ".snowflakecomputing.com" : h.trim();
    }

    public int port() {
        return getInt(PORT_CONFIG);
    }

    public boolean ssl() {
        return getBoolean(SSL_CONFIG);
    }

    /** The extra JDBC properties, in the order given. */
    public Map<String, String> jdbcProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : getList(JDBC_PROPERTIES_CONFIG)) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + pair + "' is not name=value");
            }
            out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return out;
    }

    /** The endpoint, e.g. {@code https://myorg-acct.snowflakecomputing.com:443}. */
    public String endpoint() {
        return (ssl() ? "https" : "http") + "://" + host() + ":" + port();
    }
}
