package io.mirrorconnect.clickhouse.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.clickhouse.sql.ClickHouseDdl;
import io.mirrorconnect.contract.SchemaConventions;

/** The DDL the writer creates and evolves tables with, as golden files (regenerate with -Dgolden.update=true). */
class TableLayoutTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/layout");

    static Schema field(Schema base, String sourceType, boolean nullable) {
        SchemaBuilder b = new SchemaBuilder(base.type()).optional().parameter(SchemaConventions.SOURCE_TYPE, sourceType)
                .parameter(SchemaConventions.SOURCE_NULLABLE, String.valueOf(nullable));
        return b.build();
    }

    static final Schema KEY = SchemaBuilder.struct().name("m.public.orders.Key")
            .field("id", SchemaBuilder.int64().parameter(SchemaConventions.SOURCE_TYPE, "bigint").build())
            .build();
    static final Schema VALUE = SchemaBuilder.struct().name("m.public.orders.Value").optional()
            .field("id", field(Schema.INT64_SCHEMA, "bigint", false))
            .field("Order_Date", SchemaBuilder.string().optional().parameter(SchemaConventions.SOURCE_TYPE, "text")
                    .parameter(SchemaConventions.SOURCE_COLUMN, "Order Date").build())
            .field("qty", field(Schema.INT32_SCHEMA, "integer", false))
            .build();

    static void golden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).exists();
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void softDeleteUpsertTable() throws IOException {
        TableLayout layout = TableLayout.of(KEY, VALUE);
        assertThat(layout.keyColumns()).containsExactly("id");
        golden("upsert-soft-delete.sql", ClickHouseDdl.createTable(layout.tableSpec("db", "orders",
                new TableLayout.SinkColumns("_PEERDB_VERSION", "_PEERDB_IS_DELETED", "_PEERDB_SYNCED_AT", false), false)));
    }

    @Test
    void hardDeleteUpsertTable() throws IOException {
        golden("upsert-hard-delete.sql", ClickHouseDdl.createTable(TableLayout.of(KEY, VALUE).tableSpec("db", "orders",
                new TableLayout.SinkColumns("_PEERDB_VERSION", "_PEERDB_IS_DELETED", "_PEERDB_SYNCED_AT", true), false)));
    }

    @Test
    void appendTableWithoutKey() throws IOException {
        golden("append.sql", ClickHouseDdl.createTable(TableLayout.of(null, VALUE).tableSpec("db", "orders",
                new TableLayout.SinkColumns("_PEERDB_VERSION", "_PEERDB_IS_DELETED", "_PEERDB_SYNCED_AT", true), true)));
    }

    @Test
    void onlyMissingColumnsAreAdded() throws IOException {
        Map<String, String> existing = new LinkedHashMap<>();
        existing.put("id", "Int64");
        existing.put("Order Date", "Nullable(String)");
        TableLayout layout = TableLayout.of(KEY, VALUE);
        golden("add-columns.sql", ClickHouseDdl.addColumns("db", "orders", layout.missingFrom(existing)));
        existing.put("qty", "Int32");
        assertThat(layout.missingFrom(existing)).isEmpty();
    }

    @Test
    void keyOnlyLayoutWhenNoValueWasSeen() {
        TableLayout layout = TableLayout.of(KEY, null);
        assertThat(layout.columns()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("id");
            assertThat(c.key()).isTrue();
            assertThat(c.type()).isEqualTo("Int64");
        });
    }

    @Test
    void keyValuesBecomeTheJavaValuesOfTheirLiterals() {
        Schema tsMicros = SchemaBuilder.int64().name(SchemaConventions.TIMESTAMPTZ_MICROS).build();
        assertThat(KeyValues.toLiteralValue(1_700_000_000_123_456L, tsMicros))
                .isEqualTo(java.time.Instant.parse("2023-11-14T22:13:20.123456Z"));
        Schema uuid = SchemaBuilder.string().name(SchemaConventions.UUID).build();
        assertThat(KeyValues.toLiteralValue("0f8fad5b-d9cb-469f-a165-70867728950e", uuid))
                .isEqualTo(java.util.UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"));
        assertThat(KeyValues.toLiteralValue(42L, SchemaBuilder.int64().build())).isEqualTo(42L);
    }
}
