package io.mirrorconnect.clickhouse.writer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ClickHouseException;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.query.GenericRecord;

import io.mirrorconnect.clickhouse.ClickHouseSinkConfig;

/** Builds the official ClickHouse client (client-v2) from the sink config and classifies its errors. */
public final class ClickHouseClients {
    private ClickHouseClients() {
    }

    public static Client open(ClickHouseSinkConfig config) {
        Client.Builder b = new Client.Builder()
                .addEndpoint(config.endpoint())
                .setUsername(config.user())
                .setPassword(config.password().value())
                .setDefaultDatabase(config.database())
                .setClientName("mirror-connect-" + config.mirrorName())
                .compressServerResponse(config.compression())
                .compressClientRequest(config.compression())
                .setConnectTimeout(Math.min(config.timeoutMs(), 30_000L), ChronoUnit.MILLIS)
                .setSocketTimeout(config.timeoutMs(), ChronoUnit.MILLIS)
                .setExecutionTimeout(config.timeoutMs(), ChronoUnit.MILLIS);
        if (!config.compression()) {
            b.useHttpCompression(false);
        }
        String cert = config.sslRootCert();
        if (config.ssl() && cert != null && !cert.isBlank()) {
            b.setRootCertificate(certificatePath(cert));
        }
        return b.build();
    }

    /** A root certificate given as PEM text is written to a private temporary file; a path is used as is. */
    public static String certificatePath(String cert) {
        if (!cert.contains("-----BEGIN")) {
            return cert.trim();
        }
        try {
            Path file = Files.createTempFile("mirror-clickhouse-ca-", ".pem");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on non-POSIX file systems
            }
            Files.writeString(file, cert, StandardCharsets.UTF_8);
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write clickhouse.ssl.root.cert to a temporary file", e);
        }
    }

    /** Runs a trivial query and checks that the configured database exists; throws with the reason otherwise. */
    public static void checkConnectivity(Client client, ClickHouseSinkConfig config) {
        List<GenericRecord> rows = client.queryAll("SELECT count() FROM system.databases WHERE name = {db:String}",
                Map.of("db", config.database()));
        if (rows.isEmpty() || rows.get(0).getLong(1) == 0) {
            throw new IllegalStateException("database '" + config.database() + "' does not exist");
        }
    }

    /** The innermost useful message of a client error. */
    public static String describe(Throwable e) {
        ServerException server = serverError(e);
        Throwable t = server != null ? server : unwrap(e);
        String m = t.getMessage();
        return m == null ? t.toString() : m;
    }

    /** Strips the future wrappers (ExecutionException, CompletionException). */
    public static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The ClickHouse server error in {@code e}'s causes, or null. */
    public static ServerException serverError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ServerException se) {
                return se;
            }
        }
        return null;
    }

    /**
     * Transient: the server could not be reached, the transfer broke, a timeout, or a server error ClickHouse
     * marks retryable (too many parts, memory limit, read-only replica, ...) or an HTTP 502/503/504.
     */
    public static boolean isTransient(Throwable e) {
        ServerException se = serverError(e);
        if (se != null) {
            int http = se.getTransportProtocolCode();
            return se.isRetryable() || http == 502 || http == 503 || http == 504;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClickHouseException ce && ce.isRetryable()) {
                return true;
            }
            if (t instanceof IOException || t instanceof TimeoutException || t instanceof SocketTimeoutException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof com.clickhouse.client.api.DataTransferException
                    || t instanceof com.clickhouse.client.api.ConnectionInitiationException) {
                return true;
            }
        }
        return false;
    }
}
