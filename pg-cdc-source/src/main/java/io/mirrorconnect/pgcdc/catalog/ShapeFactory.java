package io.mirrorconnect.pgcdc.catalog;

import java.sql.Connection;
import java.sql.SQLException;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Relation;
import io.mirrorconnect.pgcdc.schema.TableSchema;

/** Builds {@link TableSchema}s from the catalog (snapshot) or from a pgoutput Relation message (streaming). */
public interface ShapeFactory {
    TableSchema forTable(Connection catalog, long oid, TableId table) throws SQLException;

    TableSchema forRelation(Connection catalog, Relation relation, TableId table) throws SQLException;

    /** Re-reads user-defined types (after a pgoutput Type message: a new enum value, a new type). */
    void refreshTypes(Connection catalog) throws SQLException;
}
