package io.mirrorconnect.clickhouse.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ClickHouseDmlTest {
    @Test
    void insertRowBinary() {
        Golden.assertMatches("dml-insert-rowbinary.sql",
                ClickHouseDml.insertRowBinary("mirror_db", "public_orders", List.of("id", "Order Date", "_PEERDB_VERSION")));
        assertThat(ClickHouseDml.quotedColumns(List.of("a", "b`c"))).containsExactly("`a`", "`b\\`c`");
    }

    @Test
    void deleteOlderThan() {
        Golden.assertMatches("dml-delete-older-than.sql",
                ClickHouseDml.deleteOlderThan("mirror_db", "public_orders", "_PEERDB_VERSION"));
        assertThat(ClickHouseDml.versionParameters(42L)).containsExactly(Map.entry("version", "42"));
        assertThat(ClickHouseDml.versionParameters(-1L)).as("UInt64 above Long.MAX_VALUE")
                .containsExactly(Map.entry("version", "18446744073709551615"));
    }

    @Test
    void selectLatestByKeysWithParameters() {
        List<ColumnSpec> keys = List.of(new ColumnSpec("tenant", "String"), new ColumnSpec("id", "Int64"));
        Golden.assertMatches("dml-select-latest-by-keys.sql",
                ClickHouseDml.selectLatestByKeys("mirror_db", "public_orders", keys,
                        List.of("tenant", "id", "note", "_PEERDB_VERSION"), 2) + "\n"
                + ClickHouseDml.selectLatestByKeys("mirror_db", "users", List.of(new ColumnSpec("id", "UUID")),
                        List.of("id", "name"), 3));
        Map<String, Object> params = ClickHouseDml.keyParameters(List.of(
                List.of("a\tb\\c", 1L), List.of("x", 2L)));
        assertThat(params).containsExactly(Map.entry("k0_0", "a\\tb\\\\c"), Map.entry("k0_1", "1"),
                Map.entry("k1_0", "x"), Map.entry("k1_1", "2"));
    }

    @Test
    void selectLatestByKeyLiterals() {
        Golden.assertMatches("dml-select-latest-by-key-literals.sql",
                ClickHouseDml.selectLatestByKeyLiterals("mirror_db", "public_orders", List.of("tenant", "id"),
                        List.of("tenant", "id", "note"),
                        List.of(List.of("it's", 1L), List.of("back\\slash", 2L))) + "\n"
                + ClickHouseDml.selectLatestByKeyLiterals(null, "t", List.of("id"), List.of("id"),
                        List.of(List.of(UUID.fromString("123e4567-e89b-12d3-a456-426614174000")),
                                List.of(new BigDecimal("1.50")))));
    }

    @Test
    void selectColumns() {
        Golden.assertMatches("dml-select-columns.sql", ClickHouseDml.selectColumns());
        assertThat(ClickHouseDml.tableParameters("d", "t\\x")).containsExactly(Map.entry("database", "d"),
                Map.entry("table", "t\\\\x"));
    }

    @Test
    void rejectsLookupsWithoutKeys() {
        assertThatThrownBy(() -> ClickHouseDml.selectLatestByKeys("d", "t", List.of(), List.of("a"), 1))
                .hasMessageContaining("no key columns");
        assertThatThrownBy(() -> ClickHouseDml.selectLatestByKeys("d", "t", List.of(new ColumnSpec("id", "Int64")),
                List.of("a"), 0)).hasMessageContaining("at least one key");
        assertThatThrownBy(() -> ClickHouseDml.selectLatestByKeyLiterals("d", "t", List.of("a", "b"), List.of("a"),
                List.of(List.of(1L)))).hasMessageContaining("1 values for 2 key columns");
    }
}
