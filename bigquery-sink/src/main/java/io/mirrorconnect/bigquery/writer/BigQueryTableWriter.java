package io.mirrorconnect.bigquery.writer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.StandardTableDefinition;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableInfo;
import com.google.cloud.bigquery.storage.v1.BigQueryWriteClient;
import com.google.protobuf.ByteString;

import io.mirrorconnect.bigquery.BigQuerySinkConfig;
import io.mirrorconnect.bigquery.proto.RowColumns;
import io.mirrorconnect.bigquery.proto.StagingRowEncoder;
import io.mirrorconnect.bigquery.proto.ValueRejectedException;
import io.mirrorconnect.bigquery.schema.BigQueryNames;
import io.mirrorconnect.bigquery.schema.StagingTable;
import io.mirrorconnect.bigquery.schema.TableLayout;
import io.mirrorconnect.bigquery.sql.BigQueryDdl;
import io.mirrorconnect.bigquery.sql.BigQueryDml;
import io.mirrorconnect.bigquery.sql.SinkColumns;
import io.mirrorconnect.bigquery.sql.TableRef;
import io.mirrorconnect.sink.CollapsedBatch;
import io.mirrorconnect.sink.CollapsedRow;
import io.mirrorconnect.sink.RecordRejectedException;
import io.mirrorconnect.sink.TableWriter;

/**
 * Writes collapsed batches to BigQuery. Per flush and table: create a staging table with the batch's columns,
 * append the rows through a Storage Write API PENDING stream (finalized and committed at once), run one
 * {@code BEGIN TRANSACTION; MERGE …; COMMIT TRANSACTION;} script (or INSERT … SELECT in append modes), and drop the
 * staging table, also after a failure. Values never come back into Java: unchanged-TOAST columns and the columns a
 * key-only delete lacks keep their stored values inside the MERGE. Tables are created and evolved with
 * {@link BigQueryDdl}'s statements.
 */
public final class BigQueryTableWriter implements TableWriter {
    private static final Logger log = LoggerFactory.getLogger(BigQueryTableWriter.class);

    private final BigQuerySinkConfig config;
    private final BigQuery bigQuery;
    private final BigQueryWriteClient writeClient;
    private final StorageWriteAppender appender;
    private final StagingNames stagingNames;
    private final SinkColumns sinkColumns;
    private final boolean keyed;
    private final Map<io.mirrorconnect.contract.TableId, Set<String>> knownColumns = new HashMap<>();
    private final Map<io.mirrorconnect.contract.TableId, TableLayout> layouts = new HashMap<>();
    private final Set<String> nullArraysLogged = new HashSet<>();
    private final Set<String> cleanedDatasets = new HashSet<>();

    public BigQueryTableWriter(BigQuerySinkConfig config, BigQuery bigQuery, BigQueryWriteClient writeClient) {
        this.config = config;
        this.bigQuery = bigQuery;
        this.writeClient = writeClient;
        this.appender = new StorageWriteAppender(writeClient, config.timeoutMs());
        this.stagingNames = new StagingNames(config.mirrorName(), config.taskIndex());
        this.sinkColumns = new SinkColumns(config.versionColumn(), config.softDelete() ? config.softDeleteColumn() : null,
                config.syncedAtColumn());
        this.keyed = config.writeMode().keyed();
    }

    /**
     * The BigQuery table of a mapped destination: dataset from the peer unless the mapping names one; the name made
     * valid for BigQuery ({@link BigQueryNames}).
     */
    TableRef target(io.mirrorconnect.contract.TableId table) {
        return new TableRef(config.project(), table.schema() != null ? table.schema() : config.dataset(),
                BigQueryNames.table(table.table()));
    }

    @Override
    public void ensureTable(io.mirrorconnect.contract.TableId table, Schema keySchema, Schema valueSchema) {
        TableLayout layout = TableLayout.of(keySchema, valueSchema, config.arrays());
        layouts.put(table, layout);
        Set<String> known = knownColumns.get(table);
        if (known != null && layout.missingFrom(known).isEmpty()) {
            return;
        }
        TableRef ref = target(table);
        removeLeftoverStaging(config.stagingDataset(ref.dataset()));
        known = describe(ref);
        if (known == null) {
            if (!config.autoCreate()) {
                throw new ConnectException("destination table " + ref + " does not exist and auto.create is false");
            }
            if (keyed && layout.keyColumns().isEmpty()) {
                throw new ConnectException("cannot create " + ref + " for upserts: its records have no key (give the source "
                        + "table a primary key, set unique.key.columns, or use write.mode=append)");
            }
            String ddl = BigQueryDdl.createTable(ref, layout, sinkColumns, keyed);
            query(ddl);
            log.info("created BigQuery table {}:\n{}", ref, ddl);
            known = describe(ref);
            if (known == null) {
                throw new ConnectException("table " + ref + " is still missing after CREATE TABLE");
            }
        }
        List<TableLayout.Column> missing = layout.missingFrom(known);
        if (!missing.isEmpty()) {
            if (!config.autoEvolve()) {
                throw new ConnectException("destination table " + ref + " lacks column(s) "
                        + missing.stream().map(TableLayout.Column::name).toList() + " and auto.evolve is false");
            }
            for (TableLayout.Column c : missing) {
                query(BigQueryDdl.addColumn(ref, c));
                known.add(c.name());
            }
            log.info("added column(s) {} to BigQuery table {}", missing.stream().map(TableLayout.Column::name).toList(), ref);
        }
        knownColumns.put(table, known);
    }

    /** Column names of a table, or null when it does not exist. */
    private Set<String> describe(TableRef ref) {
        Table t = bigQuery.getTable(TableId.of(ref.project(), ref.dataset(), ref.table()));
        if (t == null) {
            return null;
        }
        Set<String> out = new java.util.LinkedHashSet<>();
        com.google.cloud.bigquery.Schema schema = t.getDefinition().getSchema();
        if (schema != null) {
            for (Field f : schema.getFields()) {
                out.add(f.getName());
            }
        }
        return out;
    }

    /** Drops staging tables this task left behind (a crash between create and drop), once per dataset. */
    private void removeLeftoverStaging(String dataset) {
        if (!cleanedDatasets.add(dataset)) {
            return;
        }
        for (Table t : bigQuery.listTables(DatasetId.of(config.project(), dataset)).iterateAll()) {
            String name = t.getTableId().getTable();
            if (stagingNames.isOwn(name)) {
                bigQuery.delete(TableId.of(config.project(), dataset, name));
                log.info("dropped leftover staging table {}.{}", dataset, name);
            }
        }
    }

    @Override
    public void write(io.mirrorconnect.contract.TableId table, CollapsedBatch batch) {
        TableLayout layout = layouts.get(table);
        if (layout == null) {
            throw new IllegalStateException("write before ensureTable for " + table);
        }
        if (batch.rows().isEmpty()) {
            return;
        }
        TableRef target = target(table);
        StagingTable staging = new StagingTable(layout);
        List<Set<Integer>> groups = new ArrayList<>();
        List<ByteString> rows = encode(target, staging, batch, groups);
        TableRef stage = new TableRef(config.project(), config.stagingDataset(target.dataset()), stagingNames.next(target.table()));
        TableId stageId = TableId.of(stage.project(), stage.dataset(), stage.table());
        try {
            bigQuery.create(TableInfo.of(stageId, StandardTableDefinition.of(staging.schema()))
                    .toBuilder().setExpirationTime(System.currentTimeMillis() + 24L * 3600 * 1000).build());
            try {
                appender.append(stage, staging.descriptor(), rows);
            } catch (StorageWriteAppender.RowsRejected e) {
                Map.Entry<Integer, String> first = e.byRow.entrySet().iterator().next();
                CollapsedRow row = batch.rows().get(first.getKey());
                throw new RecordRejectedException(row, columnOf(layout, first.getValue()),
                        "BigQuery rejected the row for " + target + ": " + first.getValue(), e);
            }
            String script = keyed ? BigQueryDml.merge(target, stage, layout, sinkColumns, groups)
                    : BigQueryDml.append(target, stage, layout, sinkColumns);
            query(script);
            log.debug("wrote {} row(s) to {} through {}", rows.size(), target, stage);
        } finally {
            try {
                bigQuery.delete(stageId);
            } catch (RuntimeException e) {
                log.warn("could not drop staging table {} (it expires in a day; a restarted task drops it): {}", stage,
                        BigQueryErrors.describe(e));
            }
        }
    }

    /** Encodes the batch's rows; rows lacking the same columns share a group (one MERGE clause each). */
    private List<ByteString> encode(TableRef target, StagingTable staging, CollapsedBatch batch, List<Set<Integer>> groups) {
        TableLayout layout = staging.layout();
        StagingRowEncoder encoder = new StagingRowEncoder(staging, config.arrays(), column -> {
            if (nullArraysLogged.add(target + "." + column)) {
                log.warn("{}.{}: a NULL array is stored as an empty array (BigQuery REPEATED columns cannot be NULL); "
                        + "set bigquery.arrays=json to keep NULL arrays, or strict to reject them", target, column);
            }
        });
        Map<Set<Integer>, Integer> groupIds = new LinkedHashMap<>();
        List<ByteString> out = new ArrayList<>(batch.rows().size());
        long seq = 0;
        for (CollapsedRow row : batch.rows()) {
            boolean[] unknown = RowColumns.unknown(layout, row);
            Set<Integer> unknownSet = new TreeSet<>();
            for (int i = 0; i < unknown.length; i++) {
                if (unknown[i] && !layout.columns().get(i).key()) {
                    unknownSet.add(i);
                }
            }
            int group = groupIds.computeIfAbsent(unknownSet, s -> {
                groups.add(s);
                return groups.size() - 1;
            });
            try {
                out.add(encoder.encode(RowColumns.valuesWithKey(layout, row), unknown, row.version(), row.deleted(), group, seq++));
            } catch (ValueRejectedException e) {
                throw new RecordRejectedException(row, e.column(), "table " + target + ": " + e.getMessage()
                        + " (value " + shown(row.values().get(fieldOf(layout, e.column()))) + ")", e);
            }
        }
        return out;
    }

    private static String fieldOf(TableLayout layout, String column) {
        for (TableLayout.Column c : layout.columns()) {
            if (c.name().equals(column)) {
                return c.field();
            }
        }
        return column;
    }

    /** The destination column a BigQuery row error names (through its staging name c<i>), or "?". */
    private static String columnOf(TableLayout layout, String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bc(\\d+)\\b").matcher(String.valueOf(message));
        while (m.find()) {
            int i = Integer.parseInt(m.group(1));
            if (i < layout.columns().size()) {
                return layout.columns().get(i).name();
            }
        }
        return "?";
    }

    static String shown(Object value) {
        String s;
        if (value instanceof byte[] b) {
            s = "bytes[" + b.length + "]";
        } else if (value instanceof java.nio.ByteBuffer bb) {
            s = "bytes[" + bb.remaining() + "]";
        } else {
            s = String.valueOf(value);
        }
        return s.length() > 200 ? s.substring(0, 200) + "… (" + s.length() + " chars)" : s;
    }

    private void query(String sql) {
        query(sql, Map.of());
    }

    /** Runs {@code sql} with named parameters ({@code @name}), values bound, never spliced. */
    private void query(String sql, Map<String, QueryParameterValue> parameters) {
        QueryJobConfiguration q = QueryJobConfiguration.newBuilder(sql).setUseLegacySql(false)
                .setNamedParameters(parameters).build();
        JobId id = config.location().isEmpty() ? JobId.of() : JobId.newBuilder().setLocation(config.location()).build();
        try {
            Job job = bigQuery.create(JobInfo.newBuilder(q).setJobId(id).build());
            job = job.waitFor(com.google.cloud.RetryOption.totalTimeoutDuration(java.time.Duration.ofMillis(config.timeoutMs())));
            if (job == null) {
                throw new ConnectException("query job vanished: " + sql);
            }
            if (job.getStatus() != null && job.getStatus().getError() != null) {
                throw new BigQueryException(0, job.getStatus().getError().getMessage(), job.getStatus().getError());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while running: " + sql, e);
        } catch (BigQueryException e) {
            throw new BigQueryException(e.getCode(), BigQueryErrors.describe(e) + " — running:\n" + sql, e);
        }
    }

    @Override
    public void truncate(io.mirrorconnect.contract.TableId table) {
        TableRef ref = target(table);
        if (describe(ref) == null) {
            return; // nothing to empty yet
        }
        query(BigQueryDdl.truncate(ref));
    }

    @Override
    public void truncateBefore(io.mirrorconnect.contract.TableId table, long version) {
        TableRef ref = target(table);
        Set<String> columns = describe(ref);
        if (columns == null) {
            return; // nothing to remove yet
        }
        if (!columns.contains(sinkColumns.version())) {
            log.warn("TRUNCATE of {}: the table has no {} column, so it is emptied (correct only when one sink task"
                    + " writes it)", ref, sinkColumns.version());
            query(BigQueryDdl.truncate(ref));
            return;
        }
        query(BigQueryDdl.deleteOlderThan(ref, sinkColumns.version()),
                Map.of(BigQueryDdl.VERSION_PARAMETER, QueryParameterValue.int64(version)));
    }

    @Override
    public boolean isTransient(Throwable error) {
        return BigQueryErrors.isTransient(error);
    }

    @Override
    public void close() {
        try {
            writeClient.close();
        } catch (RuntimeException e) {
            log.debug("closing the Storage Write client", e);
        }
    }
}
