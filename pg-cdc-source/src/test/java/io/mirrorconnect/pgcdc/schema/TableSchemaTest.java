package io.mirrorconnect.pgcdc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.SchemaConventions;
import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.types.PgColumn;
import io.mirrorconnect.pgcdc.types.PgOid;
import io.mirrorconnect.pgcdc.types.PgTypeMapper;
import io.mirrorconnect.pgcdc.types.PgTypeRegistry;
import io.mirrorconnect.pgcdc.types.PgValueException;

class TableSchemaTest {
    private static final TableId T = TableId.of("shop", "order items");
    private static final String TOPIC = "m1.shop.order items";
    private final PgTypeMapper mapper = new PgTypeMapper(new PgTypeRegistry());

    private final List<PgColumn> columns = List.of(
            new PgColumn("tenant", PgOid.INT4, -1, "integer", false),
            new PgColumn("id", PgOid.INT8, -1, "bigint", false),
            new PgColumn("Unit Price", PgOid.NUMERIC, (10 << 16 | 2) + 4, "numeric(10,2)", true),
            new PgColumn("secret", PgOid.TEXT, -1, "text", true),
            new PgColumn("body", PgOid.TEXT, -1, "text", true));

    private TableSchema schema() {
        return TableSchemaBuilder.build(T, TOPIC, columns, List.of("id", "tenant"), Set.of("secret"), mapper);
    }

    @Test
    void schemasFollowTheContract() {
        TableSchema ts = schema();
        assertThat(ts.valueSchema().name()).isEqualTo("m1.shop.order_items.Value");
        assertThat(ts.keySchema().name()).isEqualTo("m1.shop.order_items.Key");
        assertThat(ts.valueSchema().fields()).extracting(f -> f.name())
                .containsExactly("tenant", "id", "Unit_Price", "body");
        assertThat(ts.valueSchema().fields()).allMatch(f -> f.schema().isOptional());
        assertThat(ts.keySchema().fields()).extracting(f -> f.name()).containsExactly("id", "tenant");
        assertThat(ts.keySchema().fields()).noneMatch(f -> f.schema().isOptional());
        assertThat(SchemaConventions.columnName(ts.valueSchema().field("Unit_Price"))).isEqualTo("Unit Price");
        assertThat(SchemaConventions.sourceNullable(ts.valueSchema().field("id").schema())).isFalse();
        assertThat(ts.includedColumnNames()).containsExactly("tenant", "id", "Unit Price", "body");
        assertThat(ts.keyColumnNames()).containsExactly("id", "tenant");
    }

    @Test
    void rowsConvertFromRelationIndexedTexts() {
        TableSchema ts = schema();
        Struct v = ts.valueStruct(new String[] {"7", "42", "9.99", "hidden", null});
        v.validate();
        assertThat(v.get("tenant")).isEqualTo(7);
        assertThat(v.get("id")).isEqualTo(42L);
        assertThat(v.get("Unit_Price")).isEqualTo(new BigDecimal("9.99"));
        assertThat(v.get("body")).isNull();
        assertThat(v.schema().field("secret")).isNull();

        Struct k = ts.keyStruct(new String[] {"7", "42", null, null, null});
        assertThat(k.get("id")).isEqualTo(42L);
        assertThat(k.get("tenant")).isEqualTo(7);
        assertThat(ts.keyStructFromValue(v)).isEqualTo(k);
        assertThat(ts.keyStructFromValueTexts(new String[] {"7", "42", "1.00", "x", "y"})).isEqualTo(k);
    }

    @Test
    void rowsConvertFromIncludedColumnsOnly() {
        Struct v = schema().valueStructOfIncluded(new String[] {"1", "2", "3.50", "b"});
        assertThat(v.get("Unit_Price")).isEqualTo(new BigDecimal("3.50"));
        assertThat(v.get("body")).isEqualTo("b");
    }

    @Test
    void unchangedToastFieldNames() {
        TableSchema ts = schema();
        assertThat(ts.fieldNames(new int[] {4, 2, 3})).containsExactly("body", "Unit_Price");
        assertThat(ts.fieldNames(new int[0])).isEmpty();
        assertThatThrownBy(() -> ts.fieldNames(new int[] {5})).isInstanceOf(DataException.class);
    }

    @Test
    void errorsNameTableColumnAndValue() {
        TableSchema ts = schema();
        assertThatThrownBy(() -> ts.valueStruct(new String[] {"7", "42", "abc", null, null}))
                .isInstanceOf(PgValueException.class)
                .hasMessageContaining("shop.\"order items\"")
                .hasMessageContaining("Unit Price")
                .hasMessageContaining("'abc'");
        assertThatThrownBy(() -> ts.keyStruct(new String[] {"7", null, null, null, null}))
                .isInstanceOf(DataException.class).hasMessageContaining("key column id");
        assertThatThrownBy(() -> ts.valueStruct(new String[] {"1"}))
                .isInstanceOf(DataException.class).hasMessageContaining("1 values").hasMessageContaining("5");
    }

    @Test
    void tableWithoutKey() {
        TableSchema ts = TableSchemaBuilder.build(T, TOPIC, columns, List.of(), Set.of(), mapper);
        assertThat(ts.keySchema()).isNull();
        assertThat(ts.hasKey()).isFalse();
        assertThat(ts.keyStruct(new String[] {"1", "2", null, null, null})).isNull();
    }

    @Test
    void collidingFieldNamesAreMadeUnique() {
        List<PgColumn> cols = List.of(
                new PgColumn("a b", PgOid.INT4, -1, "integer", true),
                new PgColumn("a_b", PgOid.INT4, -1, "integer", true),
                new PgColumn("1st", PgOid.INT4, -1, "integer", true));
        TableSchema ts = TableSchemaBuilder.build(T, TOPIC, cols, List.of(), Set.of(), mapper);
        Schema v = ts.valueSchema();
        assertThat(v.fields()).extracting(f -> f.name()).containsExactly("a_b", "a_b_2", "_1st");
        assertThat(v.fields()).extracting(SchemaConventions::columnName).containsExactly("a b", "a_b", "1st");
    }

    @Test
    void badDefinitionsAreRefused() {
        assertThatThrownBy(() -> TableSchemaBuilder.build(T, TOPIC, columns, List.of("nope"), Set.of(), mapper))
                .hasMessageContaining("key column nope does not exist");
        assertThatThrownBy(() -> TableSchemaBuilder.build(T, TOPIC, columns, List.of("id"), Set.of("id"), mapper))
                .hasMessageContaining("key column id cannot be excluded");
        assertThatThrownBy(() -> TableSchemaBuilder.build(T, TOPIC, columns, List.of(), Set.of("ghost"), mapper))
                .hasMessageContaining("excluded column ghost does not exist");
        assertThatThrownBy(() -> TableSchemaBuilder.build(T, TOPIC, columns.subList(0, 1), List.of(),
                Set.of("tenant"), mapper)).hasMessageContaining("no column left");
    }
}
