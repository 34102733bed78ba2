package io.mirrorconnect.bigquery;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

import io.mirrorconnect.contract.SchemaConventions;

/** Record schemas the unit tests share: one field of every kind pg-cdc-source emits (docs/pg-types.md). */
public final class Schemas {
    private Schemas() {
    }

    public static Schema key() {
        return SchemaBuilder.struct().name("shop.public.orders.Key").field("id", Schema.INT64_SCHEMA).build();
    }

    public static Schema compositeKey() {
        return SchemaBuilder.struct().name("shop.public.lines.Key")
                .field("order_id", Schema.INT64_SCHEMA).field("line no", Schema.INT32_SCHEMA).build();
    }

    public static Schema everyType() {
        return SchemaBuilder.struct().name("shop.public.orders.Value")
                .field("id", Schema.INT64_SCHEMA)
                .field("small", Schema.OPTIONAL_INT16_SCHEMA)
                .field("int", Schema.OPTIONAL_INT32_SCHEMA)
                .field("real", Schema.OPTIONAL_FLOAT32_SCHEMA)
                .field("double", Schema.OPTIONAL_FLOAT64_SCHEMA)
                .field("flag", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field("price", Decimal.builder(2).parameter("connect.decimal.precision", "10").optional().build())
                .field("wide", Decimal.builder(20).parameter("connect.decimal.precision", "40").optional().build())
                .field("huge", Decimal.builder(10).parameter("connect.decimal.precision", "60").optional().build())
                .field("unbounded", SchemaBuilder.string().name(SchemaConventions.NUMERIC).optional().build())
                .field("name", Schema.OPTIONAL_STRING_SCHEMA)
                .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
                .field("uuid", SchemaBuilder.string().name(SchemaConventions.UUID).optional().build())
                .field("doc", SchemaBuilder.string().name(SchemaConventions.JSON).optional().build())
                .field("day", Date.builder().optional().build())
                .field("at", SchemaBuilder.int64().name(SchemaConventions.TIME_MICROS).optional().build())
                .field("local", SchemaBuilder.int64().name(SchemaConventions.TIMESTAMP_MICROS).optional().build())
                .field("instant", SchemaBuilder.int64().name(SchemaConventions.TIMESTAMPTZ_MICROS).optional().build())
                .field("span", SchemaBuilder.string().name(SchemaConventions.INTERVAL).optional().build())
                .field("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
                .field("amounts", SchemaBuilder.array(Decimal.builder(2).parameter("connect.decimal.precision", "10")
                        .optional().build()).optional().build())
                .field("grid", SchemaBuilder.array(SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).optional().build())
                        .optional().build())
                .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).optional().build())
                .build();
    }
}
