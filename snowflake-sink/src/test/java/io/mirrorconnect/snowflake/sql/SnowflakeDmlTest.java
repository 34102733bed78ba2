package io.mirrorconnect.snowflake.sql;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** Golden files for the flush's DML (src/test/resources/golden/dml-*.sql). */
class SnowflakeDmlTest {
    @Test
    void insertIntoStaging() {
        Golden.assertMatches("dml-insert-staging.sql", SnowflakeDml.insertStaging("mirror_stage_1", 7));
    }

    @Test
    void mergeSoftDelete() {
        Golden.assertMatches("dml-merge-soft-delete.sql", SnowflakeDml.merge(Fixtures.soft(), "mirror_stage_1", 0, Set.of(), false));
    }

    @Test
    void mergeHardDelete() {
        Golden.assertMatches("dml-merge-hard-delete.sql", SnowflakeDml.merge(Fixtures.hard(), "mirror_stage_1", 0, Set.of(), false));
    }

    @Test
    void mergeToastGroupKeepsUnchangedColumns() {
        Golden.assertMatches("dml-merge-toast-group.sql", SnowflakeDml.merge(Fixtures.soft(), "mirror_stage_1", 1,
                Set.of("payload", "blob"), false));
    }

    @Test
    void mergeKeyOnlyDeletesKeepEveryStoredValue() {
        Golden.assertMatches("dml-merge-key-only-delete.sql", SnowflakeDml.merge(Fixtures.soft(), "mirror_stage_1", 2,
                Set.of("Order Lines", "payload", "tags", "blob", "amount", "say \"hi\""), false));
    }

    @Test
    void mergeUniqueKeyUpsertCompositeKey() {
        Golden.assertMatches("dml-merge-unique-key.sql", SnowflakeDml.merge(Fixtures.compositeKey(), "mirror_stage_1", 0,
                Set.of(), true));
    }

    @Test
    void appendIntoAUserTableWithoutTheSinksOwnColumnsWritesOnlyItsColumns() {
        TableSpec user = new TableSpec("TEST_DB", "public", "users", Fixtures.columns(), null, null, null);
        Golden.assertMatches("dml-append-user-table.sql", SnowflakeDml.appendInsert(user, "mirror_stage_1"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SnowflakeDml.merge(user, "mirror_stage_1", 0, Set.of(), false))
                .hasMessageContaining("upserts need the version column");
    }

    @Test
    void appendInsert() {
        Golden.assertMatches("dml-append-soft-delete.sql", SnowflakeDml.appendInsert(Fixtures.soft(), "mirror_stage_1"));
        Golden.assertMatches("dml-append-hard-delete.sql", SnowflakeDml.appendInsert(Fixtures.hard(), "mirror_stage_1"));
    }
}
