package io.mirrorconnect.pgcdc.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.TableId;

class SlotManagerTest {
    @Test
    void publicationSqlQuotesEveryIdentifierAndPublishesViaTheRoot() {
        assertThat(SlotManager.createPublicationSql("p\"x", List.of(TableId.of("public", "a"), TableId.of("S", "b c"))))
                .isEqualTo("CREATE PUBLICATION \"p\"\"x\" FOR TABLE \"public\".\"a\", \"S\".\"b c\" "
                        + "WITH (publish_via_partition_root = true)");
        assertThat(SlotManager.addTablesSql("p", List.of(TableId.of("public", "n"))))
                .isEqualTo("ALTER PUBLICATION \"p\" ADD TABLE \"public\".\"n\"");
    }

    @Test
    void slotSqlUsesTheSyntaxOfTheServerVersion() {
        assertThat(SlotManager.createSlotSql("s", true, 170000))
                .isEqualTo("CREATE_REPLICATION_SLOT \"s\" LOGICAL pgoutput (SNAPSHOT 'export')");
        assertThat(SlotManager.createSlotSql("s", false, 150000))
                .isEqualTo("CREATE_REPLICATION_SLOT \"s\" LOGICAL pgoutput (SNAPSHOT 'nothing')");
        assertThat(SlotManager.createSlotSql("s", true, 140010))
                .isEqualTo("CREATE_REPLICATION_SLOT \"s\" LOGICAL pgoutput EXPORT_SNAPSHOT");
        assertThat(SlotManager.createSlotSql("s", false, 140010))
                .isEqualTo("CREATE_REPLICATION_SLOT \"s\" LOGICAL pgoutput NOEXPORT_SNAPSHOT");
    }
}
