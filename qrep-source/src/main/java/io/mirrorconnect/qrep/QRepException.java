package io.mirrorconnect.qrep;

import java.sql.SQLException;

import org.apache.kafka.connect.errors.ConnectException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** A failure of a query-replication mirror, its message naming the mirror (and, for SQL errors, where). */
public class QRepException extends ConnectException {
    /** The configuration property the error is about, for validate(); null when none is. */
    private final String property;

    public QRepException(String mirror, String message) {
        this(mirror, null, message);
    }

    public QRepException(String mirror, String property, String message) {
        super("mirror " + mirror + ": " + message);
        this.property = property;
    }

    public String property() {
        return property;
    }

    public QRepException(String mirror, String message, Throwable cause) {
        super("mirror " + mirror + ": " + message, cause);
        this.property = null;
    }

    public QRepException(String mirror, String property, String message, Throwable cause) {
        super("mirror " + mirror + ": " + message, cause);
        this.property = property;
    }

    /**
     * A failed statement: Postgres's message and, when Postgres reports one, the position in the statement with
     * the text around it.
     */
    public static QRepException sql(String mirror, String what, String sql, SQLException e) {
        StringBuilder sb = new StringBuilder(what).append(" failed: ").append(e.getMessage().strip());
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            int pos = m.getPosition();
            if (pos > 0 && sql != null && pos <= sql.length() + 1) {
                int at = pos - 1;
                String before = sql.substring(Math.max(0, at - 40), at).replace('\n', ' ');
                String after = sql.substring(at, Math.min(sql.length(), at + 40)).replace('\n', ' ');
                sb.append(" (at character ").append(pos).append(" of the statement: ...").append(before)
                        .append(" >>>").append(after).append("...)");
            }
        }
        sb.append("; statement: ").append(sql == null ? "?" : sql.strip());
        return new QRepException(mirror, QRepSourceConfig.QUERY_CONFIG, sb.toString(), e);
    }
}
