package io.mirrorconnect.clickhouse.sql;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClickHouseDdlTest {
    private static final List<ColumnSpec> COLUMNS = List.of(
            new ColumnSpec("id", "Int64"),
            new ColumnSpec("tenant", "String"),
            new ColumnSpec("Order Date", "Nullable(Date32)"),
            new ColumnSpec("amount", "Nullable(Decimal(12, 2))"),
            new ColumnSpec("tags", "Array(Nullable(String))"));

    private static TableSpec spec(boolean hardDelete, boolean appendOnly, List<String> keys) {
        return new TableSpec("mirror_db", "public_orders", COLUMNS, keys, "_PEERDB_VERSION", "_PEERDB_IS_DELETED",
                hardDelete, "_PEERDB_SYNCED_AT", appendOnly);
    }

    @Test
    void upsertWithSoftDelete() {
        Golden.assertMatches("ddl-upsert-soft-delete.sql",
                ClickHouseDdl.createTable(spec(false, false, List.of("tenant", "id"))));
    }

    @Test
    void upsertWithHardDelete() {
        Golden.assertMatches("ddl-upsert-hard-delete.sql",
                ClickHouseDdl.createTable(spec(true, false, List.of("id"))));
    }

    @Test
    void appendWithKeys() {
        Golden.assertMatches("ddl-append.sql", ClickHouseDdl.createTable(spec(false, true, List.of("id"))));
    }

    @Test
    void appendWithoutKeysOrMetadataColumns() {
        TableSpec spec = new TableSpec(null, "events", List.of(new ColumnSpec("payload", "String")), List.of(),
                null, null, false, null, true);
        Golden.assertMatches("ddl-append-no-keys.sql", ClickHouseDdl.createTable(spec));
    }

    @Test
    void addColumns() {
        Golden.assertMatches("ddl-add-columns.sql", ClickHouseDdl.addColumns("mirror_db", "public_orders",
                List.of(new ColumnSpec("note", "Nullable(String)"), new ColumnSpec("we`ird", "Int32"))));
    }

    @Test
    void otherStatements() {
        Golden.assertMatches("ddl-other.sql", ClickHouseDdl.truncateTable("mirror_db", "public_orders") + "\n"
                + ClickHouseDdl.createDatabase("mirror db"));
    }

    @Test
    void rejectsInvalidSpecs() {
        assertThatThrownBy(() -> ClickHouseDdl.createTable(spec(false, false, List.of())))
                .hasMessageContaining("mirror_db.public_orders").hasMessageContaining("key columns");
        assertThatThrownBy(() -> ClickHouseDdl.createTable(spec(false, false, List.of("nope"))))
                .hasMessageContaining("key column nope is not one of the table's columns");
        assertThatThrownBy(() -> ClickHouseDdl.createTable(spec(false, false, List.of("amount"))))
                .hasMessageContaining("Nullable");
        assertThatThrownBy(() -> ClickHouseDdl.createTable(new TableSpec("d", "t", COLUMNS, List.of("id"), null,
                null, false, null, false))).hasMessageContaining("version column");
        assertThatThrownBy(() -> ClickHouseDdl.createTable(new TableSpec("d", "t", COLUMNS, List.of("id"), "v",
                null, true, null, false))).hasMessageContaining("hard delete needs the delete flag");
        assertThatThrownBy(() -> ClickHouseDdl.createTable(new TableSpec("d", "t", COLUMNS, List.of("id"), "id",
                null, false, null, false))).hasMessageContaining("column id appears twice");
        assertThatThrownBy(() -> ClickHouseDdl.addColumns("d", "t", List.of())).hasMessageContaining("no columns");
    }
}
