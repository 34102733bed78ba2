package io.mirrorconnect.sink;

import org.apache.kafka.connect.errors.DataException;

/** The destination cannot take one record's value (e.g. out of range for the column type). Never retried. */
public class RecordRejectedException extends DataException {
    private static final long serialVersionUID = 1L;

    private final transient CollapsedRow row;
    private final String column;

    public RecordRejectedException(CollapsedRow row, String column, String problem, Throwable cause) {
        super("record " + row.source().where() + (row.key() == null ? "" : ", key " + row.key()) + ", column "
                + column + ": " + problem, cause);
        this.row = row;
        this.column = column;
    }

    public CollapsedRow row() {
        return row;
    }

    public String column() {
        return column;
    }
}
