package io.mirrorconnect.clickhouse.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClickHouseTypeTest {
    @ParameterizedTest
    @ValueSource(strings = {"Int64", "Nullable(Decimal(10, 2))", "DateTime64(6, 'UTC')",
            "Map(String, Nullable(String))", "Array(Array(Nullable(Int32)))", "LowCardinality(Nullable(String))",
            "FixedString(16)", "DateTime64(9)", "DateTime('Europe/Berlin')"})
    void printsWhatItParses(String text) {
        assertThat(ClickHouseType.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void normalizesSpacing() {
        assertThat(ClickHouseType.parse(" Nullable( Decimal(10,2) ) ").toString()).isEqualTo("Nullable(Decimal(10, 2))");
    }

    @Test
    void nullableWrapsWhereClickHouseAllowsIt() {
        assertThat(ClickHouseType.parse("Int32").nullable().toString()).isEqualTo("Nullable(Int32)");
        assertThat(ClickHouseType.parse("Array(Int32)").nullable().toString()).isEqualTo("Array(Int32)");
        assertThat(ClickHouseType.parse("Map(String, String)").nullable().toString()).isEqualTo("Map(String, String)");
        assertThat(ClickHouseType.parse("LowCardinality(String)").nullable().toString())
                .isEqualTo("LowCardinality(Nullable(String))");
        assertThat(ClickHouseType.parse("LowCardinality(Nullable(String))").withoutNullable().toString())
                .isEqualTo("LowCardinality(String)");
        assertThat(ClickHouseType.parse("Nullable(UUID)").withoutNullable().toString()).isEqualTo("UUID");
    }

    @Test
    void rejectsMalformedTypes() {
        assertThatThrownBy(() -> ClickHouseType.parse("Nullable(Int32")).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> ClickHouseType.parse("Int32 x")).hasMessageContaining("unexpected text");
        assertThatThrownBy(() -> ClickHouseType.parse("")).hasMessageContaining("expected a type name");
        assertThatThrownBy(() -> ClickHouseType.parse("DateTime64(6, 'UTC)")).hasMessageContaining("unterminated");
    }
}
