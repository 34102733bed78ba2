package io.mirrorconnect.pgcdc.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.ChangeRecordFactory;
import io.mirrorconnect.pgcdc.PgCdcSourceConfig;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Relation;
import io.mirrorconnect.pgcdc.decoder.RelationColumn;
import io.mirrorconnect.pgcdc.schema.TableSchema;
import io.mirrorconnect.pgcdc.schema.TableSchemaBuilder;
import io.mirrorconnect.pgcdc.types.PgColumn;
import io.mirrorconnect.pgcdc.types.PgTypeMapper;
import io.mirrorconnect.pgcdc.types.PgTypeRegistry;

/**
 * The {@link ShapeFactory}: catalog facts (columns, key, nullability, type names, user types) fed to the
 * {@link TableSchemaBuilder}. For a Relation message, the columns and their types are the message's (the shape
 * of the WAL being decoded); the key and nullability come from the current catalog.
 */
public final class TableShapes implements ShapeFactory {
    private final PgCdcSourceConfig config;
    private final ChangeRecordFactory records;
    private final PgTypeRegistry registry = new PgTypeRegistry();
    private final PgTypeMapper mapper;

    private TableShapes(PgCdcSourceConfig config, ChangeRecordFactory records) {
        this.config = config;
        this.records = records;
        this.mapper = new PgTypeMapper(registry, config.specialValues());
    }

    public static ShapeFactory factory(PgCdcSourceConfig config, ChangeRecordFactory records) {
        return new TableShapes(config, records);
    }

    @Override
    public TableSchema forTable(Connection catalog, long oid, TableId table) throws SQLException {
        CatalogReader.TableColumns tc = CatalogReader.columns(catalog, oid);
        return TableSchemaBuilder.build(table, records.topic(table), tc.columns(), tc.key(),
                config.excludedColumns(table), mapper);
    }

    @Override
    public TableSchema forRelation(Connection catalog, Relation relation, TableId table) throws SQLException {
        List<RelationColumn> rc = relation.columns();
        int[] oids = new int[rc.size()];
        int[] mods = new int[rc.size()];
        for (int i = 0; i < oids.length; i++) {
            oids[i] = rc.get(i).typeOid();
            mods[i] = rc.get(i).typeModifier();
        }
        List<String> typeNames = CatalogReader.typeNames(catalog, oids, mods);
        CatalogReader.TableColumns current = CatalogReader.columns(catalog, Integer.toUnsignedLong(relation.relationOid()));
        Map<String, PgColumn> now = new java.util.HashMap<>();
        current.columns().forEach(c -> now.put(c.name(), c));
        List<PgColumn> columns = new ArrayList<>();
        for (int i = 0; i < oids.length; i++) {
            RelationColumn c = rc.get(i);
            PgColumn cat = now.get(c.name());
            // nullability and declared array dimensions are not in the Relation message: the current catalog's
            // (a column gone since is nullable and undeclared)
            boolean sameType = cat != null && cat.typeOid() == c.typeOid();
            columns.add(new PgColumn(c.name(), c.typeOid(), c.typeModifier(), typeNames.get(i),
                    cat == null || cat.nullable(), sameType ? cat.dimensions() : 0));
        }
        List<String> names = columns.stream().map(PgColumn::name).toList();
        // a key column the WAL's shape does not have (renamed/dropped since): fall back to the relation's flags
        List<String> key = names.containsAll(current.key()) ? current.key() : keyFromFlags(relation);
        List<String> excluded = new ArrayList<>(config.excludedColumns(table).stream().filter(names::contains).toList());
        // generated columns are never carried: the snapshot does not read them and pgoutput before PG 18 does not
        // send them; a PG 18 publication WITH (publish_generated_columns = stored) does, and they are left out here
        // so both paths give the same fields
        for (String g : CatalogReader.generatedColumns(catalog, Integer.toUnsignedLong(relation.relationOid()))) {
            if (names.contains(g) && !excluded.contains(g)) {
                excluded.add(g);
            }
        }
        return TableSchemaBuilder.build(table, records.topic(table), columns, key, excluded, mapper);
    }

    private static List<String> keyFromFlags(Relation relation) {
        if (relation.replicaIdentity() == 'f') {
            return List.of();
        }
        return relation.columns().stream().filter(RelationColumn::partOfKey).map(RelationColumn::name).toList();
    }

    @Override
    public void refreshTypes(Connection catalog) throws SQLException {
        registry.registerAll(CatalogReader.userTypes(catalog));
    }
}
