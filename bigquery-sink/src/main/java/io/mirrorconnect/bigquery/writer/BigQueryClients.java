package io.mirrorconnect.bigquery.writer;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.storage.v1.BigQueryWriteClient;
import com.google.cloud.bigquery.storage.v1.BigQueryWriteSettings;

import io.mirrorconnect.bigquery.BigQuerySinkConfig;

/** Opens Google's clients for a sink config: REST for tables and query jobs, gRPC for the Storage Write API. */
public final class BigQueryClients {
    static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/bigquery",
            "https://www.googleapis.com/auth/cloud-platform");

    /**
     * The Storage Write client logs every stream's connect and close at INFO through java.util.logging, on
     * StreamWriter's logger (several lines per flush); warnings and errors still show. Held here so the level is not lost to garbage collection.
     */
    private static final java.util.logging.Logger STREAM_LOG = quiet("com.google.cloud.bigquery.storage.v1.StreamWriter");

    private BigQueryClients() {
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /** The REST client (Apache HTTP transport: it sends PATCH, which the JDK's HttpURLConnection cannot). */
    public static BigQuery bigQuery(BigQuerySinkConfig config) {
        BigQueryOptions.Builder b = BigQueryOptions.newBuilder()
                .setProjectId(config.project())
                .setCredentials(credentials(config))
                // a few quick client-side retries; longer outages are the sink core's (bounded, with backoff)
                .setRetrySettings(com.google.api.gax.retrying.RetrySettings.newBuilder().setMaxAttempts(3)
                        .setInitialRetryDelayDuration(java.time.Duration.ofMillis(200)).setRetryDelayMultiplier(2.0)
                        .setMaxRetryDelayDuration(java.time.Duration.ofSeconds(5))
                        .setTotalTimeoutDuration(java.time.Duration.ofMillis(Math.min(config.timeoutMs(), 60_000L))).build())
                .setTransportOptions(HttpTransportOptions.newBuilder().setHttpTransportFactory(ApacheHttpTransport::new)
                        .setConnectTimeout(30_000).setReadTimeout((int) Math.min(config.timeoutMs(), Integer.MAX_VALUE)).build());
        if (!config.location().isEmpty()) {
            b.setLocation(config.location());
        }
        if (!config.restEndpoint().isEmpty()) {
            b.setHost(config.restEndpoint());
        }
        return b.build().getService();
    }

    /** The Storage Write API client. */
    public static BigQueryWriteClient writeClient(BigQuerySinkConfig config) {
        STREAM_LOG.fine("opening a Storage Write client");
        try {
            BigQueryWriteSettings.Builder b = BigQueryWriteSettings.newBuilder();
            Credentials credentials = credentials(config);
            b.setCredentialsProvider(credentials instanceof NoCredentials ? NoCredentialsProvider.create()
                    : FixedCredentialsProvider.create(credentials));
            if (!config.grpcEndpoint().isEmpty()) {
                b.setEndpoint(config.grpcHostPort());
                if (config.grpcPlaintext()) {
                    b.setTransportChannelProvider(BigQueryWriteSettings.defaultGrpcTransportProviderBuilder()
                            .setChannelConfigurator(channel -> channel.usePlaintext()).build());
                }
            }
            return BigQueryWriteClient.create(b.build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the BigQuery Storage Write client: " + e.getMessage(), e);
        }
    }

    /** The credentials bigquery.auth chooses. */
    public static Credentials credentials(BigQuerySinkConfig config) {
        if ("none".equals(config.auth())) {
            return NoCredentials.getInstance();
        }
        try {
            if (!config.privateKey().isEmpty()) {
                ServiceAccountCredentials sa = ServiceAccountCredentials.fromPkcs8(config.keyField("client_id"),
                        config.keyField("client_email"), config.privateKey(), config.keyField("private_key_id"), SCOPES);
                ServiceAccountCredentials.Builder b = sa.toBuilder();
                if (!config.keyField("project_id").isEmpty()) {
                    b.setProjectId(config.keyField("project_id"));
                }
                if (!config.keyField("token_uri").isEmpty()) {
                    b.setTokenServerUri(java.net.URI.create(config.keyField("token_uri")));
                }
                return b.build();
            }
            if (!config.credentialsFile().isEmpty()) {
                try (InputStream in = new FileInputStream(config.credentialsFile())) {
                    return GoogleCredentials.fromStream(in).createScoped(SCOPES);
                }
            }
            return GoogleCredentials.getApplicationDefault().createScoped(SCOPES);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot load BigQuery credentials: " + e.getMessage(), e);
        }
    }
}
