package io.mirrorconnect.clickhouse.writer;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;

import io.mirrorconnect.clickhouse.ClickHouseSinkConfig;
import io.mirrorconnect.clickhouse.rowbinary.ColumnEncoder;
import io.mirrorconnect.clickhouse.rowbinary.RowBinaryEncoder;
import io.mirrorconnect.clickhouse.rowbinary.RowBinaryEncodingException;
import io.mirrorconnect.clickhouse.rowbinary.RowBinaryOutput;
import io.mirrorconnect.clickhouse.rowbinary.RowBinarySlicer.Slice;
import io.mirrorconnect.clickhouse.sql.ClickHouseDdl;
import io.mirrorconnect.clickhouse.sql.ClickHouseDialect;
import io.mirrorconnect.clickhouse.sql.ClickHouseDml;
import io.mirrorconnect.clickhouse.sql.ColumnSpec;
import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.sink.CollapsedBatch;
import io.mirrorconnect.sink.CollapsedRow;
import io.mirrorconnect.sink.FieldPlan;
import io.mirrorconnect.sink.RecordRejectedException;
import io.mirrorconnect.sink.TableWriter;
import io.mirrorconnect.sink.WriteMode;

/**
 * Writes collapsed batches to ClickHouse: creates and evolves tables, fills values a change did not carry from the
 * destination's current row (one lookup per flush, only for the keys that need it), and inserts each batch as one
 * RowBinary insert: record values through the encoder, values read back from ClickHouse as the very bytes the
 * server returned in RowBinary (never decoded and re-encoded). The synced-at column is set here, once per flush.
 */
public final class ClickHouseTableWriter implements TableWriter {
    private static final Logger log = LoggerFactory.getLogger(ClickHouseTableWriter.class);

    private final ClickHouseSinkConfig config;
    private final Client client;
    private final TableLayout.SinkColumns sinkColumns;
    private final boolean appendOnly;
    private final Map<TableId, DestinationTable> tables = new HashMap<>();
    private final Map<TableId, TableLayout> layouts = new HashMap<>();
    /**
     * Per table, the RowBinary bytes per row of its last batch: the next batch's buffer starts at about its size
     * instead of growing by doubling from 64 KiB (the copies were 14% of the writer thread's samples in the
     * end-to-end bench, docs/performance.md, stop 17).
     */
    private final Map<TableId, Integer> bytesPerRow = new HashMap<>();
    private final java.util.Set<String> nullCollectionsLogged = new java.util.HashSet<>();

    public ClickHouseTableWriter(ClickHouseSinkConfig config, Client client) {
        this.config = config;
        this.client = client;
        this.sinkColumns = new TableLayout.SinkColumns(config.versionColumn(), config.softDeleteColumn(),
                config.syncedAtColumn(), !config.softDelete());
        this.appendOnly = !config.writeMode().keyed();
    }

    /**
     * The server settings of an insert. A keyed batch holds one row per key (the core collapsed it), so ClickHouse's
     * insert-time merge pass ({@code optimize_on_insert}, on by default: it runs the table engine's merge over each
     * inserted block) has nothing to collapse and is skipped: it cost the server ~7 ms of CPU per 21,621-row insert
     * (docs/clickhouse-sink.md, "Batching"). What FINAL, merges and lookups see is the same either way. An append
     * batch may hold several rows per key and keeps the server's default.
     */
    static InsertSettings insertSettings(boolean appendOnly) {
        InsertSettings settings = new InsertSettings();
        if (!appendOnly) {
            settings.serverSetting("optimize_on_insert", "0");
        }
        return settings;
    }

    private String database(TableId table) {
        return table.schema() != null ? table.schema() : config.database();
    }

    @Override
    public void ensureTable(TableId table, Schema keySchema, Schema valueSchema) {
        TableLayout layout = TableLayout.of(keySchema, valueSchema);
        layouts.put(table, layout);
        DestinationTable dest = tables.get(table);
        if (dest != null && layout.missingFrom(dest.columns()).isEmpty()) {
            return;
        }
        String db = database(table);
        if (dest == null) {
            dest = describe(db, table.table());
        }
        if (dest == null) {
            if (!config.autoCreate()) {
                throw new ConnectException("destination table " + db + "." + table.table()
                        + " does not exist and auto.create is false");
            }
            if (!appendOnly && layout.keyColumns().isEmpty()) {
                throw new ConnectException("cannot create " + db + "." + table.table() + " for upserts: its records have no key "
                        + "(give the source table a primary key, set unique.key.columns, or use write.mode=append)");
            }
            String ddl = ClickHouseDdl.createTable(layout.tableSpec(db, table.table(), sinkColumns, appendOnly));
            execute(ddl);
            log.info("created ClickHouse table {}.{}:\n{}", db, table.table(), ddl);
            dest = describe(db, table.table());
            if (dest == null) {
                throw new ConnectException("table " + db + "." + table.table() + " is still missing after CREATE TABLE");
            }
        }
        List<ColumnSpec> missing = layout.missingFrom(dest.columns());
        if (!missing.isEmpty()) {
            if (!config.autoEvolve()) {
                throw new ConnectException("destination table " + dest + " lacks column(s) "
                        + missing.stream().map(ColumnSpec::name).toList() + " and auto.evolve is false");
            }
            execute(ClickHouseDdl.addColumns(db, table.table(), missing));
            log.info("added column(s) {} to ClickHouse table {}", missing, dest);
            dest = describe(db, table.table());
        }
        tables.put(table, dest);
    }

    private DestinationTable describe(String db, String table) {
        List<GenericRecord> rows = client.queryAll(ClickHouseDml.selectColumns(), ClickHouseDml.tableParameters(db, table));
        if (rows.isEmpty()) {
            return null;
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (GenericRecord r : rows) {
            columns.put(r.getString("name"), r.getString("type"));
        }
        return new DestinationTable(db, table, columns);
    }

    @Override
    public void write(TableId table, CollapsedBatch batch) {
        DestinationTable dest = tables.get(table);
        TableLayout layout = layouts.get(table);
        if (dest == null || layout == null) {
            throw new IllegalStateException("write before ensureTable for " + table);
        }
        if (batch.rows().isEmpty()) {
            return;
        }
        List<TableLayout.Column> fields = writeColumns(dest, layout);
        List<ColumnEncoder> keyEncoders = keyEncoders(dest, layout);
        Map<ByteBuffer, Map<String, Slice>> current = lookUp(dest, layout, fields, keyEncoders, batch);

        List<String> columns = new ArrayList<>();
        fields.forEach(f -> columns.add(f.name()));
        boolean writeVersion = dest.has(sinkColumns.version());
        boolean writeDeleted = dest.has(sinkColumns.deleted());
        boolean writeSyncedAt = dest.has(sinkColumns.syncedAt());
        if (writeVersion) {
            columns.add(sinkColumns.version());
        }
        if (writeDeleted) {
            columns.add(sinkColumns.deleted());
        }
        if (writeSyncedAt) {
            columns.add(sinkColumns.syncedAt());
        }
        List<ColumnEncoder> encoders = new ArrayList<>(fields.size());
        for (TableLayout.Column f : fields) {
            encoders.add(RowBinaryEncoder.column(f.name(), dest.type(f.name()), f.schema()));
        }
        long syncedAtNanos = nowNanos();
        FieldPlan plan = new FieldPlan(fields.stream().map(TableLayout.Column::field).toList());
        RowBinaryOutput out = new RowBinaryOutput(initialCapacity(bytesPerRow.get(table), batch.rows().size()));
        for (CollapsedRow row : batch.rows()) {
            int mark = out.size();
            String column = null;
            try {
                // a row written from its record's struct as received (the common case) is read by field position,
                // and never needs the destination's values
                Struct struct = row.struct();
                Field[] byPosition = struct == null ? null : plan.fieldsOf(struct.schema());
                Map<String, Slice> known = struct != null || row.key() == null || current.isEmpty() ? null
                        : current.get(keyBytes(keyEncoders, row));
                for (int i = 0; i < fields.size(); i++) {
                    TableLayout.Column f = fields.get(i);
                    column = f.name();
                    if (byPosition != null) {
                        Field field = byPosition[i];
                        if (field != null) {
                            writeValue(table, encoders.get(i), out, struct.get(field));
                        } else {
                            encoders.get(i).writeDefault(out); // a column these records do not have
                        }
                        continue;
                    }
                    // one map lookup for the common case (a non-null value); containsKey only for nulls
                    Object value = f.field() == null ? null : row.values().get(f.field());
                    boolean fromRecord = f.field() != null && (value != null || row.values().containsKey(f.field()))
                            && !row.lookupFields().contains(f.field());
                    boolean fromDestination = !fromRecord && known != null && known.containsKey(f.name())
                            && (row.lookupAll() || (f.field() != null && row.lookupFields().contains(f.field())));
                    if (fromRecord) {
                        writeValue(table, encoders.get(i), out, value);
                    } else if (fromDestination) {
                        known.get(f.name()).writeTo(out); // the stored bytes, exactly
                    } else {
                        // never sent and not in the destination either: the column's default (NULL when Nullable)
                        encoders.get(i).writeDefault(out);
                    }
                }
                column = sinkColumns.version();
                if (writeVersion) {
                    out.writeInt64(row.version());
                }
                if (writeDeleted) {
                    out.writeUInt8(row.deleted() ? 1 : 0);
                }
                if (writeSyncedAt) {
                    out.writeInt64(syncedAtNanos); // DateTime64(9): nanoseconds since the epoch
                }
            } catch (RuntimeException e) {
                out.truncate(mark);
                throw new RecordRejectedException(row, column, e.getMessage(), e);
            }
        }
        bytesPerRow.put(table, (int) Math.ceil(out.size() / (double) batch.rows().size()));
        log.debug("encoded {} row(s) ({} bytes) for {}", batch.rows().size(), out.size(), dest);
        insert(dest, columns, out, batch.rows().size());
    }

    /**
     * Writes one record value. A NULL array or map (ClickHouse has no {@code Nullable(Array)} or
     * {@code Nullable(Map)}) is written as an empty one under {@code null.collections=empty} (logged once per
     * column), and rejects the record under {@code fail}.
     */
    private void writeValue(TableId table, ColumnEncoder encoder, RowBinaryOutput out, Object value) {
        if (value == null && !encoder.nullable() && encoder.isCollection()) {
            if (config.nullCollections() == ClickHouseSinkConfig.NullCollections.FAIL) {
                throw new RowBinaryEncodingException("column " + encoder.name() + " (" + encoder.type() + "): NULL,"
                        + " but ClickHouse cannot store a NULL " + encoder.type().name() + " (null.collections=fail;"
                        + " null.collections=empty writes it as empty)");
            }
            if (nullCollectionsLogged.add(table + "." + encoder.name())) {
                log.warn("mirror {}: column {} of {} ({}) received a NULL; ClickHouse has no Nullable {}, so NULL is"
                        + " written as empty (null.collections=empty; set null.collections=fail to reject such rows)."
                        + " Logged once per column.", config.mirrorName(), encoder.name(), table, encoder.type(),
                        encoder.type().name());
            }
            encoder.writeDefault(out);
            return;
        }
        encoder.write(out, value);
    }

    /**
     * The buffer for {@code rows} rows of a table whose last batch took {@code lastBytesPerRow} bytes a row (null:
     * none yet): an eighth above that, at least 64 KiB, at most 256 MiB (a larger batch grows from there).
     */
    static int initialCapacity(Integer lastBytesPerRow, int rows) {
        if (lastBytesPerRow == null) {
            return 64 * 1024;
        }
        long wanted = (long) lastBytesPerRow * rows;
        return (int) Math.max(64 * 1024, Math.min(256L * 1024 * 1024, wanted + wanted / 8));
    }

    private static List<ColumnEncoder> keyEncoders(DestinationTable dest, TableLayout layout) {
        List<ColumnEncoder> out = new ArrayList<>(layout.keyColumns().size());
        for (String k : layout.keyColumns()) {
            TableLayout.Column c = layout.column(k);
            out.add(RowBinaryEncoder.column(k, dest.type(k), c.schema()));
        }
        return out;
    }

    /** The RowBinary bytes of a row's key in the destination's key column types: how looked-up rows are matched. */
    private static ByteBuffer keyBytes(List<ColumnEncoder> keyEncoders, CollapsedRow row) {
        RowBinaryOutput key = new RowBinaryOutput(32);
        for (int i = 0; i < keyEncoders.size(); i++) {
            keyEncoders.get(i).write(key, row.key().get(i));
        }
        return ByteBuffer.wrap(key.toByteArray());
    }

    /**
     * The columns an insert writes: the records' columns, then the destination's other replicated columns (a
     * column the records of this task have not shown yet, e.g. after a restart whose first batch holds only
     * key-only deletes); those get the destination's current value for rows that need it, else their default.
     */
    private List<TableLayout.Column> writeColumns(DestinationTable dest, TableLayout layout) {
        List<TableLayout.Column> out = new ArrayList<>(layout.columns());
        java.util.Set<String> known = new java.util.HashSet<>();
        layout.columns().forEach(c -> known.add(c.name()));
        known.add(sinkColumns.version());
        known.add(sinkColumns.deleted());
        known.add(sinkColumns.syncedAt());
        for (String c : dest.columns().keySet()) {
            if (!known.contains(c)) {
                out.add(new TableLayout.Column(c, null, null, false));
            }
        }
        return out;
    }

    /** The destination's current values for the rows that miss some (upsert mode only), as stored bytes. */
    private Map<ByteBuffer, Map<String, Slice>> lookUp(DestinationTable dest, TableLayout layout,
                                                       List<TableLayout.Column> writeColumns,
                                                       List<ColumnEncoder> keyEncoders, CollapsedBatch batch) {
        if (batch.mode() != WriteMode.UPSERT || !batch.needsLookup() || layout.keyColumns().isEmpty()) {
            return Map.of();
        }
        List<TableLayout.Column> keyColumns = new ArrayList<>();
        for (String k : layout.keyColumns()) {
            keyColumns.add(layout.column(k));
        }
        List<String> others = writeColumns.stream().filter(c -> !c.key()).map(TableLayout.Column::name).toList();
        if (others.isEmpty()) {
            return Map.of();
        }
        List<List<Object>> keys = new ArrayList<>();
        for (CollapsedRow r : batch.rows()) {
            if (r.needsLookup() && r.key() != null) {
                keys.add(r.key());
            }
        }
        Map<ByteBuffer, Map<String, Slice>> found = CurrentRows.fetch(client, dest, keyColumns, keys, others,
                config.timeoutMs());
        log.debug("looked up {} of {} key(s) in {}", found.size(), keys.size(), dest);
        return found;
    }

    private static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private void insert(DestinationTable dest, List<String> columns, RowBinaryOutput out, int rows) {
        CompletableFuture<InsertResponse> done = client.insert(ClickHouseDialect.qualified(dest.database(), dest.table()),
                ClickHouseDml.quotedColumns(columns), out.inputStream(), ClickHouseFormat.RowBinary,
                insertSettings(appendOnly)); // fresh per insert: the client may add to it
        try (InsertResponse response = done.get(config.timeoutMs(), TimeUnit.MILLISECONDS)) {
            log.debug("inserted {} row(s) ({} bytes) into {}; server wrote {}", rows, out.size(), dest,
                    response.getWrittenRows());
        } catch (Exception e) {
            throw failure("inserting " + rows + " row(s) into " + dest, e);
        }
    }

    private void execute(String sql) {
        try {
            client.execute(sql).get(config.timeoutMs(), TimeUnit.MILLISECONDS).close();
        } catch (Exception e) {
            throw failure(sql, e);
        }
    }

    private static RuntimeException failure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof ExecutionException ? ClickHouseClients.unwrap(e) : e;
        if (cause instanceof TimeoutException) {
            return new ConnectException(what + " timed out", cause);
        }
        return new ConnectException(what + " failed: " + ClickHouseClients.describe(cause), cause);
    }

    @Override
    public void truncate(TableId table) {
        String db = database(table);
        execute(ClickHouseDdl.truncateTable(db, table.table()));
    }

    @Override
    public void truncateBefore(TableId table, long version) {
        String db = database(table);
        DestinationTable dest = tables.get(table);
        if (dest == null) {
            dest = describe(db, table.table());
        }
        if (dest == null) {
            log.info("TRUNCATE of {}.{}: no such table, nothing to remove", db, table.table());
            return;
        }
        if (!dest.has(sinkColumns.version())) {
            // no version to guard by (a table the sink did not create): only an unconditional TRUNCATE is possible
            log.warn("TRUNCATE of {}: the table has no {} column, so it is emptied (correct only when one sink task"
                    + " writes it)", dest, sinkColumns.version());
            execute(ClickHouseDdl.truncateTable(db, table.table()));
            return;
        }
        String sql = ClickHouseDml.deleteOlderThan(db, table.table(), sinkColumns.version());
        try {
            client.query(sql, ClickHouseDml.versionParameters(version), new QuerySettings())
                    .get(config.timeoutMs(), TimeUnit.MILLISECONDS).close();
        } catch (Exception e) {
            throw failure(sql + " (version " + version + ")", e);
        }
    }

    @Override
    public boolean isTransient(Throwable error) {
        return ClickHouseClients.isTransient(error);
    }

    @Override
    public void close() {
        client.close();
    }
}
