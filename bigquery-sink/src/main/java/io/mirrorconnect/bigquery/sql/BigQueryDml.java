package io.mirrorconnect.bigquery.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mirrorconnect.bigquery.schema.StagingTable;
import io.mirrorconnect.bigquery.schema.TableLayout;

import static io.mirrorconnect.bigquery.sql.BigQueryDialect.quote;

/**
 * The statements that move a staged batch into its destination table (pure; golden-tested), each one script
 * {@code BEGIN TRANSACTION; …; COMMIT TRANSACTION;}. Staging columns are {@code c<i>} for the layout's column
 * {@code i} plus {@link StagingTable}'s own.
 */
public final class BigQueryDml {
    private static final String NOW = "CURRENT_TIMESTAMP()";

    private BigQueryDml() {
    }

    /**
     * Upsert: the staged rows, deduplicated to the newest version per key (ties to the later row), merged into
     * the destination. A matched row changes only when the staged version is newer than the stored one (a replay,
     * or an old change arriving late, leaves it alone). Hard deletes delete; soft deletes set the flag and keep
     * the columns the delete did not carry. Each unchanged-TOAST group (rows that lack the same columns) gets its
     * own WHEN MATCHED clause that leaves those columns out, so the stored values stay without being read back.
     * Unmatched rows are inserted (soft-deleted ones with the flag set; hard-deleted ones not at all).
     *
     * @param unknownByGroup for group {@code g} (the staged {@code _mc_group}), the layout positions its rows lack
     */
    public static String merge(TableRef target, TableRef staging, TableLayout layout, SinkColumns sink,
                               List<Set<Integer>> unknownByGroup) {
        if (layout.keyColumns().isEmpty()) {
            throw new IllegalArgumentException("merge into " + target + " needs key columns");
        }
        List<String> keyStaging = new ArrayList<>();
        List<String> on = new ArrayList<>();
        for (String k : layout.keyColumns()) {
            String s = StagingTable.column(layout.indexOf(k));
            keyStaging.add(quote(s));
            on.add("T." + quote(k) + " = S." + quote(s));
        }
        String newer = "S." + quote(StagingTable.VERSION) + " > COALESCE(T." + quote(sink.version()) + ", -1)";
        String deleted = "S." + quote(StagingTable.DELETED);

        StringBuilder sb = new StringBuilder("BEGIN TRANSACTION;\n");
        sb.append("MERGE ").append(target.sql()).append(" AS T\n");
        sb.append("USING (\n  SELECT * FROM ").append(staging.sql()).append(" WHERE TRUE\n  QUALIFY ROW_NUMBER() OVER (PARTITION BY ")
                .append(String.join(", ", keyStaging)).append(" ORDER BY ").append(quote(StagingTable.VERSION)).append(" DESC, ")
                .append(quote(StagingTable.SEQ)).append(" DESC) = 1\n) AS S\n");
        sb.append("ON ").append(String.join(" AND ", on)).append('\n');
        if (sink.deleted() == null) {
            sb.append("WHEN MATCHED AND ").append(deleted).append(" AND ").append(newer).append(" THEN\n  DELETE\n");
        }
        for (int g = 0; g < unknownByGroup.size(); g++) {
            Set<Integer> unknown = unknownByGroup.get(g);
            List<String> set = new ArrayList<>();
            for (int i = 0; i < layout.columns().size(); i++) {
                TableLayout.Column c = layout.columns().get(i);
                if (!c.key() && !unknown.contains(i)) {
                    set.add(quote(c.name()) + " = S." + quote(StagingTable.column(i)));
                }
            }
            set.add(quote(sink.version()) + " = S." + quote(StagingTable.VERSION));
            if (sink.deleted() != null) {
                set.add(quote(sink.deleted()) + " = " + deleted);
            }
            set.add(quote(sink.syncedAt()) + " = " + NOW);
            sb.append("WHEN MATCHED AND S.").append(quote(StagingTable.GROUP)).append(" = ").append(g).append(" AND ")
                    .append(newer).append(" THEN\n  UPDATE SET ").append(String.join(", ", set)).append('\n');
        }
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < layout.columns().size(); i++) {
            columns.add(quote(layout.columns().get(i).name()));
            values.add("S." + quote(StagingTable.column(i)));
        }
        columns.add(quote(sink.version()));
        values.add("S." + quote(StagingTable.VERSION));
        if (sink.deleted() != null) {
            columns.add(quote(sink.deleted()));
            values.add(deleted);
        }
        columns.add(quote(sink.syncedAt()));
        values.add(NOW);
        sb.append("WHEN NOT MATCHED").append(sink.deleted() == null ? " AND NOT " + deleted : "").append(" THEN\n  INSERT (")
                .append(String.join(", ", columns)).append(")\n  VALUES (").append(String.join(", ", values)).append(");\n");
        sb.append("COMMIT TRANSACTION;");
        return sb.toString();
    }

    /** Append and overwrite: every staged row inserted as it is. */
    public static String append(TableRef target, TableRef staging, TableLayout layout, SinkColumns sink) {
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < layout.columns().size(); i++) {
            columns.add(quote(layout.columns().get(i).name()));
            values.add(quote(StagingTable.column(i)));
        }
        columns.add(quote(sink.version()));
        values.add(quote(StagingTable.VERSION));
        if (sink.deleted() != null) {
            columns.add(quote(sink.deleted()));
            values.add(quote(StagingTable.DELETED));
        }
        columns.add(quote(sink.syncedAt()));
        values.add(NOW);
        return "BEGIN TRANSACTION;\nINSERT INTO " + target.sql() + " (" + String.join(", ", columns) + ")\nSELECT "
                + String.join(", ", values) + "\nFROM " + staging.sql() + ";\nCOMMIT TRANSACTION;";
    }
}
