package io.mirrorconnect.snowflake.sql;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mirrorconnect.snowflake.schema.SnowflakeType;

/** Golden files for every DDL statement the sink runs (src/test/resources/golden/ddl-*.sql). */
class SnowflakeDdlTest {
    @Test
    void createTableSoftDelete() {
        Golden.assertMatches("ddl-create-soft-delete.sql", SnowflakeDdl.createTable(Fixtures.soft()));
    }

    @Test
    void createTableHardDelete() {
        Golden.assertMatches("ddl-create-hard-delete.sql", SnowflakeDdl.createTable(Fixtures.hard()));
    }

    @Test
    void schemaAddColumnTruncateDescribe() {
        Golden.assertMatches("ddl-other.sql", String.join(";\n",
                SnowflakeDdl.createSchema("ANALYTICS", "raw"),
                SnowflakeDdl.addColumn("ANALYTICS", "raw", "Order Lines", "new col", "NUMBER(5,0)"),
                SnowflakeDdl.truncateTable("ANALYTICS", "raw", "Order Lines"),
                SnowflakeDdl.deleteOlderThan("ANALYTICS", "raw", "Order Lines", "_PEERDB_VERSION"),
                SnowflakeDdl.describeColumns("ANALYTICS")) + ";");
    }

    @Test
    void stagingTable() {
        Golden.assertMatches("ddl-staging.sql", SnowflakeDdl.createStaging("mirror_stage_1", Fixtures.columns()) + ";\n"
                + SnowflakeDdl.dropStaging("mirror_stage_1") + ";");
    }

    @Test
    void sourceColumnNamedLikeASinkColumnIsRefused() {
        TableSpec clash = new TableSpec("DB", "S", "t", List.of(new ColumnSpec("_PEERDB_SYNCED_AT",
                SnowflakeType.of("VARCHAR"), false)), "v", null, "_PEERDB_SYNCED_AT");
        assertThatThrownBy(() -> SnowflakeDdl.createTable(clash)).hasMessageContaining("appears twice");
    }
}
