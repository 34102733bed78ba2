package io.mirrorconnect.qrep.read;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.errors.DataException;
import org.postgresql.core.Field;
import org.postgresql.jdbc.PgResultSetMetaData;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.catalog.CatalogReader;
import io.mirrorconnect.pgcdc.schema.TableSchema;
import io.mirrorconnect.pgcdc.schema.TableSchemaBuilder;
import io.mirrorconnect.pgcdc.types.PgColumn;
import io.mirrorconnect.pgcdc.types.PgTypeMapper;
import io.mirrorconnect.pgcdc.types.PgTypeRegistry;
import io.mirrorconnect.pgcdc.types.SpecialValuePolicy;
import io.mirrorconnect.qrep.QRepException;
import io.mirrorconnect.qrep.QRepSourceConfig;
import io.mirrorconnect.qrep.sql.QRepSql;
import io.mirrorconnect.qrep.watermark.Watermark;
import io.mirrorconnect.qrep.watermark.WatermarkKind;

/**
 * Checks a mirror against the database and describes its query (I/O adapter): the watermark table and column exist
 * and the column's type can be a watermark; the query parses and plans (Postgres's error and position otherwise);
 * its result columns (type OID and modifier from the protocol's row description) become the records' schemas
 * through pg-cdc-source's {@link TableSchemaBuilder}, keyed by the unique key columns in upsert mode.
 */
public final class QueryDescriber {
    private QueryDescriber() {
    }

    /** The watermark of the mirror, or a clear error naming what is missing or unsupported. */
    public static Watermark watermark(Connection c, String mirror, TableId table, String column) throws SQLException {
        Watermark probe = new Watermark(table, column, WatermarkKind.INTEGER, -1);
        Long oid = null;
        try (PreparedStatement ps = c.prepareStatement(QRepSql.TABLE_OID)) {
            ps.setString(1, QRepSql.tableName(probe));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long v = rs.getLong(1);
                    oid = rs.wasNull() ? null : v;
                }
            }
        }
        if (oid == null) {
            throw new QRepException(mirror, QRepSourceConfig.WATERMARK_TABLE_CONFIG, "watermark table " + table
                    + " does not exist (or the user cannot see it); set watermark_table_name to an existing "
                    + "schema.table");
        }
        try (PreparedStatement ps = c.prepareStatement(QRepSql.WATERMARK_COLUMN)) {
            ps.setLong(1, oid);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new QRepException(mirror, QRepSourceConfig.WATERMARK_COLUMN_CONFIG, "watermark column " + column
                            + " does not exist in table "
                            + table + " (column names are case-sensitive)");
                }
                String typname = rs.getString(1);
                int typmod = rs.getInt(2);
                WatermarkKind kind = WatermarkKind.ofTypeName(typname);
                if (kind == null) {
                    throw new QRepException(mirror, QRepSourceConfig.WATERMARK_COLUMN_CONFIG, "watermark column " + column
                            + " of table " + table + " has type "
                            + rs.getString(3) + ", which cannot be a watermark; use a smallint, integer, bigint, "
                            + "numeric, timestamp, timestamptz or date column, or xmin (or ctid for a one-shot copy)");
                }
                return new Watermark(table, column, kind,
                        kind == WatermarkKind.NUMERIC ? Watermark.numericScale(typmod) : -1);
            }
        }
    }

    /**
     * The schemas of the query's rows. Runs inside a transaction (the bound settings must exist); the statement is
     * described, never executed.
     */
    public static TableSchema describe(Connection c, String mirror, String query, TableId table, String topic,
                                       List<String> keyColumns, SpecialValuePolicy specialValues)
            throws SQLException {
        List<PgColumn> columns = new ArrayList<>();
        int[] oids;
        int[] mods;
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ResultSetMetaData md;
            try {
                md = ps.getMetaData();
            } catch (SQLException e) {
                throw QRepException.sql(mirror, "the query", query, e);
            }
            if (md == null || md.getColumnCount() == 0) {
                throw new QRepException(mirror, QRepSourceConfig.QUERY_CONFIG, "the query returns no columns: "
                        + query);
            }
            int n = md.getColumnCount();
            oids = new int[n];
            mods = new int[n];
            for (int i = 0; i < n; i++) {
                Field f = field(md, i + 1);
                oids[i] = f.getOID();
                mods[i] = f.getMod();
                names.add(md.getColumnLabel(i + 1));
            }
        }
        List<String> typeNames = CatalogReader.typeNames(c, oids, mods);
        for (int i = 0; i < oids.length; i++) {
            columns.add(new PgColumn(names.get(i), oids[i], mods[i], typeNames.get(i), true));
        }
        for (String k : keyColumns) {
            if (!names.contains(k)) {
                throw new QRepException(mirror, QRepSourceConfig.UNIQUE_KEY_COLUMNS_CONFIG, "unique key column " + k
                        + " is not a column of the query's result (columns: " + names + "); upsert needs every "
                        + "unique_key_columns column in the SELECT list");
            }
        }
        PgTypeRegistry registry = new PgTypeRegistry();
        registry.registerAll(CatalogReader.userTypes(c));
        try {
            return TableSchemaBuilder.build(table, topic, columns, keyColumns, List.of(),
                    new PgTypeMapper(registry, specialValues));
        } catch (DataException e) {
            throw new QRepException(mirror, QRepSourceConfig.QUERY_CONFIG, "the query's result cannot be replicated: "
                    + e.getMessage(), e);
        }
    }

    /** A checked mirror: its watermark, the records' schemas and the two COPY statements of its partitions. */
    public record MirrorDescription(Watermark watermark, TableSchema schema, String copyWithStart,
                                    String copyWithoutStart) {
    }

    /**
     * Every check a mirror needs before it can run, in order: the watermark table and column, then the query
     * (described inside a rolled-back transaction) and its key columns.
     *
     * @throws QRepException naming the mirror and, for validate(), the property at fault
     */
    public static MirrorDescription describeMirror(Connection c, QRepSourceConfig config) throws SQLException {
        String mirror = config.mirrorName();
        Watermark watermark = watermark(c, mirror, config.watermarkTable(), config.watermarkColumn());
        if (watermark.isXmin() != config.isXmin()) {
            throw new QRepException(mirror, QRepSourceConfig.WATERMARK_COLUMN_CONFIG, "watermark column "
                    + config.watermarkColumn() + " of table " + config.watermarkTable() + " has type xid; only the "
                    + "system column xmin (written in lower case) can be a transaction-id watermark");
        }
        if (watermark.isCtid() != config.isCtid()) {
            throw new QRepException(mirror, QRepSourceConfig.WATERMARK_COLUMN_CONFIG, "watermark column "
                    + config.watermarkColumn() + " of table " + config.watermarkTable() + " has type tid; only the "
                    + "system column ctid (written in lower case) can be a block-range watermark");
        }
        String withStart = QRepSql.partitionQuery(config.query(), watermark, true);
        String withoutStart = QRepSql.partitionQuery(config.query(), watermark, false);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            TableSchema schema = describe(c, mirror, withStart, config.watermarkTable(), config.topic(),
                    config.keyColumns(), config.specialValues());
            return new MirrorDescription(watermark, schema, QRepSql.copy(withStart), QRepSql.copy(withoutStart));
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    /** pgjdbc keeps the row description's fields (type OID and modifier) behind a protected accessor. */
    private static Field field(ResultSetMetaData md, int column) throws SQLException {
        PgResultSetMetaData pg = md.unwrap(PgResultSetMetaData.class);
        try {
            Method m = PgResultSetMetaData.class.getDeclaredMethod("getField", int.class);
            m.setAccessible(true);
            return (Field) m.invoke(pg, column);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new SQLException("cannot read the type of result column " + column + " from pgjdbc: " + e, e);
        }
    }
}
