package io.mirrorconnect.clickhouse;

import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

import io.mirrorconnect.sink.SinkCoreConfig;

/**
 * The ClickHouse sink's properties: the common sink properties ({@link SinkCoreConfig}) plus the ClickHouse
 * peer (docs/compiled-configs.md, "Sink: ClickHouse").
 */
public final class ClickHouseSinkConfig extends SinkCoreConfig {
    public static final String GROUP_CLICKHOUSE = "ClickHouse";

    public static final String HOST_CONFIG = "clickhouse.host";
    public static final String HOST_DOC = "Host name of the ClickHouse server (peer option host).";
    public static final String HOST_DISPLAY = "Host";

    public static final String PORT_CONFIG = "clickhouse.port";
    public static final String PORT_DOC = "Port of ClickHouse's HTTP interface: 8123, or 8443 with TLS (peer option port).";
    public static final String PORT_DISPLAY = "Port";
    public static final int PORT_DEFAULT = 8123;

    public static final String SSL_CONFIG = "clickhouse.ssl";
    public static final String SSL_DOC = "Connect over HTTPS (the peer's disable_tls turns this off).";
    public static final String SSL_DISPLAY = "TLS";

    public static final String SSL_ROOT_CERT_CONFIG = "clickhouse.ssl.root.cert";
    public static final String SSL_ROOT_CERT_DOC = "CA certificate to trust, as PEM text or a file path (peer option root_ca). "
            + "Empty: the JVM's default trust store.";
    public static final String SSL_ROOT_CERT_DISPLAY = "Root certificate";

    public static final String USER_CONFIG = "clickhouse.user";
    public static final String USER_DOC = "ClickHouse user (peer option user).";
    public static final String USER_DISPLAY = "User";

    public static final String PASSWORD_CONFIG = "clickhouse.password";
    public static final String PASSWORD_DOC = "Password of the ClickHouse user (peer option password).";
    public static final String PASSWORD_DISPLAY = "Password";

    public static final String DATABASE_CONFIG = "clickhouse.database";
    public static final String DATABASE_DOC = "Database that holds the destination tables whose mapping names no database (peer option database).";
    public static final String DATABASE_DISPLAY = "Database";

    public static final String COMPRESSION_CONFIG = "clickhouse.compression";
    public static final String COMPRESSION_DOC = "Use ClickHouse's native LZ4 compression for requests and responses. "
            + "Turn off only for a proxy or server that does not implement ClickHouse's compressed block framing.";
    public static final String COMPRESSION_DISPLAY = "Compression";

    public static final String TIMEOUT_MS_CONFIG = "clickhouse.timeout.ms";
    public static final String TIMEOUT_MS_DOC = "How long one ClickHouse request (insert, lookup, DDL) may take before it counts as a transient failure.";
    public static final String TIMEOUT_MS_DISPLAY = "Request timeout (ms)";
    public static final long TIMEOUT_MS_DEFAULT = 300_000L;

    public static final String NULL_COLLECTIONS_CONFIG = "null.collections";
    public static final String NULL_COLLECTIONS_DOC = "What a NULL array or map (Postgres arrays, hstore) becomes. ClickHouse "
            + "has no Nullable(Array) or Nullable(Map), so the column cannot hold NULL. 'empty': write [] or {} (lossy: "
            + "NULL and empty read the same; logged once per column). 'fail': reject the record (to the dead letter queue "
            + "with errors.tolerance=all, else the task stops naming it). NULL elements inside an array are kept either "
            + "way (Array(Nullable(T))).";
    public static final String NULL_COLLECTIONS_DISPLAY = "NULL arrays and maps";

    /** What a NULL array or map becomes ({@link #NULL_COLLECTIONS_CONFIG}). */
    public enum NullCollections {
        EMPTY, FAIL
    }

    /**
     * ClickHouse takes an insert a second per table without trouble, so a caught-up sink writes what it has after
     * one quiet second instead of waiting out {@code flush.interval.ms} (docs/clickhouse-sink.md, "Batching").
     */
    public static final long FLUSH_IDLE_MS_DEFAULT = 1_000L;

    /**
     * A quarter of the core's default: ~21,000 rows of a 16-column table, 3.7 MB of RowBinary per insert, well inside
     * the 10,000–100,000 rows per insert ClickHouse recommends. A larger buffer keeps more records alive across the
     * worker's young collections (docs/clickhouse-sink.md, "Batching": the collector's CPU in the sink phase fell from
     * ~1 s to 0.3 s per 500,000 records) and makes the last insert of a backlog longer.
     */
    public static final long MAX_BATCH_BYTES_DEFAULT = 16L * 1024 * 1024;

    public static final ConfigDef CONFIG_DEF = configDef();

    public ClickHouseSinkConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    public static ConfigDef configDef() {
        ConfigDef def = SinkCoreConfig.addTo(new ConfigDef(),
                new SinkCoreConfig.Defaults(MAX_BATCH_BYTES_DEFAULT, FLUSH_IDLE_MS_DEFAULT));
        int o = 0;
        def.define(HOST_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyStringWithoutControlChars(),
                Importance.HIGH, HOST_DOC, GROUP_CLICKHOUSE, ++o, Width.MEDIUM, HOST_DISPLAY);
        def.define(PORT_CONFIG, Type.INT, PORT_DEFAULT, ConfigDef.Range.between(1, 65535),
                Importance.HIGH, PORT_DOC, GROUP_CLICKHOUSE, ++o, Width.SHORT, PORT_DISPLAY);
        def.define(SSL_CONFIG, Type.BOOLEAN, true, Importance.HIGH, SSL_DOC, GROUP_CLICKHOUSE, ++o, Width.SHORT, SSL_DISPLAY);
        def.define(SSL_ROOT_CERT_CONFIG, Type.STRING, "", Importance.MEDIUM, SSL_ROOT_CERT_DOC,
                GROUP_CLICKHOUSE, ++o, Width.LONG, SSL_ROOT_CERT_DISPLAY);
        def.define(USER_CONFIG, Type.STRING, "default", Importance.HIGH, USER_DOC, GROUP_CLICKHOUSE, ++o, Width.MEDIUM, USER_DISPLAY);
        def.define(PASSWORD_CONFIG, Type.PASSWORD, "", Importance.HIGH, PASSWORD_DOC, GROUP_CLICKHOUSE, ++o, Width.MEDIUM, PASSWORD_DISPLAY);
        def.define(DATABASE_CONFIG, Type.STRING, "default", new ConfigDef.NonEmptyStringWithoutControlChars(),
                Importance.HIGH, DATABASE_DOC, GROUP_CLICKHOUSE, ++o, Width.MEDIUM, DATABASE_DISPLAY);
        def.define(COMPRESSION_CONFIG, Type.BOOLEAN, true, Importance.LOW, COMPRESSION_DOC,
                GROUP_CLICKHOUSE, ++o, Width.SHORT, COMPRESSION_DISPLAY);
        def.define(NULL_COLLECTIONS_CONFIG, Type.STRING, "empty",
                ConfigDef.CaseInsensitiveValidString.in("empty", "fail"), Importance.MEDIUM, NULL_COLLECTIONS_DOC,
                GROUP_CLICKHOUSE, ++o, Width.SHORT, NULL_COLLECTIONS_DISPLAY);
        def.define(TIMEOUT_MS_CONFIG, Type.LONG, TIMEOUT_MS_DEFAULT, ConfigDef.Range.atLeast(1), Importance.LOW,
                TIMEOUT_MS_DOC, GROUP_CLICKHOUSE, ++o, Width.SHORT, TIMEOUT_MS_DISPLAY);
        return def;
    }

    public String host() {
        return getString(HOST_CONFIG);
    }

    public int port() {
        return getInt(PORT_CONFIG);
    }

    public boolean ssl() {
        return getBoolean(SSL_CONFIG);
    }

    /** PEM text or a path; empty for the default trust store. */
    public String sslRootCert() {
        return getString(SSL_ROOT_CERT_CONFIG);
    }

    public String user() {
        return getString(USER_CONFIG);
    }

    public Password password() {
        return getPassword(PASSWORD_CONFIG);
    }

    public String database() {
        return getString(DATABASE_CONFIG);
    }

    public boolean compression() {
        return getBoolean(COMPRESSION_CONFIG);
    }

    public NullCollections nullCollections() {
        return NullCollections.valueOf(getString(NULL_COLLECTIONS_CONFIG).toUpperCase(java.util.Locale.ROOT));
    }

    public long timeoutMs() {
        return getLong(TIMEOUT_MS_CONFIG);
    }

    /** The HTTP(S) endpoint, e.g. {@code https://host:8443}. */
    public String endpoint() {
        return (ssl() ? "https" : "http") + "://" + host() + ":" + port();
    }
}
