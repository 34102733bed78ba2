package io.mirrorconnect.bigquery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import io.mirrorconnect.bigquery.schema.ArrayMapping;
import io.mirrorconnect.sink.SinkCoreConfig;

/**
 * The BigQuery sink's properties: the common sink properties ({@link SinkCoreConfig}) plus the BigQuery peer
 * (docs/compiled-configs.md, "Sink: BigQuery"): project, dataset, the service-account key one field per property
 * (as mirror-ddl writes them), or a key file, or application default credentials; endpoint overrides for
 * emulators and private endpoints.
 */
public final class BigQuerySinkConfig extends SinkCoreConfig {
    public static final String GROUP_BIGQUERY = "BigQuery";
    public static final String GROUP_CREDENTIALS = "BigQuery credentials";

    public static final String PROJECT_CONFIG = "bigquery.project";
    public static final String PROJECT_DOC = "Google Cloud project of the dataset, which also runs the sink's query jobs (peer option project_id).";
    public static final String PROJECT_DISPLAY = "Project";

    public static final String DATASET_CONFIG = "bigquery.dataset";
    public static final String DATASET_DOC = "Dataset that holds the destination tables (peer option dataset_id). "
            + "A destination written as dataset.table in table.mapping uses that dataset instead.";
    public static final String DATASET_DISPLAY = "Dataset";

    public static final String STAGING_DATASET_CONFIG = "bigquery.staging.dataset";
    public static final String STAGING_DATASET_DOC = "Dataset for the per-flush staging tables (in the same location as "
            + "the destination dataset). Empty: the destination table's dataset.";
    public static final String STAGING_DATASET_DISPLAY = "Staging dataset";

    public static final String LOCATION_CONFIG = "bigquery.location";
    public static final String LOCATION_DOC = "Location the query jobs run in (e.g. US, EU, europe-west1). Empty: BigQuery picks the dataset's.";
    public static final String LOCATION_DISPLAY = "Location";

    public static final String ARRAYS_CONFIG = "bigquery.arrays";
    public static final String ARRAYS_DOC = "How array fields are stored (docs/bigquery-types.md). repeated: REPEATED columns; "
            + "a NULL array is stored as an empty array (logged once per column) and an array with a NULL element is "
            + "rejected. strict: REPEATED columns; NULL arrays are rejected too. json: JSON columns holding each array "
            + "exactly. Arrays of arrays and maps are always JSON.";
    public static final String ARRAYS_DISPLAY = "Arrays";

    public static final String TIMEOUT_MS_CONFIG = "bigquery.timeout.ms";
    public static final String TIMEOUT_MS_DOC = "How long one BigQuery operation (query job, append, commit) may take before it counts as a transient failure.";
    public static final String TIMEOUT_MS_DISPLAY = "Operation timeout (ms)";
    public static final long TIMEOUT_MS_DEFAULT = 300_000L;

    public static final String REST_ENDPOINT_CONFIG = "bigquery.rest.endpoint";
    public static final String REST_ENDPOINT_DOC = "Root URL of the BigQuery REST API, e.g. https://bigquery.googleapis.com "
            + "(a private endpoint) or http://127.0.0.1:9050 (an emulator). Empty: Google's.";
    public static final String REST_ENDPOINT_DISPLAY = "REST endpoint";

    public static final String GRPC_ENDPOINT_CONFIG = "bigquery.grpc.endpoint";
    public static final String GRPC_ENDPOINT_DOC = "host:port of the BigQuery Storage Write API (gRPC, TLS); prefix "
            + "http:// for a plaintext endpoint such as an emulator. Empty: Google's.";
    public static final String GRPC_ENDPOINT_DISPLAY = "Storage Write endpoint";

    public static final String AUTH_CONFIG = "bigquery.auth";
    public static final String AUTH_DOC = "auto: the service-account key fields when bigquery.credentials.private_key is set, "
            + "else the key file bigquery.credentials.file when set, else application default credentials. "
            + "none: no credentials (emulators only).";
    public static final String AUTH_DISPLAY = "Authentication";

    public static final String CREDENTIALS_FILE_CONFIG = "bigquery.credentials.file";
    public static final String CREDENTIALS_FILE_DOC = "Path, on the worker, of a service-account JSON key file.";
    public static final String CREDENTIALS_FILE_DISPLAY = "Key file";

    /** Service-account key fields, as mirror-ddl writes them: {@code bigquery.credentials.<field>}. */
    public static final String CREDENTIALS_PREFIX = "bigquery.credentials.";
    public static final List<String> KEY_FIELDS = List.of("type", "project_id", "private_key_id", "private_key",
            "client_email", "client_id", "auth_uri", "token_uri", "auth_provider_x509_cert_url", "client_x509_cert_url");

    /** Set by the connector on each task (names the task's staging tables, so a restarted task finds its own leftovers). */
    public static final String TASK_INDEX_CONFIG = "bigquery.task.index";

    public static final ConfigDef CONFIG_DEF = configDef();

    /**
     * The endpoint properties a worker may default with JVM system properties ({@link SinkCoreConfig#withWorkerDefaults}:
     * {@code -Dmirror.bigquery.rest.endpoint=...}, {@code mirror.bigquery.grpc.endpoint}, {@code mirror.bigquery.auth},
     * {@code mirror.bigquery.location}): for a worker whose BigQuery sinks all go through one private endpoint, or a
     * test worker whose mirrors are created from SQL (a BIGQUERY peer has no endpoint options). A connector's own
     * property wins.
     */
    static final List<String> WORKER_DEFAULTABLE = List.of(REST_ENDPOINT_CONFIG, GRPC_ENDPOINT_CONFIG, AUTH_CONFIG, LOCATION_CONFIG);

    public BigQuerySinkConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, withWorkerDefaults(originals));
        List<String> problems = bigQueryProblems();
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
        def.define(PROJECT_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, name, Importance.HIGH, PROJECT_DOC,
                GROUP_BIGQUERY, ++o, Width.MEDIUM, PROJECT_DISPLAY);
        def.define(DATASET_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, name, Importance.HIGH, DATASET_DOC,
                GROUP_BIGQUERY, ++o, Width.MEDIUM, DATASET_DISPLAY);
        def.define(STAGING_DATASET_CONFIG, Type.STRING, "", Importance.LOW, STAGING_DATASET_DOC,
                GROUP_BIGQUERY, ++o, Width.MEDIUM, STAGING_DATASET_DISPLAY);
        def.define(LOCATION_CONFIG, Type.STRING, "", Importance.LOW, LOCATION_DOC, GROUP_BIGQUERY, ++o, Width.SHORT, LOCATION_DISPLAY);
        def.define(ARRAYS_CONFIG, Type.STRING, ArrayMapping.REPEATED.configValue(),
                ConfigDef.ValidString.in("repeated", "strict", "json"), Importance.MEDIUM, ARRAYS_DOC,
                GROUP_BIGQUERY, ++o, Width.SHORT, ARRAYS_DISPLAY);
        def.define(TIMEOUT_MS_CONFIG, Type.LONG, TIMEOUT_MS_DEFAULT, ConfigDef.Range.atLeast(1), Importance.LOW,
                TIMEOUT_MS_DOC, GROUP_BIGQUERY, ++o, Width.SHORT, TIMEOUT_MS_DISPLAY);
        def.define(REST_ENDPOINT_CONFIG, Type.STRING, "", Importance.LOW, REST_ENDPOINT_DOC,
                GROUP_BIGQUERY, ++o, Width.LONG, REST_ENDPOINT_DISPLAY);
        def.define(GRPC_ENDPOINT_CONFIG, Type.STRING, "", Importance.LOW, GRPC_ENDPOINT_DOC,
                GROUP_BIGQUERY, ++o, Width.LONG, GRPC_ENDPOINT_DISPLAY);

        o = 0;
        def.define(AUTH_CONFIG, Type.STRING, "auto", ConfigDef.ValidString.in("auto", "none"), Importance.MEDIUM,
                AUTH_DOC, GROUP_CREDENTIALS, ++o, Width.SHORT, AUTH_DISPLAY);
        def.define(CREDENTIALS_FILE_CONFIG, Type.STRING, "", Importance.MEDIUM, CREDENTIALS_FILE_DOC,
                GROUP_CREDENTIALS, ++o, Width.LONG, CREDENTIALS_FILE_DISPLAY);
        for (String field : KEY_FIELDS) {
            def.define(CREDENTIALS_PREFIX + field, field.equals("private_key") ? Type.PASSWORD : Type.STRING, "",
                    Importance.MEDIUM, "Service-account key field " + field + " (peer option " + field + ")"
                            + (field.equals("private_key") ? "; PEM text, written \\n escapes are read as line breaks." : "."),
                    GROUP_CREDENTIALS, ++o, Width.LONG, "Key " + field);
        }
        def.defineInternal(TASK_INDEX_CONFIG, Type.INT, 0, Importance.LOW);
        return def;
    }

    private List<String> bigQueryProblems() {
        List<String> out = new ArrayList<>();
        if (!"none".equals(auth()) && !privateKey().isEmpty()) {
            for (String f : List.of("client_email", "private_key_id")) {
                if (keyField(f).isEmpty()) {
                    out.add(CREDENTIALS_PREFIX + f + ": required with " + CREDENTIALS_PREFIX + "private_key");
                }
            }
        }
        if (!grpcEndpoint().isEmpty() && !grpcEndpoint().replaceFirst("^https?://", "").matches("[^/:]+:\\d+")) {
            out.add(GRPC_ENDPOINT_CONFIG + ": expected host:port (or http://host:port), got '" + grpcEndpoint() + "'");
        }
        return out;
    }

    public String project() {
        return getString(PROJECT_CONFIG);
    }

    public String dataset() {
        return getString(DATASET_CONFIG);
    }

    /** The staging dataset for a destination in {@code destinationDataset}. */
    public String stagingDataset(String destinationDataset) {
        String s = getString(STAGING_DATASET_CONFIG).trim();
        return s.isEmpty() ? destinationDataset : s;
    }

    /** Empty when not set. */
    public String location() {
        return getString(LOCATION_CONFIG).trim();
    }

    public ArrayMapping arrays() {
        return ArrayMapping.fromConfig(getString(ARRAYS_CONFIG));
    }

    public long timeoutMs() {
        return getLong(TIMEOUT_MS_CONFIG);
    }

    public String restEndpoint() {
        return getString(REST_ENDPOINT_CONFIG).trim();
    }

    /** As configured (may start with http://); empty for Google's. */
    public String grpcEndpoint() {
        return getString(GRPC_ENDPOINT_CONFIG).trim();
    }

    /** host:port of the Storage Write API, without a scheme. */
    public String grpcHostPort() {
        return grpcEndpoint().replaceFirst("^https?://", "");
    }

    public boolean grpcPlaintext() {
        return grpcEndpoint().startsWith("http://");
    }

    public String auth() {
        return getString(AUTH_CONFIG);
    }

    public String credentialsFile() {
        return getString(CREDENTIALS_FILE_CONFIG).trim();
    }

    /** A service-account key field (not private_key), empty when not set. */
    public String keyField(String field) {
        return getString(CREDENTIALS_PREFIX + field).trim();
    }

    /** The PEM private key, with written {@code \n} escapes (as in a pasted JSON key) turned into line breaks. */
    public String privateKey() {
        Password p = getPassword(CREDENTIALS_PREFIX + "private_key");
        String pem = p == null ? "" : p.value();
        return pem.contains("\n") ? pem : pem.replace("\\n", "\n");
    }

    public int taskIndex() {
        return getInt(TASK_INDEX_CONFIG);
    }
}
