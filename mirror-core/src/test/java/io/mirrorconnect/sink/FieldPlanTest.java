package io.mirrorconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class FieldPlanTest {
    private static final Schema V1 = SchemaBuilder.struct()
            .field("id", Schema.INT64_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA).build();
    /** The same columns in another order, plus one. */
    private static final Schema V2 = SchemaBuilder.struct().field("extra", Schema.OPTIONAL_INT32_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA).field("id", Schema.INT64_SCHEMA).build();

    private static List<String> names(Field[] fields) {
        return Arrays.stream(fields).map(f -> f == null ? null : f.name()).toList();
    }

    @Test
    void resolvesEachColumnToTheSchemasFieldOfItsNameAndNullWhereThereIsNone() {
        FieldPlan plan = new FieldPlan(Arrays.asList("name", null, "extra", "id"));
        Field[] v1 = plan.fieldsOf(V1);
        assertThat(names(v1)).containsExactly("name", null, null, "id");
        assertThat(v1[0]).isSameAs(V1.field("name")); // the schema's own field: its index reads the struct
        assertThat(v1[3].index()).isEqualTo(0);

        Field[] v2 = plan.fieldsOf(V2);
        assertThat(names(v2)).containsExactly("name", null, "extra", "id");
        assertThat(v2[3].index()).isEqualTo(2);
    }

    @Test
    void isComputedOncePerSchemaInstance() {
        FieldPlan plan = new FieldPlan(List.of("id", "name"));
        Field[] first = plan.fieldsOf(V1);
        assertThat(plan.fieldsOf(V1)).isSameAs(first);
        Field[] other = plan.fieldsOf(V2);
        assertThat(other).isNotSameAs(first);
        assertThat(names(plan.fieldsOf(V1))).containsExactly("id", "name");
    }
}
