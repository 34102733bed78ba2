package io.mirrorconnect.pgcdc.decoder;

import org.apache.kafka.connect.errors.DataException;

/** A pgoutput message (or COPY text line) that cannot be decoded. Never retried: the input will not change. */
public class PgOutputException extends DataException {
    private static final long serialVersionUID = 1L;

    public PgOutputException(String message) {
        super(message);
    }

    public PgOutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
