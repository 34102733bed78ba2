package io.mirrorconnect.ddl.analyzer;

import static io.mirrorconnect.ddl.analyzer.OptionType.BOOLEAN;
import static io.mirrorconnect.ddl.analyzer.OptionType.ENUM;
import static io.mirrorconnect.ddl.analyzer.OptionType.INTEGER;
import static io.mirrorconnect.ddl.analyzer.OptionType.SECRET;
import static io.mirrorconnect.ddl.analyzer.OptionType.STRING;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code CREATE PEER ... WITH (...)} options of each peer type (PeerDB's names), with type, required flag,
 * default and documentation. Every peer option may be a {@code ${provider:path:key}} reference except those
 * the compiler computes with ({@code disable_tls}).
 */
public final class PeerSpec {
    private static final Map<PeerType, OptionSet> SPECS = new EnumMap<>(PeerType.class);

    static {
        SPECS.put(PeerType.POSTGRES, new OptionSet(List.of(
                s("host", STRING).required().doc("Host name or IP address of the Postgres server.").build(),
                s("port", INTEGER).required().range(1, 65535).doc("Postgres port (usually 5432).").build(),
                s("user", STRING).required().doc("User with the REPLICATION attribute (or rds_replication).")
                        .build(),
                s("password", SECRET).required().doc("The user's password.").build(),
                s("database", STRING).required().doc("Database holding the mirrored tables.").build(),
                s("sslmode", ENUM).allowed("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
                        .defaultValue("prefer").doc("pgjdbc sslmode.").build(),
                s("root_ca", SECRET).doc("Root certificate (PEM text or a file path on the worker) to verify the"
                        + " server with (sslmode verify-ca / verify-full).").build()),
                unsupported(
                        "require_tls", "use sslmode = 'require' (or verify-ca / verify-full with root_ca)",
                        "tls_host", "use sslmode = 'verify-full' with the host name the certificate names",
                        "metadata_schema", "Mirror Connect keeps its state in Kafka offsets, not in the source",
                        "ssh_config", "SSH tunnels are not supported; reach the database directly",
                        "transaction_snapshot", "the source connector exports its own snapshot")));
        SPECS.put(PeerType.BIGQUERY, new OptionSet(List.of(
                s("type", STRING).required().doc("Service-account key field `type` (service_account).").build(),
                s("project_id", STRING).required().doc("Project the dataset is in (and key field `project_id`).")
                        .build(),
                s("private_key_id", STRING).required().doc("Service-account key field `private_key_id`.").build(),
                s("private_key", SECRET).required().doc("Service-account key field `private_key` (PEM).").build(),
                s("client_email", STRING).required().doc("Service-account key field `client_email`.").build(),
                s("client_id", STRING).required().doc("Service-account key field `client_id`.").build(),
                s("auth_uri", STRING).required().doc("Service-account key field `auth_uri`.").build(),
                s("token_uri", STRING).required().doc("Service-account key field `token_uri`.").build(),
                s("auth_provider_x509_cert_url", STRING).required()
                        .doc("Service-account key field `auth_provider_x509_cert_url`.").build(),
                s("client_x509_cert_url", STRING).required()
                        .doc("Service-account key field `client_x509_cert_url`.").build(),
                s("dataset_id", STRING).required().doc("Dataset the target tables are created in.").build()),
                unsupported()));
        SPECS.put(PeerType.SNOWFLAKE, new OptionSet(List.of(
                s("account_id", STRING).required().doc("Account identifier (`orgname-account` or locator).")
                        .build(),
                s("username", STRING).required().doc("Snowflake user.").build(),
                s("private_key", SECRET).doc("PEM private key for key-pair authentication (preferred).").build(),
                s("password", SECRET).doc("Passphrase of an encrypted private_key; without private_key, the"
                        + " user's password.").build(),
                s("database", STRING).required().doc("Database of the target tables.").build(),
                s("warehouse", STRING).required().doc("Warehouse running the loads.").build(),
                s("role", STRING).required().doc("Role used by the sink.").build(),
                s("schema", STRING).defaultValue("PUBLIC").doc("Schema for target tables written without one.")
                        .build(),
                s("query_timeout", INTEGER).range(1, Integer.MAX_VALUE)
                        .doc("Statement timeout in seconds (connector default when absent).").build()),
                unsupported(
                        "s3_integration", "the sink stages data itself",
                        "metadata_schema", "Mirror Connect keeps its state in Kafka offsets")));
        SPECS.put(PeerType.CLICKHOUSE, new OptionSet(List.of(
                s("host", STRING).required().doc("ClickHouse host.").build(),
                s("port", INTEGER).required().range(1, 65535).doc("The HTTP interface port: 8123, or 8443 with"
                        + " TLS (not the native-protocol port 9000/9440).").build(),
                s("user", STRING).required().doc("ClickHouse user.").build(),
                s("password", SECRET).doc("The user's password (empty when absent).").build(),
                s("database", STRING).required().doc("Database the target tables are created in.").build(),
                s("disable_tls", BOOLEAN).defaultValue("false").doc("true for a plain-HTTP connection.").build(),
                s("root_ca", SECRET).doc("Root certificate (PEM) to verify the server with.").build()),
                unsupported(
                        "s3_path", "the sink inserts over HTTP, no S3 staging",
                        "access_key_id", "the sink inserts over HTTP, no S3 staging",
                        "secret_access_key", "the sink inserts over HTTP, no S3 staging",
                        "region", "the sink inserts over HTTP, no S3 staging",
                        "endpoint", "the sink inserts over HTTP, no S3 staging",
                        "certificate", "client certificates are not supported; use user/password",
                        "private_key", "client certificates are not supported; use user/password",
                        "tls_host", "the host name is verified against `host`")));
    }

    private PeerSpec() {
    }

    public static OptionSet options(PeerType type) {
        return SPECS.get(type);
    }

    /** A spec builder whose option may be a config-provider reference, except those the compiler computes with. */
    private static OptionSpec.Builder s(String name, OptionType type) {
        OptionSpec.Builder b = OptionSpec.of(name, type);
        return type == BOOLEAN ? b : b.placeholders();
    }

    private static Map<String, String> unsupported(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
