package io.mirrorconnect.ddl.analyzer;

import static io.mirrorconnect.ddl.analyzer.OptionType.BOOLEAN;
import static io.mirrorconnect.ddl.analyzer.OptionType.ENUM;
import static io.mirrorconnect.ddl.analyzer.OptionType.INTEGER;
import static io.mirrorconnect.ddl.analyzer.OptionType.STRING;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code CREATE MIRROR ... WITH (...)} options of CDC and query-replication mirrors, with the defaults of
 * PeerDB's code where its documentation gives none. Publication and slot names default per mirror (see
 * {@link #defaultPublication}), so they carry no static default here.
 */
public final class MirrorSpec {
    public static final String DEFAULT_SYNCED_AT = "_PEERDB_SYNCED_AT";
    public static final String DEFAULT_SOFT_DELETE = "_PEERDB_IS_DELETED";

    public static final OptionSet CDC = new OptionSet(with(List.of(
            OptionSpec.of("do_initial_copy", BOOLEAN).required()
                    .doc("Snapshot the tables before streaming changes.").build(),
            OptionSpec.of("max_batch_size", INTEGER).range(1, Integer.MAX_VALUE).defaultValue("250000")
                    .doc("Most rows per batch (source poll and sink write).").build(),
            OptionSpec.of("sync_interval", INTEGER).range(1, Integer.MAX_VALUE / 1000).defaultValue("10")
                    .doc("Seconds between sink flushes.").build(),
            OptionSpec.of("publication_name", STRING)
                    .doc("Existing publication to read; default mirrorconnect_pub_<mirror>, created when absent.")
                    .build(),
            OptionSpec.of("replication_slot_name", STRING)
                    .doc("Existing slot to resume from; only with do_initial_copy = false. Default"
                            + " mirrorconnect_slot_<mirror>, created when absent.").build(),
            OptionSpec.of("snapshot_num_rows_per_partition", INTEGER).range(1, Long.MAX_VALUE)
                    .defaultValue("250000").doc("Rows per CTID partition of the initial snapshot.").build(),
            OptionSpec.of("snapshot_max_parallel_workers", INTEGER).range(1, 1024).defaultValue("8")
                    .doc("Parallel readers per table in the initial snapshot.").build(),
            OptionSpec.of("snapshot_num_tables_in_parallel", INTEGER).range(1, 1024).defaultValue("1")
                    .doc("Tables snapshotted at the same time.").build(),
            OptionSpec.of("snapshot_tasks", INTEGER).range(1, 64).defaultValue("1")
                    .doc("Source tasks (tasks.max) sharing the initial snapshot under the slot's one exported"
                            + " snapshot; streaming runs on one of them afterwards.").build(),
            OptionSpec.of("soft_delete", BOOLEAN).defaultValue("false")
                    .doc("Mark deleted rows instead of deleting them.").build(),
            OptionSpec.of("synced_at_col_name", STRING).defaultValue(DEFAULT_SYNCED_AT)
                    .doc("Column holding the time each row was written.").build(),
            OptionSpec.of("soft_delete_col_name", STRING).defaultValue(DEFAULT_SOFT_DELETE)
                    .doc("Column marking soft-deleted rows.").build())),
            unsupported(
                    "initial_snapshot_only", "use a query-replication mirror with initial_copy_only = true",
                    "cdc_staging_path", "the sinks stage data themselves",
                    "snapshot_staging_path", "the sinks stage data themselves",
                    "resync", "drop the mirror and create it again",
                    "script", "Lua transformation scripts are not supported; use Kafka Connect SMTs",
                    "disable_peerdb_columns", "the sinks always keep the synced-at and version columns",
                    "system", "only PeerDB's system mode is relevant to PeerDB"));

    public static final OptionSet QREP = new OptionSet(with(List.of(
            OptionSpec.of("destination_table_name", STRING).required()
                    .doc("Target table (schema.table on Snowflake; table on BigQuery and ClickHouse).").build(),
            OptionSpec.of("watermark_column", STRING).required()
                    .doc("Increasing integer or timestamp column, or xmin.").build(),
            OptionSpec.of("watermark_table_name", STRING).required()
                    .doc("schema.table the watermark column belongs to.").build(),
            OptionSpec.of("mode", ENUM).allowed("append", "upsert", "overwrite").defaultValue("append")
                    .doc("append, upsert (needs unique_key_columns) or overwrite (needs initial_copy_only).").build(),
            OptionSpec.of("unique_key_columns", STRING)
                    .doc("Comma-separated key columns for upsert.").build(),
            OptionSpec.of("parallelism", INTEGER).range(1, 1024).defaultValue("2")
                    .doc("Source tasks reading partitions in parallel.").build(),
            OptionSpec.of("refresh_interval", INTEGER).range(10, Integer.MAX_VALUE / 1000).defaultValue("10")
                    .doc("Seconds between runs of the query (at least 10, as in PeerDB).").build(),
            OptionSpec.of("num_rows_per_partition", INTEGER).required().range(1, Long.MAX_VALUE)
                    .doc("Rows per partition of the watermark range.").build(),
            OptionSpec.of("initial_copy_only", BOOLEAN).defaultValue("false")
                    .doc("Copy once and stop.").build(),
            OptionSpec.of("setup_watermark_table_on_destination", BOOLEAN).defaultValue("false")
                    .doc("Create the destination table with the watermark table's columns.").build())),
            unsupported(
                    "staging_path", "the sinks stage data themselves",
                    "max_parallel_workers", "use parallelism",
                    "batch_size_int", "use num_rows_per_partition",
                    "batch_duration_timestamp", "use num_rows_per_partition"));

    /**
     * Options both mirror kinds take: failure isolation through a dead-letter topic, and scale-out (topic
     * partitions, sink tasks) (docs/mirror-ddl.md).
     */
    private static List<OptionSpec> common() {
        return List.of(
                OptionSpec.of(ScaleOutRules.TOPIC_PARTITIONS, INTEGER).range(1, 10_000).defaultValue("1")
                        .doc("Partitions of each topic the source creates (Connect's topic.creation); records of"
                                + " one key stay in one partition.").build(),
                OptionSpec.of(ScaleOutRules.TOPIC_REPLICATION_FACTOR, INTEGER).range(-1, Short.MAX_VALUE)
                        .defaultValue("-1")
                        .doc("Replication factor of the topics the source creates; -1 is the broker's"
                                + " default.replication.factor.").build(),
                OptionSpec.of(ScaleOutRules.SINK_TASKS, INTEGER).range(1, 1024).defaultValue("1")
                        .doc("Sink tasks (tasks.max); at most topic_partitions, since each partition is read by"
                                + " one task.").build(),
                OptionSpec.of("dead_letter_topic", STRING)
                        .doc("Kafka topic receiving the records the sink cannot write (errors.tolerance=all, with"
                                + " the failure in the record's headers); without it such a record fails the sink"
                                + " task.").build(),
                OptionSpec.of("dead_letter_topic_replication_factor", INTEGER).range(1, Short.MAX_VALUE)
                        .defaultValue("3")
                        .doc("Replication factor of the dead-letter topic when Connect creates it (1 only for a"
                                + " single-broker development cluster).").build());
    }

    private static List<OptionSpec> with(List<OptionSpec> own) {
        List<OptionSpec> all = new java.util.ArrayList<>(own);
        all.addAll(common());
        return all;
    }

    private MirrorSpec() {
    }

    public static String defaultPublication(String mirror) {
        return "mirrorconnect_pub_" + mirror;
    }

    public static String defaultSlot(String mirror) {
        return "mirrorconnect_slot_" + mirror;
    }

    private static Map<String, String> unsupported(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
