package io.mirrorconnect.clickhouse.writer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClickHouseTableWriterTest {

    @Test
    void theInsertBufferStartsAtTheLastBatchsSizePerRow() {
        assertThat(ClickHouseTableWriter.initialCapacity(null, 21_621)).as("no batch yet").isEqualTo(64 * 1024);
        assertThat(ClickHouseTableWriter.initialCapacity(171, 21_621)).isEqualTo(171 * 21_621 + 171 * 21_621 / 8);
        assertThat(ClickHouseTableWriter.initialCapacity(10, 100)).as("at least 64 KiB").isEqualTo(64 * 1024);
        assertThat(ClickHouseTableWriter.initialCapacity(100_000, 250_000)).as("at most 256 MiB")
                .isEqualTo(256 * 1024 * 1024);
    }

    @Test
    void aKeyedInsertSkipsTheServersInsertTimeMergeAndAnAppendKeepsIt() {
        assertThat(ClickHouseTableWriter.insertSettings(false).getAllSettings())
                .as("upsert: one row per key, nothing for optimize_on_insert to collapse")
                .hasEntrySatisfying(serverSetting("optimize_on_insert"), v -> assertThat(v).hasToString("0"));
        assertThat(ClickHouseTableWriter.insertSettings(true).getAllSettings().keySet())
                .as("append: the server's default").noneMatch(k -> k.endsWith("optimize_on_insert"));
    }

    /** The key under which client-v2 keeps a server setting. */
    private static String serverSetting(String name) {
        return new com.clickhouse.client.api.insert.InsertSettings().serverSetting(name, "x").getAllSettings().keySet()
                .stream().filter(k -> k.endsWith(name)).findFirst().orElseThrow();
    }
}
