package io.mirrorconnect.qrep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.apache.kafka.connect.errors.ConnectException;
import org.postgresql.PGProperty;

import io.mirrorconnect.pgcdc.sql.PgSql;

/**
 * Opens the source's pgjdbc connections, with the session settings under which COPY's text forms are the ones the
 * shared type mapper parses (pg-cdc-source's {@link PgSql#sessionOptions()}).
 */
public final class QRepConnections {
    private final QRepSourceConfig config;
    private volatile String rootCertPath;

    public QRepConnections(QRepSourceConfig config) {
        this.config = config;
    }

    public Connection open(String purpose) throws SQLException {
        Properties p = new Properties();
        PGProperty.USER.set(p, config.user());
        if (config.password() != null) {
            PGProperty.PASSWORD.set(p, config.password());
        }
        PGProperty.SSL_MODE.set(p, config.sslMode());
        String root = config.sslRootCert();
        if (root != null && !root.isBlank()) {
            PGProperty.SSL_ROOT_CERT.set(p, rootCertFile(root));
        }
        PGProperty.APPLICATION_NAME.set(p, "mirrorconnect-" + config.mirrorName() + "-" + purpose);
        PGProperty.TCP_KEEP_ALIVE.set(p, true);
        PGProperty.OPTIONS.set(p, PgSql.sessionOptions());
        return DriverManager.getConnection("jdbc:postgresql://" + config.hostname() + ":" + config.port() + "/"
                + config.database(), p);
    }

    private String rootCertFile(String root) {
        if (!root.trim().startsWith("-----BEGIN")) {
            return root;
        }
        synchronized (this) {
            if (rootCertPath == null) {
                try {
                    Path f = Files.createTempFile("mirrorconnect-rootca-", ".pem",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(f, root, StandardCharsets.US_ASCII);
                    f.toFile().deleteOnExit();
                    rootCertPath = f.toString();
                } catch (IOException | UnsupportedOperationException e) {
                    throw new ConnectException("cannot write " + QRepSourceConfig.SSLROOTCERT_CONFIG
                            + " to a temporary file: " + e.getMessage(), e);
                }
            }
            return rootCertPath;
        }
    }
}
