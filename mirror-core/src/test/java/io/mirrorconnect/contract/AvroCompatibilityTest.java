package io.mirrorconnect.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

/**
 * Schema evolution of the contract under a registry's compatibility rules, checked with Avro's own
 * {@link SchemaCompatibility} on the Avro schemas the converters derive (docs/record-contract.md, "Avro").
 * BACKWARD: the new schema reads data written with the old one.
 */
class AvroCompatibilityTest {
    private static final String TOPIC = "m1.public.items";

    private static SchemaBuilder value() {
        return SchemaBuilder.struct().name(SchemaConventions.valueSchemaName(TOPIC)).optional()
                .field("id", SchemaBuilder.int32().optional().parameter(SchemaConventions.SOURCE_NULLABLE, "false").build())
                .field("amount", Decimal.builder(2).optional().parameter("connect.decimal.precision", "10").build());
    }

    private static SchemaCompatibilityType backward(Schema older, Schema newer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(AvroSchemas.toAvro(newer), AvroSchemas.toAvro(older))
                .getType();
    }

    @Test
    void addColumnIsBackwardAndForwardCompatible() {
        Schema v1 = value().build();
        Schema v2 = value().field("extra", Schema.OPTIONAL_INT32_SCHEMA).build();
        assertThat(backward(v1, v2)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(backward(v2, v1)).as("FORWARD too: old readers skip the new field")
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void dropColumnIsBackwardCompatibleButRetypeIsNot() {
        Schema v1 = value().field("extra", Schema.OPTIONAL_INT32_SCHEMA).build();
        Schema dropped = value().build();
        assertThat(backward(v1, dropped)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);

        Schema retyped = value().field("extra", Schema.OPTIONAL_STRING_SCHEMA).build();
        assertThat(backward(v1, retyped)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        Schema widened = value().field("extra", Schema.OPTIONAL_INT64_SCHEMA).build();
        assertThat(backward(v1, widened)).as("Avro promotes int to long").isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void aKeyShapedDeleteValueIsNotAVersionOfTheValueSchema() {
        // the contract's delete (default replica identity) carries the key struct as the value: under one
        // subject per topic value (TopicNameStrategy) it would be a new, incompatible version
        Schema key = SchemaBuilder.struct().name(SchemaConventions.keySchemaName(TOPIC))
                .field("id", Schema.INT32_SCHEMA).build();
        assertThat(backward(value().build(), key)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }
}
