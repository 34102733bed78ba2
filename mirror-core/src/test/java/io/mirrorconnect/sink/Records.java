package io.mirrorconnect.sink;

import java.util.Arrays;
import java.util.LinkedHashSet;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

import io.mirrorconnect.contract.ChangeHeaders;
import io.mirrorconnect.contract.ChangeMetadata;
import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.SchemaConventions;

/** Builds contract records for tests: table {@code public.items(id int PK, name text, body text, extra text)}. */
final class Records {
    static final String TOPIC = "m.public.items";

    static final Schema KEY = SchemaBuilder.struct().name(SchemaConventions.keySchemaName(TOPIC))
            .field("id", SchemaBuilder.int32().parameter(SchemaConventions.SOURCE_TYPE, "integer")
                    .parameter(SchemaConventions.SOURCE_NULLABLE, "false").build())
            .build();

    static final Schema VALUE = SchemaBuilder.struct().name(SchemaConventions.valueSchemaName(TOPIC)).optional()
            .field("id", SchemaBuilder.int32().optional().parameter(SchemaConventions.SOURCE_TYPE, "integer")
                    .parameter(SchemaConventions.SOURCE_NULLABLE, "false").build())
            .field("name", SchemaBuilder.string().optional().parameter(SchemaConventions.SOURCE_TYPE, "text").build())
            .field("body", SchemaBuilder.string().optional().parameter(SchemaConventions.SOURCE_TYPE, "text").build())
            .build();

    /** VALUE plus a column added later. */
    static final Schema VALUE_V2 = SchemaBuilder.struct().name(SchemaConventions.valueSchemaName(TOPIC)).optional()
            .field("id", VALUE.field("id").schema())
            .field("name", VALUE.field("name").schema())
            .field("body", VALUE.field("body").schema())
            .field("extra", SchemaBuilder.string().optional().parameter(SchemaConventions.SOURCE_TYPE, "text").build())
            .build();

    private Records() {
    }

    static Struct key(int id) {
        return new Struct(KEY).put("id", id);
    }

    static Struct row(int id, String name, String body) {
        return new Struct(VALUE).put("id", id).put("name", name).put("body", body);
    }

    static Struct rowV2(int id, String name, String body, String extra) {
        return new Struct(VALUE_V2).put("id", id).put("name", name).put("body", body).put("extra", extra);
    }

    static SinkRecord record(int partition, long offset, ChangeOp op, long version, Struct key, Struct value,
                             String... unchangedToast) {
        ConnectHeaders headers = new ConnectHeaders();
        ChangeHeaders.write(headers, new ChangeMetadata(op, version, 1_700_000_000_000_000L + version,
                new LinkedHashSet<>(Arrays.asList(unchangedToast))));
        return new SinkRecord(TOPIC, partition, key == null ? null : key.schema(), key,
                value == null ? null : value.schema(), value, offset, null, null, headers);
    }

    static SinkRecord upsert(long offset, ChangeOp op, long version, int id, String name, String body, String... toast) {
        return record(0, offset, op, version, key(id), row(id, name, body), toast);
    }

    static SinkRecord deleteKeyOnly(long offset, long version, int id) {
        return record(0, offset, ChangeOp.DELETE, version, key(id), key(id));
    }

    /** A delete as the source writes it under the default replica identity: the value schema, only the key sent. */
    static SinkRecord deleteKeyInValue(long offset, long version, int id) {
        return record(0, offset, ChangeOp.DELETE, version, key(id), new Struct(VALUE).put("id", id), "name", "body");
    }

    static ChangeRow change(SinkRecord r) {
        return ChangeRow.read(r);
    }
}
