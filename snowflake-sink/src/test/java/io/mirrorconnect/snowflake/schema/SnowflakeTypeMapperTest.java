package io.mirrorconnect.snowflake.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.SchemaConventions;

class SnowflakeTypeMapperTest {
    private static String ddl(Schema s) {
        return SnowflakeTypeMapper.type(s).ddl();
    }

    private static Schema named(Schema.Type type, String name) {
        return SchemaBuilder.type(type).name(name).optional().build();
    }

    private static Schema decimal(int precision, int scale) {
        return Decimal.builder(scale).parameter(SnowflakeTypeMapper.DECIMAL_PRECISION, Integer.toString(precision)).optional().build();
    }

    @Test
    void primitives() {
        assertThat(ddl(Schema.OPTIONAL_INT8_SCHEMA)).isEqualTo("NUMBER(3,0)");
        assertThat(ddl(Schema.OPTIONAL_INT16_SCHEMA)).isEqualTo("NUMBER(5,0)");
        assertThat(ddl(Schema.OPTIONAL_INT32_SCHEMA)).isEqualTo("NUMBER(10,0)");
        assertThat(ddl(Schema.OPTIONAL_INT64_SCHEMA)).isEqualTo("NUMBER(19,0)");
        assertThat(ddl(Schema.OPTIONAL_FLOAT32_SCHEMA)).isEqualTo("FLOAT");
        assertThat(ddl(Schema.OPTIONAL_FLOAT64_SCHEMA)).isEqualTo("FLOAT");
        assertThat(ddl(Schema.OPTIONAL_BOOLEAN_SCHEMA)).isEqualTo("BOOLEAN");
        assertThat(ddl(Schema.OPTIONAL_STRING_SCHEMA)).isEqualTo("VARCHAR");
        assertThat(SnowflakeTypeMapper.type(Schema.OPTIONAL_BYTES_SCHEMA)).isEqualTo(SnowflakeType.binary());
    }

    @Test
    void decimalsUpTo38DigitsAreNumberBeyondExactText() {
        assertThat(ddl(decimal(10, 2))).isEqualTo("NUMBER(10,2)");
        assertThat(ddl(decimal(38, 38))).isEqualTo("NUMBER(38,38)");
        assertThat(ddl(decimal(39, 2))).isEqualTo("VARCHAR");
        assertThat(ddl(Decimal.builder(3).optional().build())).isEqualTo("NUMBER(38,3)");
        assertThat(ddl(named(Schema.Type.STRING, SchemaConventions.NUMERIC))).isEqualTo("VARCHAR");
    }

    @Test
    void timeTypes() {
        assertThat(ddl(Date.builder().optional().build())).isEqualTo("DATE");
        assertThat(ddl(Time.builder().optional().build())).isEqualTo("TIME(3)");
        assertThat(ddl(Timestamp.builder().optional().build())).isEqualTo("TIMESTAMP_NTZ(3)");
        assertThat(ddl(named(Schema.Type.INT64, SchemaConventions.TIME_MICROS))).isEqualTo("TIME(9)");
        assertThat(ddl(named(Schema.Type.INT64, SchemaConventions.TIMESTAMP_MICROS))).isEqualTo("TIMESTAMP_NTZ(6)");
        assertThat(ddl(named(Schema.Type.INT64, SchemaConventions.TIMESTAMPTZ_MICROS))).isEqualTo("TIMESTAMP_TZ(6)");
        assertThat(ddl(named(Schema.Type.STRING, SchemaConventions.TIMETZ))).isEqualTo("VARCHAR");
        assertThat(ddl(named(Schema.Type.STRING, SchemaConventions.INTERVAL))).isEqualTo("VARCHAR");
    }

    @Test
    void textSemanticTypesJsonArraysAndMaps() {
        assertThat(ddl(named(Schema.Type.STRING, SchemaConventions.UUID))).isEqualTo("VARCHAR");
        assertThat(ddl(named(Schema.Type.STRING, SchemaConventions.ENUM))).isEqualTo("VARCHAR");
        assertThat(SnowflakeTypeMapper.type(named(Schema.Type.STRING, SchemaConventions.JSON))).isEqualTo(SnowflakeType.json("VARIANT"));
        Schema ints = SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).optional().build();
        assertThat(SnowflakeTypeMapper.type(ints)).isEqualTo(SnowflakeType.json("ARRAY"));
        assertThat(ddl(SchemaBuilder.array(ints).optional().build())).isEqualTo("ARRAY");
        Schema hstore = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).optional().build();
        assertThat(SnowflakeTypeMapper.type(hstore)).isEqualTo(SnowflakeType.json("VARIANT"));
    }

    @Test
    void structsAreRefused() {
        Schema struct = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).optional().build();
        assertThatThrownBy(() -> SnowflakeTypeMapper.type(struct)).isInstanceOf(DataException.class)
                .hasMessageContaining("STRUCT");
    }
}
