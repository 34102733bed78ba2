package io.mirrorconnect.clickhouse.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirrorconnect.contract.SchemaConventions;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class ClickHouseTypeMapperTest {
    private static String type(SchemaBuilder b) {
        return ClickHouseTypeMapper.columnType(b.optional().build(), false);
    }

    private static SchemaBuilder decimal(int precision, int scale) {
        return Decimal.builder(scale).parameter(ClickHouseTypeMapper.DECIMAL_PRECISION, Integer.toString(precision));
    }

    @Test
    void primitives() {
        assertThat(type(SchemaBuilder.int8())).isEqualTo("Int8");
        assertThat(type(SchemaBuilder.int16())).isEqualTo("Int16");
        assertThat(type(SchemaBuilder.int32())).isEqualTo("Int32");
        assertThat(type(SchemaBuilder.int64())).isEqualTo("Int64");
        assertThat(type(SchemaBuilder.float32())).isEqualTo("Float32");
        assertThat(type(SchemaBuilder.float64())).isEqualTo("Float64");
        assertThat(type(SchemaBuilder.bool())).isEqualTo("Bool");
        assertThat(type(SchemaBuilder.string())).isEqualTo("String");
        assertThat(type(SchemaBuilder.bytes())).isEqualTo("String");
    }

    @Test
    void decimals() {
        assertThat(type(decimal(10, 2))).isEqualTo("Decimal(10, 2)");
        assertThat(type(decimal(76, 10))).isEqualTo("Decimal(76, 10)");
        assertThat(type(decimal(77, 2))).as("beyond ClickHouse's 76 digits").isEqualTo("String");
        assertThat(type(decimal(1000, 0))).isEqualTo("String");
        assertThat(type(Decimal.builder(3))).as("no precision").isEqualTo("Decimal(76, 3)");
        assertThat(type(decimal(19, 2))).as("money").isEqualTo("Decimal(19, 2)");
        assertThat(type(SchemaBuilder.string().name(SchemaConventions.NUMERIC))).as("unbounded numeric")
                .isEqualTo("String");
    }

    @Test
    void temporalAndSemanticTypes() {
        assertThat(type(Date.builder())).isEqualTo("Date32");
        assertThat(type(Timestamp.builder())).isEqualTo("DateTime64(3, 'UTC')");
        assertThat(type(SchemaBuilder.int64().name(SchemaConventions.TIMESTAMP_MICROS))).isEqualTo("DateTime64(6, 'UTC')");
        assertThat(type(SchemaBuilder.int64().name(SchemaConventions.TIMESTAMPTZ_MICROS)))
                .isEqualTo("DateTime64(6, 'UTC')");
        assertThat(type(SchemaBuilder.int64().name(SchemaConventions.TIME_MICROS))).isEqualTo("String");
        assertThat(type(SchemaBuilder.string().name(SchemaConventions.TIMETZ))).isEqualTo("String");
        assertThat(type(SchemaBuilder.string().name(SchemaConventions.INTERVAL))).isEqualTo("String");
        assertThat(type(SchemaBuilder.string().name(SchemaConventions.UUID))).isEqualTo("UUID");
        assertThat(type(SchemaBuilder.string().name(SchemaConventions.JSON))).isEqualTo("String");
        assertThat(type(SchemaBuilder.string().name(SchemaConventions.XML))).isEqualTo("String");
        assertThat(type(SchemaBuilder.string().name(SchemaConventions.ENUM))).isEqualTo("LowCardinality(String)");
        assertThat(type(SchemaBuilder.string().name(SchemaConventions.GEOMETRY))).isEqualTo("String");
    }

    @Test
    void containers() {
        assertThat(type(SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA))).isEqualTo("Array(Nullable(Int32))");
        assertThat(type(SchemaBuilder.array(Schema.INT32_SCHEMA))).isEqualTo("Array(Int32)");
        assertThat(type(SchemaBuilder.array(SchemaBuilder.string().name(SchemaConventions.ENUM).optional().build())))
                .isEqualTo("Array(LowCardinality(Nullable(String)))");
        assertThat(type(SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA)))
                .as("hstore").isEqualTo("Map(String, Nullable(String))");
    }

    @Test
    void nullability() {
        Schema nullableInt = SchemaBuilder.int32().optional().parameter(SchemaConventions.SOURCE_NULLABLE, "true").build();
        Schema notNullInt = SchemaBuilder.int32().optional().parameter(SchemaConventions.SOURCE_NULLABLE, "false").build();
        assertThat(ClickHouseTypeMapper.columnType(nullableInt)).isEqualTo("Nullable(Int32)");
        assertThat(ClickHouseTypeMapper.columnType(notNullInt)).isEqualTo("Int32");
        assertThat(ClickHouseTypeMapper.columnType(Schema.OPTIONAL_STRING_SCHEMA)).as("source did not say")
                .isEqualTo("Nullable(String)");
        assertThat(ClickHouseTypeMapper.columnType(nullableInt, false)).as("key column").isEqualTo("Int32");
        assertThat(ClickHouseTypeMapper.columnType(SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build(),
                true)).as("arrays are never Nullable").isEqualTo("Array(Nullable(String))");
        assertThat(ClickHouseTypeMapper.columnType(
                SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).optional().build(), true))
                .isEqualTo("Map(String, Nullable(String))");
        assertThat(ClickHouseTypeMapper.columnType(SchemaBuilder.string().name(SchemaConventions.ENUM).build(), true))
                .isEqualTo("LowCardinality(Nullable(String))");
        assertThat(ClickHouseTypeMapper.columnType(decimal(10, 2).build(), true)).isEqualTo("Nullable(Decimal(10, 2))");
    }

    @Test
    void structsAreRejected() {
        Schema struct = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build();
        assertThatThrownBy(() -> ClickHouseTypeMapper.columnType(struct, false)).isInstanceOf(DataException.class)
                .hasMessageContaining("STRUCT");
    }
}
