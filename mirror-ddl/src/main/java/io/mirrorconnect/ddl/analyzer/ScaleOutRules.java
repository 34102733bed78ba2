package io.mirrorconnect.ddl.analyzer;

/**
 * Checks a mirror's scale-out options (docs/mirror-ddl.md, "Scale-out"): {@code sink_tasks} at most
 * {@code topic_partitions} (Kafka gives each partition to one task of the group, so extra tasks would idle), a
 * replication factor of -1 (the broker's default) or at least 1, and a warning when the mirror's records have no
 * key (query replication in append or overwrite mode): they all go to partition 0, so one sink task does the work.
 * Pure.
 */
final class ScaleOutRules {
    static final String TOPIC_PARTITIONS = "topic_partitions";
    static final String TOPIC_REPLICATION_FACTOR = "topic_replication_factor";
    static final String SINK_TASKS = "sink_tasks";

    private ScaleOutRules() {
    }

    /** @param keyless true when the mirror's records carry no key (all go to partition 0) */
    static void check(ResolvedOptions options, String title, boolean keyless, Diagnostics diagnostics) {
        ResolvedOption factor = options.get(TOPIC_REPLICATION_FACTOR);
        if (factor != null && "0".equals(factor.value().trim())) {
            diagnostics.error(factor.valueSpan(), TOPIC_REPLICATION_FACTOR + " in " + title + " must be at least 1,"
                    + " or -1 for the broker's default.replication.factor");
        }
        ResolvedOption tasks = options.get(SINK_TASKS);
        if (tasks == null || tasks.isDefault() || !options.has(TOPIC_PARTITIONS)) {
            return; // default, or already reported as invalid
        }
        long sinkTasks = options.integer(SINK_TASKS);
        long partitions = options.integer(TOPIC_PARTITIONS);
        if (sinkTasks > partitions) {
            diagnostics.error(tasks.valueSpan(), SINK_TASKS + " = " + sinkTasks + " in " + title + " exceeds "
                    + TOPIC_PARTITIONS + " = " + partitions + ": Kafka gives each topic partition to one sink task, so "
                    + (sinkTasks - partitions) + " task(s) would idle; raise " + TOPIC_PARTITIONS + " or lower "
                    + SINK_TASKS);
        } else if (keyless && sinkTasks > 1) {
            diagnostics.warning(tasks.valueSpan(), SINK_TASKS + " = " + sinkTasks + " in " + title + ": this mode's"
                    + " records have no key and all go to partition 0, so one sink task writes them and the others"
                    + " idle");
        }
    }
}
