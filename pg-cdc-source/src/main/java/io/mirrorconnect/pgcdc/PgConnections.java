package io.mirrorconnect.pgcdc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.apache.kafka.connect.errors.ConnectException;
import org.postgresql.PGProperty;

import io.mirrorconnect.pgcdc.sql.PgSql;

/**
 * Opens pgjdbc connections (regular and replication) to the source, every one with the session settings under which
 * Postgres's text forms are the ones the type mapper parses. Used by both sources (pg-cdc-source, qrep-source).
 */
public final class PgConnections {
    /**
     * Where and how to connect.
     *
     * @param sslRootCert PEM text or a file path; null or blank: pgjdbc's default
     * @param mirrorName  names the connections ({@code application_name})
     */
    public record Endpoint(String hostname, int port, String database, String user, String password, String sslMode,
                           String sslRootCert, String mirrorName) {
    }

    private final Endpoint endpoint;
    private volatile String rootCertPath;

    public PgConnections(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    public PgConnections(PgCdcSourceConfig config) {
        this(new Endpoint(config.hostname(), config.port(), config.database(), config.user(), config.password(),
                config.sslMode(), config.sslRootCert(), config.mirrorName()));
    }

    public String url() {
        return "jdbc:postgresql://" + endpoint.hostname() + ":" + endpoint.port() + "/" + endpoint.database();
    }

    /** A regular connection (autocommit on). */
    public Connection open(String purpose) throws SQLException {
        return withSessionSettings(DriverManager.getConnection(url(), properties(purpose)));
    }

    /** A logical replication connection (replication=database, simple query protocol). */
    public Connection openReplication(String purpose) throws SQLException {
        Properties p = properties(purpose);
        PGProperty.REPLICATION.set(p, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(p, "9.4");
        PGProperty.PREFER_QUERY_MODE.set(p, "simple");
        return withSessionSettings(DriverManager.getConnection(url(), p));
    }

    /**
     * Applies {@link PgSql#SESSION_SETTINGS} with SET as well: pgjdbc sends its own {@code TimeZone} startup
     * parameter (the JVM's zone), which overrides the startup {@code options}, and text forms that embed a
     * timestamptz (a composite's) would then depend on the worker's zone. A walsender in database mode runs SET
     * too, and formats pgoutput values with it.
     */
    private static Connection withSessionSettings(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String set : PgSql.sessionSetStatements()) {
                st.execute(set);
            }
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return c;
    }

    private Properties properties(String purpose) {
        Properties p = new Properties();
        PGProperty.USER.set(p, endpoint.user());
        if (endpoint.password() != null) {
            PGProperty.PASSWORD.set(p, endpoint.password());
        }
        PGProperty.SSL_MODE.set(p, endpoint.sslMode());
        String root = endpoint.sslRootCert();
        if (root != null && !root.isBlank()) {
            PGProperty.SSL_ROOT_CERT.set(p, rootCertFile(root));
        }
        PGProperty.APPLICATION_NAME.set(p, "mirrorconnect-" + endpoint.mirrorName() + "-" + purpose);
        PGProperty.TCP_KEEP_ALIVE.set(p, true);
        // the text forms pgoutput and COPY produce must be the ones the type mapper parses
        PGProperty.OPTIONS.set(p, PgSql.sessionOptions());
        return p;
    }

    /** PEM text is written to a private temporary file, since pgjdbc reads the root CA from a file. */
    private String rootCertFile(String root) {
        if (!root.trim().startsWith("-----BEGIN")) {
            return root;
        }
        if (rootCertPath == null) {
            synchronized (this) {
                if (rootCertPath == null) {
                    try {
                        Path f = Files.createTempFile("mirrorconnect-rootca-", ".pem",
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                        Files.writeString(f, root, StandardCharsets.US_ASCII);
                        f.toFile().deleteOnExit();
                        rootCertPath = f.toString();
                    } catch (IOException | UnsupportedOperationException e) {
                        throw new ConnectException("cannot write the SSL root certificate"
                                + " (database.sslrootcert) to a temporary file: " + e.getMessage(), e);
                    }
                }
            }
        }
        return rootCertPath;
    }
}
