package io.mirrorconnect.clickhouse.rowbinary;

import org.apache.kafka.connect.errors.DataException;

/** A value that does not fit its ClickHouse column; the message names the column, its type and the value. */
public class RowBinaryEncodingException extends DataException {
    private static final long serialVersionUID = 1L;

    public RowBinaryEncodingException(String message) {
        super(message);
    }

    public RowBinaryEncodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
