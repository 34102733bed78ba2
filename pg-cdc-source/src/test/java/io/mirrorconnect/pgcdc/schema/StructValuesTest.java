package io.mirrorconnect.pgcdc.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** The snapshot's direct Struct filling reaches Kafka's value array (else it silently falls back to put). */
class StructValuesTest {
    @Test
    void fillsTheStructsValues() {
        Schema s = SchemaBuilder.struct().field("a", Schema.OPTIONAL_INT32_SCHEMA)
                .field("b", Schema.OPTIONAL_STRING_SCHEMA).build();
        Struct st = new Struct(s);
        Object[] values = StructValues.of(st);
        assertThat(values).as("Struct's value array is reachable with this Kafka version").isNotNull().hasSize(2);
        values[s.field("b").index()] = "x";
        assertThat(st.get("b")).isEqualTo("x");
        assertThat(st.get("a")).isNull();
        st.validate();
    }
}
