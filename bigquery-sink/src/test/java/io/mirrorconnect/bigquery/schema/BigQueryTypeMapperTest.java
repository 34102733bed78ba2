package io.mirrorconnect.bigquery.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.bigquery.Schemas;

class BigQueryTypeMapperTest {

    private static Map<String, String> types(ArrayMapping arrays) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Field f : Schemas.everyType().fields()) {
            out.put(f.name(), BigQueryTypeMapper.type(f.schema(), arrays).ddl());
        }
        return out;
    }

    @Test
    void everyContractTypeHasAColumnType() {
        assertThat(types(ArrayMapping.REPEATED)).containsExactly(
                Map.entry("id", "INT64"), Map.entry("small", "INT64"), Map.entry("int", "INT64"),
                Map.entry("real", "FLOAT64"), Map.entry("double", "FLOAT64"), Map.entry("flag", "BOOL"),
                Map.entry("price", "NUMERIC"), Map.entry("wide", "BIGNUMERIC"), Map.entry("huge", "STRING"),
                Map.entry("unbounded", "STRING"), Map.entry("name", "STRING"), Map.entry("blob", "BYTES"),
                Map.entry("uuid", "STRING"), Map.entry("doc", "JSON"), Map.entry("day", "DATE"), Map.entry("at", "TIME"),
                Map.entry("local", "DATETIME"), Map.entry("instant", "TIMESTAMP"), Map.entry("span", "STRING"),
                Map.entry("tags", "ARRAY<STRING>"), Map.entry("amounts", "ARRAY<NUMERIC>"), Map.entry("grid", "JSON"),
                Map.entry("attrs", "JSON"));
    }

    @Test
    void jsonArraysKeepEveryArrayExactly() {
        assertThat(types(ArrayMapping.JSON)).containsEntry("tags", "JSON").containsEntry("amounts", "JSON")
                .containsEntry("grid", "JSON").containsEntry("price", "NUMERIC");
    }

    @Test
    void decimalsByPrecisionAndScale() {
        assertThat(decimal(38, 9)).isEqualTo("NUMERIC");
        assertThat(decimal(29, 0)).isEqualTo("NUMERIC");
        assertThat(decimal(30, 0)).isEqualTo("BIGNUMERIC");
        assertThat(decimal(20, 10)).isEqualTo("BIGNUMERIC");
        assertThat(decimal(76, 38)).isEqualTo("BIGNUMERIC");
        assertThat(decimal(77, 38)).isEqualTo("STRING");
        assertThat(decimal(50, 39)).isEqualTo("STRING");
        assertThat(BigQueryTypeMapper.type(Decimal.schema(4), ArrayMapping.REPEATED).ddl()).isEqualTo("BIGNUMERIC");
        assertThat(BigQueryTypeMapper.type(Decimal.schema(-2), ArrayMapping.REPEATED).ddl()).isEqualTo("STRING");
    }

    @Test
    void connectTimestampIsATimestamp() {
        assertThat(BigQueryTypeMapper.type(Timestamp.SCHEMA, ArrayMapping.REPEATED).ddl()).isEqualTo("TIMESTAMP");
    }

    @Test
    void structsAreNotPartOfTheContract() {
        Schema struct = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build();
        assertThatThrownBy(() -> BigQueryTypeMapper.type(struct, ArrayMapping.REPEATED)).hasMessageContaining("STRUCT");
    }

    private static String decimal(int precision, int scale) {
        return BigQueryTypeMapper.type(Decimal.builder(scale).parameter("connect.decimal.precision", String.valueOf(precision)).build(),
                ArrayMapping.REPEATED).ddl();
    }
}
