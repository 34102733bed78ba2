package io.mirrorconnect.snowflake.writer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.sink.CollapsedBatch;
import io.mirrorconnect.sink.CollapsedRow;
import io.mirrorconnect.sink.RecordRejectedException;
import io.mirrorconnect.sink.TableWriter;
import io.mirrorconnect.sink.WriteMode;
import io.mirrorconnect.snowflake.SnowflakeSinkConfig;
import io.mirrorconnect.snowflake.schema.SnowflakeValues;
import io.mirrorconnect.snowflake.sql.ColumnSpec;
import io.mirrorconnect.snowflake.sql.SnowflakeDdl;
import io.mirrorconnect.snowflake.sql.SnowflakeDml;
import io.mirrorconnect.snowflake.sql.TableSpec;

/**
 * Writes collapsed batches to Snowflake over one JDBC connection (a thin adapter: the statements come from
 * {@link SnowflakeDdl} / {@link SnowflakeDml}, the staged values from {@link StagedRows}).
 *
 * <p>One flush of one table: create a session TEMPORARY staging table, bind the rows into it (JDBC batch; on
 * Snowflake the driver uploads large bind arrays through a stage itself, above
 * {@code CLIENT_STAGE_ARRAY_BINDING_THRESHOLD} values), then in one transaction one MERGE per group of rows
 * keeping the same stored columns (upsert) or one INSERT ... SELECT (append/overwrite), commit, and drop the
 * staging table, also after a failure. After any failure the connection is replaced before the next use.
 */
public final class SnowflakeTableWriter implements TableWriter {
    private static final Logger log = LoggerFactory.getLogger(SnowflakeTableWriter.class);

    private final SnowflakeSinkConfig config;
    private final Supplier<Connection> connections;
    private final boolean equalVersionWins;
    private final Map<TableId, TableSpec> tables = new HashMap<>();
    private final Map<TableId, TableLayout> layouts = new HashMap<>();
    private Connection connection;

    public SnowflakeTableWriter(SnowflakeSinkConfig config, Supplier<Connection> connections) {
        this.config = config;
        this.connections = connections;
        this.equalVersionWins = !config.uniqueKeyColumns().isEmpty();
    }

    private String schemaOf(TableId table) {
        return table.schema() != null ? table.schema() : config.schema();
    }

    @Override
    public void ensureTable(TableId table, Schema keySchema, Schema valueSchema) {
        TableLayout layout = TableLayout.of(keySchema, valueSchema);
        TableSpec known = tables.get(table);
        if (known != null && layout.columns().stream().allMatch(c -> known.columns().stream()
                .anyMatch(k -> k.name().equals(c.name())))) {
            layouts.put(table, layout);
            return;
        }
        String db = config.database();
        String schema = schemaOf(table);
        Map<String, String> existing = run("describing " + table, c -> describe(c, db, schema, table.table()));
        if (existing.isEmpty()) {
            if (!config.autoCreate()) {
                throw new ConnectException("Snowflake table " + db + "." + schema + "." + table.table()
                        + " does not exist and auto.create is false: create it, or set auto.create=true");
            }
            TableSpec spec = spec(table, layout);
            run("creating " + spec, c -> {
                execute(c, SnowflakeDdl.createSchema(db, schema));
                execute(c, SnowflakeDdl.createTable(spec));
                return null;
            });
            log.info("created Snowflake table {}", spec);
            existing = run("describing " + table, c -> describe(c, db, schema, table.table()));
        } else {
            List<ColumnSpec> missing = layout.missingFrom(existing.keySet());
            if (!missing.isEmpty()) {
                if (!config.autoEvolve()) {
                    throw new ConnectException("Snowflake table " + db + "." + schema + "." + table.table() + " lacks column(s) "
                            + missing.stream().map(ColumnSpec::name).toList() + " and auto.evolve is false: add them, or set auto.evolve=true");
                }
                run("adding columns to " + table, c -> {
                    for (ColumnSpec m : missing) {
                        execute(c, SnowflakeDdl.addColumn(db, schema, table.table(), m.name(), m.type().ddl()));
                    }
                    return null;
                });
                log.info("added column(s) {} to Snowflake table {}.{}.{}", missing.stream().map(ColumnSpec::name).toList(),
                        db, schema, table.table());
            }
        }
        String where = "Snowflake table " + db + "." + schema + "." + table.table();
        String deleted = config.softDelete() ? config.softDeleteColumn() : null;
        if (deleted != null && !existing.containsKey(deleted)) {
            throw new ConnectException(where + " has no soft-delete column " + deleted
                    + " (soft.delete=true): add it as BOOLEAN or set soft.delete.column");
        }
        boolean hasVersion = existing.containsKey(config.versionColumn());
        if (!hasVersion && config.writeMode() == WriteMode.UPSERT) {
            throw new ConnectException(where + " has no version column " + config.versionColumn() + ", which upserts need"
                    + " (replays are guarded by it): add it as NUMBER(20,0) or set version.column");
        }
        // a table the user created (query replication) may lack the sink's own columns: append writes those it has
        tables.put(table, new TableSpec(db, schema, table.table(), layout.specs(), hasVersion ? config.versionColumn() : null,
                deleted, existing.containsKey(config.syncedAtColumn()) ? config.syncedAtColumn() : null));
        layouts.put(table, layout);
    }

    private TableSpec spec(TableId table, TableLayout layout) {
        return new TableSpec(config.database(), schemaOf(table), table.table(), layout.specs(), config.versionColumn(),
                config.softDelete() ? config.softDeleteColumn() : null, config.syncedAtColumn());
    }

    private static Map<String, String> describe(Connection c, String db, String schema, String table) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SnowflakeDdl.describeColumns(db))) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    @Override
    public void write(TableId table, CollapsedBatch batch) {
        TableSpec spec = tables.get(table);
        TableLayout layout = layouts.get(table);
        if (spec == null || layout == null) {
            throw new IllegalStateException("write before ensureTable for " + table);
        }
        if (batch.rows().isEmpty()) {
            return;
        }
        // the batch's own columns (a column only another batch showed stays as it is in these rows)
        TableSpec target = new TableSpec(spec.database(), spec.schema(), spec.table(), layout.specs(),
                spec.versionColumn(), spec.deletedColumn(), spec.syncedAtColumn());
        StagedRows staged = StagedRows.of(target.toString(), layout, batch); // may reject one row, before any I/O
        try {
            run("writing " + batch.rows().size() + " row(s) to " + target, c -> {
                flush(c, target, batch.mode(), staged.rows(), staged.groups(), true);
                return null;
            });
        } catch (ConnectException e) {
            SQLException refused = dataError(e);
            if (refused == null) {
                throw e;
            }
            // Snowflake refused a value but not which row of the bind array: find it (without committing anything)
            RecordRejectedException rejected = run("finding the row " + target + " refused",
                    c -> isolate(c, target, layout, batch, staged, refused));
            if (rejected != null) {
                throw rejected;
            }
            throw e;
        }
        log.debug("merged {} row(s) in {} group(s) into {}", batch.rows().size(), staged.groups().size(), target);
    }

    /**
     * Stages {@code rows} and merges (upsert) or inserts them (append) in one transaction, committed when
     * {@code commit}, else rolled back (probing); the staging table is dropped in every case.
     */
    private void flush(Connection c, TableSpec target, WriteMode mode, List<Object[]> rows, List<Set<String>> groups,
                       boolean commit) throws SQLException {
        String staging = "mirror_stage_" + UUID.randomUUID().toString().replace("-", "");
        int columns = target.columns().size();
        execute(c, SnowflakeDdl.createStaging(staging, target.columns()));
        try {
            load(c, staging, columns, rows);
            c.setAutoCommit(false);
            try {
                if (mode == WriteMode.UPSERT) {
                    java.util.SortedSet<Integer> present = new java.util.TreeSet<>();
                    rows.forEach(r -> present.add(Integer.parseInt((String) r[columns + 2])));
                    for (int g : present) {
                        execute(c, SnowflakeDml.merge(target, staging, g, groups.get(g), equalVersionWins));
                    }
                } else {
                    execute(c, SnowflakeDml.appendInsert(target, staging));
                }
                if (commit) {
                    c.commit();
                } else {
                    c.rollback();
                }
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } finally {
            dropQuietly(c, staging);
        }
    }

    /** The SQL error behind {@code e} when it is a data exception (SQL state class 22: a value refused). */
    private static SQLException dataError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return sql;
            }
        }
        return null;
    }

    /**
     * Finds the first row (then its column) whose flush alone is refused with a data exception, probing each in a
     * rolled-back transaction; null when no single row is refused (the original error then fails the flush).
     */
    private RecordRejectedException isolate(Connection c, TableSpec target, TableLayout layout, CollapsedBatch batch,
                                            StagedRows staged, SQLException original) throws SQLException {
        List<Object[]> rows = staged.rows();
        for (int i = 0; i < rows.size(); i++) {
            SQLException refused = probe(c, target, batch.mode(), List.<Object[]>of(rows.get(i)), staged.groups());
            if (refused == null) {
                continue;
            }
            CollapsedRow row = batch.rows().get(i);
            String column = "(row)";
            Object value = null;
            List<TableLayout.Column> cols = layout.columns();
            for (int j = 0; j < cols.size(); j++) {
                if (cols.get(j).key() || rows.get(i)[j] == null) {
                    continue;
                }
                Object[] only = rows.get(i).clone();
                for (int k = 0; k < cols.size(); k++) {
                    if (k != j && !cols.get(k).key()) {
                        only[k] = null;
                    }
                }
                if (probe(c, target, batch.mode(), List.<Object[]>of(only), staged.groups()) != null) {
                    column = cols.get(j).name();
                    value = rows.get(i)[j];
                    break;
                }
            }
            return new RecordRejectedException(row, column, "table " + target + ": Snowflake refused "
                    + (value == null ? "the row" : "value " + SnowflakeValues.abbreviate(String.valueOf(value))) + ": "
                    + SnowflakeConnections.describe(refused), refused);
        }
        log.warn("{}: no single row of the batch is refused on its own; failing the flush: {}", target,
                SnowflakeConnections.describe(original));
        return null;
    }

    /** The data exception flushing {@code rows} alone raises (rolled back), or null when it goes through. */
    private SQLException probe(Connection c, TableSpec target, WriteMode mode, List<Object[]> rows,
                               List<Set<String>> groups) throws SQLException {
        try {
            flush(c, target, mode, rows, groups, false);
            return null;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("22")) {
                return e;
            }
            throw e;
        }
    }

    private void load(Connection c, String staging, int columns, List<Object[]> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SnowflakeDml.insertStaging(staging, columns))) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    Object v = row[i];
                    // every value is bound as text (booleans too): one binding type per column of the bind
                    // array whatever the row, NULLs included
                    if (v == null) {
                        ps.setNull(i + 1, Types.VARCHAR);
                    } else if (v instanceof Boolean b) {
                        ps.setString(i + 1, b ? "TRUE" : "FALSE");
                    } else {
                        ps.setString(i + 1, v.toString());
                    }
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public void truncate(TableId table) {
        String db = config.database();
        String schema = schemaOf(table);
        run("truncating " + table, c -> {
            if (describe(c, db, schema, table.table()).isEmpty()) {
                log.info("TRUNCATE of {}.{}.{}: no such table, nothing to empty", db, schema, table.table());
                return null;
            }
            execute(c, SnowflakeDdl.truncateTable(db, schema, table.table()));
            return null;
        });
    }

    @Override
    public void truncateBefore(TableId table, long version) {
        String db = config.database();
        String schema = schemaOf(table);
        run("truncating " + table, c -> {
            Map<String, String> columns = describe(c, db, schema, table.table());
            if (columns.isEmpty()) {
                log.info("TRUNCATE of {}.{}.{}: no such table, nothing to remove", db, schema, table.table());
                return null;
            }
            if (!columns.containsKey(config.versionColumn())) {
                log.warn("TRUNCATE of {}.{}.{}: the table has no {} column, so it is emptied (correct only when one"
                        + " sink task writes it)", db, schema, table.table(), config.versionColumn());
                execute(c, SnowflakeDdl.truncateTable(db, schema, table.table()));
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    SnowflakeDdl.deleteOlderThan(db, schema, table.table(), config.versionColumn()))) {
                ps.setLong(1, version);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean isTransient(Throwable error) {
        return SnowflakeConnections.isTransient(error);
    }

    @Override
    public void close() {
        closeConnection();
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} on the connection (opened when needed); a failure closes it, so the next call reconnects. */
    private <T> T run(String what, Work<T> work) {
        if (connection == null) {
            connection = connections.get();
        }
        try {
            return work.run(connection);
        } catch (SQLException e) {
            closeConnection();
            throw new ConnectException(what + " failed: " + SnowflakeConnections.describe(e), e);
        } catch (RuntimeException e) {
            closeConnection();
            throw e;
        }
    }

    private void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (config.queryTimeoutSeconds() > 0) {
                st.setQueryTimeout(config.queryTimeoutSeconds());
            }
            st.execute(sql);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void dropQuietly(Connection c, String staging) {
        try {
            execute(c, SnowflakeDdl.dropStaging(staging));
        } catch (SQLException e) {
            // the session's end drops it anyway (it is TEMPORARY)
            log.warn("could not drop staging table {}: {}", staging, SnowflakeConnections.describe(e));
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing the Snowflake connection: {}", e.toString());
            }
            connection = null;
        }
    }
}
