package io.mirrorconnect.pgcdc.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.ChangeRecordFactory;
import io.mirrorconnect.pgcdc.PgCdcSourceConfig;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Relation;
import io.mirrorconnect.pgcdc.decoder.RelationColumn;
import io.mirrorconnect.pgcdc.schema.TableSchema;
import io.mirrorconnect.pgcdc.types.PgOid;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** Shapes built from the catalog (snapshot) and from Relation messages (stream) agree, on a real catalog. */
class TableShapesIT {
    static EmbeddedPostgres pg;
    static Connection catalog;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        catalog = pg.getPostgresDatabase().getConnection();
        try (Statement st = catalog.createStatement()) {
            st.execute("CREATE TABLE gen (id int PRIMARY KEY, qty int, twice int GENERATED ALWAYS AS (qty * 2) STORED, "
                    + "grid int[][])");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        catalog.close();
        pg.close();
    }

    static ShapeFactory shapes() {
        return TableShapes.factory(new PgCdcSourceConfig(Map.of("mirror.name", "m", "database.hostname", "localhost",
                "database.user", "postgres", "database.dbname", "postgres", "table.include.list", "public.gen")),
                new ChangeRecordFactory("m"));
    }

    @Test
    void generatedColumnsAreLeftOutOfBothShapesEvenWhenARelationMessageCarriesThem() throws Exception {
        ShapeFactory shapes = shapes();
        TableId t = TableId.of("public", "gen");
        TableSchema snapshot = shapes.forTable(catalog, CatalogReader.oid(catalog, t), t);
        // what PG 18 sends for a publication WITH (publish_generated_columns = stored)
        Relation withGenerated = new Relation((int) CatalogReader.oid(catalog, t), "public", "gen", 'd', List.of(
                new RelationColumn(true, "id", PgOid.INT4, -1), new RelationColumn(false, "qty", PgOid.INT4, -1),
                new RelationColumn(false, "twice", PgOid.INT4, -1), new RelationColumn(false, "grid", 1007, -1)));
        TableSchema stream = shapes.forRelation(catalog, withGenerated, t);

        assertThat(snapshot.valueSchema().fields()).extracting(f -> f.name()).containsExactly("id", "qty", "grid");
        assertThat(stream.valueSchema()).isEqualTo(snapshot.valueSchema());
        Struct row = stream.valueStruct(new String[] {"1", "2", "4", "{{1}}"});
        assertThat(row.getInt32("qty")).isEqualTo(2);
        assertThat(row.getArray("grid")).isEqualTo(List.of(List.of(1)));
    }
}
