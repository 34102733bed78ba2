package io.mirrorconnect.bigquery.sql;

/** A BigQuery table by project, dataset and name. */
public record TableRef(String project, String dataset, String table) {

    /** {@code `project`.`dataset`.`table`}. */
    public String sql() {
        return BigQueryDialect.table(project, dataset, table);
    }

    @Override
    public String toString() {
        return project + "." + dataset + "." + table;
    }
}
