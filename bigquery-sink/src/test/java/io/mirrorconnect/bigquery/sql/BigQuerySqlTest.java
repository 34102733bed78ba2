package io.mirrorconnect.bigquery.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.bigquery.Golden;
import io.mirrorconnect.bigquery.Schemas;
import io.mirrorconnect.bigquery.schema.ArrayMapping;
import io.mirrorconnect.bigquery.schema.TableLayout;

/** Every statement the sink generates, as golden files (src/test/resources/golden/sql/). */
class BigQuerySqlTest {
    private static final TableRef TARGET = new TableRef("acme-analytics", "crm_mirror", "orders");
    private static final TableRef STAGE = new TableRef("acme-analytics", "crm_mirror", "_mc_staging_crm_0000_t0_orders_ab12");
    private static final SinkColumns SOFT = new SinkColumns("_PEERDB_VERSION", "_PEERDB_IS_DELETED", "_PEERDB_SYNCED_AT");
    private static final SinkColumns HARD = new SinkColumns("_PEERDB_VERSION", null, "_PEERDB_SYNCED_AT");

    private static Schema small() {
        return SchemaBuilder.struct().name("v").field("id", Schema.INT64_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA)
                .field("notes", Schema.OPTIONAL_STRING_SCHEMA).field("blob", Schema.OPTIONAL_BYTES_SCHEMA).build();
    }

    private static TableLayout layout() {
        return TableLayout.of(Schemas.key(), small(), ArrayMapping.REPEATED);
    }

    @Test
    void quotesEveryIdentifierAsOne() {
        assertThat(BigQueryDialect.quote("plain")).isEqualTo("`plain`");
        assertThat(BigQueryDialect.quote("a`b\\c")).isEqualTo("`a\\`b\\\\c`");
        assertThat(BigQueryDialect.quote("line\nbreak\ttab\u0001")).isEqualTo("`line\\nbreak\\ttab\\x01`");
        assertThat(BigQueryDialect.quote("Grüße. \"x\"")).isEqualTo("`Grüße. \"x\"`");
        assertThat(BigQueryDialect.table("p-1", "d", "t t")).isEqualTo("`p-1`.`d`.`t t`");
        assertThatThrownBy(() -> BigQueryDialect.quote("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createTableEveryType() {
        TableLayout layout = TableLayout.of(Schemas.key(), Schemas.everyType(), ArrayMapping.REPEATED);
        Golden.assertMatches("sql/create-every-type.sql", BigQueryDdl.createTable(TARGET, layout, SOFT, true));
    }

    @Test
    void createTableEveryTypeArraysAsJson() {
        TableLayout layout = TableLayout.of(Schemas.key(), Schemas.everyType(), ArrayMapping.JSON);
        Golden.assertMatches("sql/create-every-type-arrays-json.sql", BigQueryDdl.createTable(TARGET, layout, HARD, true));
    }

    @Test
    void createTableCompositeKeyClustersOnKey() {
        Schema value = SchemaBuilder.struct().name("v").field("order_id", Schema.INT64_SCHEMA)
                .field("line no", Schema.INT32_SCHEMA).field("qty", Schema.OPTIONAL_INT32_SCHEMA).build();
        TableLayout layout = TableLayout.of(Schemas.compositeKey(), value, ArrayMapping.REPEATED);
        Golden.assertMatches("sql/create-composite-key.sql", BigQueryDdl.createTable(TARGET, layout, HARD, true));
    }

    @Test
    void createTableAppendHasNoClustering() {
        Golden.assertMatches("sql/create-append.sql", BigQueryDdl.createTable(TARGET,
                TableLayout.of(null, small(), ArrayMapping.REPEATED), HARD, false));
    }

    @Test
    void clusteringStopsAtFourColumnsAndAtUnclusterableTypes() {
        SchemaBuilder key = SchemaBuilder.struct();
        for (String k : List.of("a", "b", "c", "d", "e")) {
            key.field(k, Schema.STRING_SCHEMA);
        }
        assertThat(TableLayout.of(key.build(), null, ArrayMapping.REPEATED).clusteringColumns()).containsExactly("a", "b", "c", "d");
        Schema floatFirst = SchemaBuilder.struct().field("f", Schema.FLOAT64_SCHEMA).field("s", Schema.STRING_SCHEMA).build();
        assertThat(TableLayout.of(floatFirst, null, ArrayMapping.REPEATED).clusteringColumns()).isEmpty();
    }

    @Test
    void addColumnAndTruncate() {
        TableLayout layout = TableLayout.of(Schemas.key(), Schemas.everyType(), ArrayMapping.REPEATED);
        StringBuilder sb = new StringBuilder();
        for (String c : List.of("price", "tags", "attrs")) {
            sb.append(BigQueryDdl.addColumn(TARGET, layout.columns().get(layout.indexOf(c)))).append(";\n");
        }
        sb.append(BigQueryDdl.truncate(TARGET)).append(";\n");
        sb.append(BigQueryDdl.deleteOlderThan(TARGET, "_PEERDB_VERSION")).append(";\n");
        Golden.assertMatches("sql/alter-and-truncate.sql", sb.toString());
    }

    @Test
    void mergeSoftDelete() {
        Golden.assertMatches("sql/merge-soft-delete.sql", BigQueryDml.merge(TARGET, STAGE, layout(), SOFT, List.of(Set.of())));
    }

    @Test
    void mergeHardDelete() {
        Golden.assertMatches("sql/merge-hard-delete.sql", BigQueryDml.merge(TARGET, STAGE, layout(), HARD, List.of(Set.of())));
    }

    @Test
    void mergeToastGroupsKeepStoredValues() {
        // group 0: full rows; 1: notes unchanged TOAST; 2: notes and blob; 3: key-only delete (every non-key column)
        Golden.assertMatches("sql/merge-toast-groups.sql", BigQueryDml.merge(TARGET, STAGE, layout(), SOFT,
                List.of(Set.of(), Set.of(2), Set.of(2, 3), Set.of(1, 2, 3))));
    }

    @Test
    void mergeCompositeKey() {
        Schema value = SchemaBuilder.struct().name("v").field("order_id", Schema.INT64_SCHEMA)
                .field("line no", Schema.INT32_SCHEMA).field("qty", Schema.OPTIONAL_INT32_SCHEMA).build();
        TableLayout layout = TableLayout.of(Schemas.compositeKey(), value, ArrayMapping.REPEATED);
        Golden.assertMatches("sql/merge-composite-key.sql", BigQueryDml.merge(TARGET, STAGE, layout, HARD, List.of(Set.of())));
    }

    @Test
    void appendInsertsEveryRow() {
        Golden.assertMatches("sql/append.sql", BigQueryDml.append(TARGET, STAGE, TableLayout.of(null, small(),
                ArrayMapping.REPEATED), HARD));
        Golden.assertMatches("sql/append-soft-delete.sql", BigQueryDml.append(TARGET, STAGE, TableLayout.of(null, small(),
                ArrayMapping.REPEATED), SOFT));
    }

    @Test
    void mergeNeedsAKey() {
        assertThatThrownBy(() -> BigQueryDml.merge(TARGET, STAGE, TableLayout.of(null, small(), ArrayMapping.REPEATED), SOFT,
                List.of(Set.of()))).hasMessageContaining("needs key columns");
    }
}
