package io.mirrorconnect.bigquery.proto;

/** A value BigQuery cannot hold in its column (the writer turns it into a RecordRejectedException naming the row). */
public class ValueRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String column;

    public ValueRejectedException(String column, String problem) {
        super(problem);
        this.column = column;
    }

    public String column() {
        return column;
    }
}
