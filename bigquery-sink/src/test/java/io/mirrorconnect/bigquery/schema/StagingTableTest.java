package io.mirrorconnect.bigquery.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Descriptors;
import com.google.protobuf.TextFormat;

import io.mirrorconnect.bigquery.Golden;
import io.mirrorconnect.bigquery.Schemas;

/** The staging schema and protobuf descriptor built from a Connect schema, as golden files. */
class StagingTableTest {

    @Test
    void descriptorForEveryType() throws Exception {
        for (ArrayMapping arrays : new ArrayMapping[] {ArrayMapping.REPEATED, ArrayMapping.JSON}) {
            StagingTable t = new StagingTable(TableLayout.of(Schemas.key(), Schemas.everyType(), arrays));
            Golden.assertMatches("descriptor/every-type-" + arrays.configValue() + ".txt", TextFormat.printer().printToString(t.descriptor()));
            // it is a valid proto2 message
            Descriptors.FileDescriptor.buildFrom(com.google.protobuf.DescriptorProtos.FileDescriptorProto.newBuilder()
                    .setName("x.proto").addMessageType(t.descriptor()).build(), new Descriptors.FileDescriptor[0]);
        }
    }

    @Test
    void stagingSchemaForEveryType() {
        StagingTable t = new StagingTable(TableLayout.of(Schemas.key(), Schemas.everyType(), ArrayMapping.REPEATED));
        StringBuilder sb = new StringBuilder();
        t.schema().getFields().forEach(f -> sb.append(f.getName()).append(' ').append(f.getType().getStandardType())
                .append(' ').append(f.getMode()).append('\n'));
        Golden.assertMatches("descriptor/every-type-staging-schema.txt", sb.toString());
        assertThat(t.schema().getFields()).hasSize(Schemas.everyType().fields().size() + 4);
    }
}
