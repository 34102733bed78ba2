package io.mirrorconnect.pgcdc.types;

import org.apache.kafka.connect.errors.DataException;

/** A Postgres value that cannot be converted to its Connect value. The message names the value and why. */
public class PgValueException extends DataException {
    private static final long serialVersionUID = 1L;

    public PgValueException(String message) {
        super(message);
    }

    public PgValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
