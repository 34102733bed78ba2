package io.mirrorconnect.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class AvroSchemasTest {
    private static final Schema VALUE = SchemaBuilder.struct().name("m1.public.t.Value").optional()
            .field("id", Schema.INT64_SCHEMA)
            .field("i8", Schema.OPTIONAL_INT8_SCHEMA)
            .field("i16", SchemaBuilder.int16().optional().parameter(SchemaConventions.SOURCE_TYPE, "smallint").build())
            .field("price", Decimal.builder(2).parameter("connect.decimal.precision", "10").optional().build())
            .field("d", Date.builder().optional().build())
            .field("t", Time.builder().optional().build())
            .field("ts", Timestamp.builder().optional().build())
            .field("uuid", SchemaBuilder.string().name(SchemaConventions.UUID).optional().build())
            .field("raw", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
            .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).optional().build())
            .field("counts", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.INT64_SCHEMA).optional().build())
            .field("f", Schema.OPTIONAL_FLOAT32_SCHEMA)
            .field("ok", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .build();

    @Test
    void schemaFollowsAvroDataConventions() {
        org.apache.avro.Schema avro = AvroSchemas.toAvro(VALUE);
        assertThat(avro.getType()).isEqualTo(org.apache.avro.Schema.Type.UNION);
        org.apache.avro.Schema rec = avro.getTypes().get(1);
        assertThat(rec.getFullName()).isEqualTo("m1.public.t.Value");
        assertThat(rec.getField("id").schema().getType()).isEqualTo(org.apache.avro.Schema.Type.LONG);
        assertThat(rec.getField("id").hasDefaultValue()).isFalse();

        org.apache.avro.Schema price = rec.getField("price").schema();
        assertThat(price.getTypes().get(0).getType()).isEqualTo(org.apache.avro.Schema.Type.NULL);
        assertThat(rec.getField("price").defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
        org.apache.avro.Schema dec = price.getTypes().get(1);
        assertThat(dec.getType()).isEqualTo(org.apache.avro.Schema.Type.BYTES);
        assertThat(dec.getLogicalType().getName()).isEqualTo("decimal");
        assertThat(dec.getObjectProp("precision")).isEqualTo(10);
        assertThat(dec.getObjectProp("scale")).isEqualTo(2);
        assertThat(dec.getProp("connect.name")).isEqualTo(Decimal.LOGICAL_NAME);

        assertThat(rec.getField("d").schema().getTypes().get(1).getLogicalType().getName()).isEqualTo("date");
        assertThat(rec.getField("t").schema().getTypes().get(1).getLogicalType().getName()).isEqualTo("time-millis");
        assertThat(rec.getField("ts").schema().getTypes().get(1).getLogicalType().getName())
                .isEqualTo("timestamp-millis");
        org.apache.avro.Schema i16 = rec.getField("i16").schema().getTypes().get(1);
        assertThat(i16.getType()).isEqualTo(org.apache.avro.Schema.Type.INT);
        assertThat(i16.getProp("connect.type")).isEqualTo("int16");
        assertThat(i16.getObjectProp("connect.parameters")).isEqualTo(Map.of(SchemaConventions.SOURCE_TYPE, "smallint"));
        assertThat(rec.getField("uuid").schema().getTypes().get(1).getProp("connect.name"))
                .isEqualTo(SchemaConventions.UUID);
        assertThat(rec.getField("attrs").schema().getTypes().get(1).getType()).isEqualTo(org.apache.avro.Schema.Type.MAP);
        org.apache.avro.Schema counts = rec.getField("counts").schema().getTypes().get(1);
        assertThat(counts.getType()).isEqualTo(org.apache.avro.Schema.Type.ARRAY);
        assertThat(counts.getElementType().getFullName()).isEqualTo("io.confluent.connect.avro.MapEntry");
    }

    @Test
    void encodesAndDecodesAFullRow() {
        Struct s = new Struct(VALUE)
                .put("id", 42L)
                .put("i8", (byte) -1)
                .put("i16", (short) 300)
                .put("price", new BigDecimal("-12.34"))
                .put("d", new java.util.Date(86_400_000L * 3))
                .put("t", new java.util.Date(1_500))
                .put("ts", new java.util.Date(1_700_000_000_123L))
                .put("uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
                .put("raw", new byte[] {1, 2})
                .put("tags", Arrays.asList("a", null))
                .put("attrs", new java.util.LinkedHashMap<>(Map.of("k", "v")))
                .put("counts", Map.of(1, 2L))
                .put("f", 1.5f)
                .put("ok", true);
        GenericRecord r = (GenericRecord) AvroSchemas.decode(VALUE, AvroSchemas.encode(VALUE, s));
        assertThat(r.get("id")).isEqualTo(42L);
        assertThat(r.get("i8")).isEqualTo(-1);
        assertThat(r.get("i16")).isEqualTo(300);
        assertThat(AvroSchemas.decimal(r.get("price"), 2)).isEqualTo(new BigDecimal("-12.34"));
        assertThat(r.get("d")).isEqualTo(3);
        assertThat(r.get("t")).isEqualTo(1_500);
        assertThat(r.get("ts")).isEqualTo(1_700_000_000_123L);
        assertThat(r.get("uuid").toString()).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(((ByteBuffer) r.get("raw")).array()).containsExactly(1, 2);
        assertThat(((List<?>) r.get("tags")).get(1)).isNull();
        assertThat(((Map<?, ?>) r.get("attrs"))).hasSize(1);
        assertThat(((List<?>) r.get("counts"))).hasSize(1);

        Struct empty = new Struct(VALUE).put("id", 1L);
        GenericRecord e = (GenericRecord) AvroSchemas.decode(VALUE, AvroSchemas.encode(VALUE, empty));
        assertThat(e.get("price")).isNull();
        assertThat(AvroSchemas.decode(VALUE, AvroSchemas.encode(VALUE, null))).isNull();
    }

    @Test
    void invalidAvroNamesAreRejectedByTheParser() {
        Schema bad = SchemaBuilder.struct().name("m1.public.order items.Value").field("a", Schema.INT32_SCHEMA).build();
        assertThatThrownBy(() -> AvroSchemas.toAvro(bad)).isInstanceOf(org.apache.avro.SchemaParseException.class);
    }
}
