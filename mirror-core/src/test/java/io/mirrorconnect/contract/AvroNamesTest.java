package io.mirrorconnect.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The Avro name rules of docs/record-contract.md ("Avro"): sanitisation is deterministic, idempotent and valid. */
class AvroNamesTest {
    private static final List<String> AWKWARD = List.of("Order Date", "1st", "é", "", "a-b.c", "_ok", "x$y",
            "日本", "UPPER_lower_9", "with\ttab", "trailing ", "-");

    @Test
    void sanitisedNamesFollowTheDocumentedRule() {
        assertThat(SchemaConventions.avroName("Order Date")).isEqualTo("Order_Date");
        assertThat(SchemaConventions.avroName("1st")).isEqualTo("_1st");
        assertThat(SchemaConventions.avroName("é")).isEqualTo("_");
        assertThat(SchemaConventions.avroName("")).isEqualTo("_");
        assertThat(SchemaConventions.avroName("a-b.c")).isEqualTo("a_b_c");
        assertThat(SchemaConventions.avroName("日本")).as("one '_' per UTF-16 char").isEqualTo("__");
        assertThat(SchemaConventions.avroName("_ok")).as("valid names stay").isEqualTo("_ok");
        assertThat(SchemaConventions.avroFullName("m1.public.order items")).isEqualTo("m1.public.order_items");
        assertThat(SchemaConventions.avroFullName("m1..9t")).isEqualTo("m1._._9t");
        assertThat(SchemaConventions.valueSchemaName("m-1.public.1t")).isEqualTo("m_1.public._1t.Value");
    }

    @Test
    void sanitisingIsIdempotentAndAvroAcceptsEveryResult() {
        for (String name : AWKWARD) {
            String once = SchemaConventions.avroName(name);
            assertThat(SchemaConventions.avroName(once)).as(name).isEqualTo(once);
            assertThat(SchemaConventions.isAvroName(once)).as(name).isTrue();
            // Avro's own validation (names are checked when a record or field is created)
            SchemaBuilder.record(once).namespace(SchemaConventions.avroFullName("m." + name))
                    .fields().optionalString(once).endRecord();
        }
    }
}
