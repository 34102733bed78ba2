package io.mirrorconnect.bigquery.sql;

import java.util.ArrayList;
import java.util.List;

import io.mirrorconnect.bigquery.schema.TableLayout;

/** BigQuery DDL the sink runs (pure; golden-tested). Every identifier goes through {@link BigQueryDialect#quote}. */
public final class BigQueryDdl {
    private BigQueryDdl() {
    }

    /**
     * The destination table: the replicated columns (key columns NOT NULL in keyed tables), then version,
     * soft-delete flag (soft deletes only) and synced-at; clustered on the key when {@code keyed}.
     */
    public static String createTable(TableRef table, TableLayout layout, SinkColumns sink, boolean keyed) {
        List<String> lines = new ArrayList<>();
        for (TableLayout.Column c : layout.columns()) {
            lines.add(BigQueryDialect.quote(c.name()) + " " + c.type().ddl()
                    + (keyed && c.key() && !c.type().repeated() ? " NOT NULL" : ""));
        }
        lines.add(BigQueryDialect.quote(sink.version()) + " INT64");
        if (sink.deleted() != null) {
            lines.add(BigQueryDialect.quote(sink.deleted()) + " BOOL");
        }
        lines.add(BigQueryDialect.quote(sink.syncedAt()) + " TIMESTAMP");
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table.sql()).append(" (\n  ")
                .append(String.join(",\n  ", lines)).append("\n)");
        List<String> clustering = keyed ? layout.clusteringColumns() : List.of();
        if (!clustering.isEmpty()) {
            sb.append("\nCLUSTER BY ").append(String.join(", ", clustering.stream().map(BigQueryDialect::quote).toList()));
        }
        return sb.toString();
    }

    /** One column added (BigQuery takes one ADD COLUMN per statement here). New columns are NULLABLE. */
    public static String addColumn(TableRef table, TableLayout.Column column) {
        return "ALTER TABLE " + table.sql() + " ADD COLUMN IF NOT EXISTS " + BigQueryDialect.quote(column.name()) + " "
                + column.type().ddl();
    }

    public static String truncate(TableRef table) {
        return "TRUNCATE TABLE " + table.sql();
    }

    /** The named query parameter (INT64) of {@link #deleteOlderThan}. */
    public static final String VERSION_PARAMETER = "version";

    /**
     * A source TRUNCATE applied version-guarded: {@code DELETE FROM t WHERE version < @version}. Rows of later
     * changes (higher versions) stay, so every sink task may run it for its own copy of the truncate.
     */
    public static String deleteOlderThan(TableRef table, String versionColumn) {
        return "DELETE FROM " + table.sql() + " WHERE " + BigQueryDialect.quote(versionColumn) + " < @"
                + VERSION_PARAMETER;
    }
}
