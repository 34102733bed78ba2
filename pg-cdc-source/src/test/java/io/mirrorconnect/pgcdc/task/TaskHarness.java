package io.mirrorconnect.pgcdc.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import io.mirrorconnect.pgcdc.PgCdcSourceTask;

/**
 * Drives a {@link PgCdcSourceTask} the way a Connect worker does, in-process: poll, "deliver" each record
 * (commitRecord), and keep the last offset per source partition as committed offsets. A simulated crash
 * abandons the task after keeping only the offsets committed so far.
 */
final class TaskHarness {
    final Map<Map<String, Object>, Map<String, Object>> committed = new HashMap<>();
    final List<SourceRecord> delivered = new ArrayList<>();
    PgCdcSourceTask task;

    void start(Map<String, String> config) {
        task = new PgCdcSourceTask();
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return config;
            }

            @Override
            public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
                return null;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new MapOffsetReader(committed);
            }
        });
        task.start(config);
    }

    /**
     * One poll; every record is delivered and its offset committed. Its key and value Structs are validated
     * against their schemas, as Connect's converters would: the task fills Structs without {@code Struct.put}'s
     * per-value checks (StructValues), so every task IT checks that what it fills is valid.
     */
    List<SourceRecord> pollOnce() throws InterruptedException {
        List<SourceRecord> rs = task.poll();
        if (rs == null) {
            return List.of();
        }
        for (SourceRecord r : rs) {
            if (r.key() instanceof org.apache.kafka.connect.data.Struct k) {
                k.validate();
            }
            if (r.value() instanceof org.apache.kafka.connect.data.Struct v) {
                v.validate();
            }
            delivered.add(r);
            task.commitRecord(r, null);
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) r.sourcePartition();
            @SuppressWarnings("unchecked")
            Map<String, Object> o = (Map<String, Object>) r.sourceOffset();
            committed.put(p, o);
        }
        task.commit();
        return rs;
    }

    /** One poll that only counts and acknowledges records, keeping nothing (for benchmarks). */
    int pollCounting() throws InterruptedException {
        List<SourceRecord> rs = task.poll();
        if (rs == null) {
            return 0;
        }
        for (SourceRecord r : rs) {
            task.commitRecord(r, null);
        }
        return rs.size();
    }

    /**
     * Polls until {@code done} holds for the delivered records, or fails after {@code maxPolls} polls that
     * returned nothing (a poll waits up to half a second for data) - never on a clock.
     */
    void pollUntil(Predicate<List<SourceRecord>> done, int maxPolls) throws InterruptedException {
        int empty = 0;
        while (!done.test(delivered)) {
            if (pollOnce().isEmpty() && ++empty >= maxPolls) {
                throw new AssertionError("condition not reached after " + maxPolls + " empty polls; delivered "
                        + delivered.size() + " records");
            }
        }
    }

    void stop() {
        if (task != null) {
            task.stop();
            task = null;
        }
    }
}
