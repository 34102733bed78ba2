package io.mirrorconnect.ddl.connect;

/**
 * A failed Connect REST call, readable: {@code PUT /connectors/m-sink/config: HTTP 400: <Connect's message>}.
 * {@code status} is 0 when no HTTP response arrived (connection refused, timeout).
 */
public final class ConnectRestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ConnectRestException(String method, String path, int status, String message, Throwable cause) {
        super(method + " " + path + ": " + (status == 0 ? "" : "HTTP " + status + ": ") + message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
