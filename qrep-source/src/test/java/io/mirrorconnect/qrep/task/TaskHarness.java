package io.mirrorconnect.qrep.task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import io.mirrorconnect.qrep.QRepSourceTask;

/**
 * Drives a {@link QRepSourceTask} the way a worker does, in-process: poll, deliver, keep the last offset per source
 * partition as the committed offset. Several harnesses can share one offset store (one per connector).
 */
final class TaskHarness {
    final Map<Map<String, Object>, Map<String, Object>> committed;
    final List<SourceRecord> delivered = new ArrayList<>();
    QRepSourceTask task;

    TaskHarness() {
        this(new HashMap<>());
    }

    TaskHarness(Map<Map<String, Object>, Map<String, Object>> committed) {
        this.committed = committed;
    }

    void start(Map<String, String> config) {
        task = new QRepSourceTask();
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
                return new OffsetStorageReader() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> Map<String, Object> offset(Map<String, T> partition) {
                        synchronized (committed) {
                            return committed.get((Map<String, Object>) partition);
                        }
                    }

                    @Override
                    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                        Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
                        for (Map<String, T> p : partitions) {
                            out.put(p, offset(p));
                        }
                        return out;
                    }
                };
            }
        });
        task.start(config);
    }

    /** One poll; every record is delivered and its offset committed. */
    List<SourceRecord> pollOnce() throws InterruptedException {
        List<SourceRecord> rs = task.poll();
        if (rs == null) {
            return List.of();
        }
        for (SourceRecord r : rs) {
            delivered.add(r);
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) r.sourcePartition();
            @SuppressWarnings("unchecked")
            Map<String, Object> o = (Map<String, Object>) r.sourceOffset();
            // the worker's rule (OffsetUtils.validateFormat): offsets hold only primitive values
            for (Map.Entry<String, Object> e : o.entrySet()) {
                Object v = e.getValue();
                if (!(v == null || v instanceof String || v instanceof Number || v instanceof Boolean)) {
                    throw new AssertionError("offset field " + e.getKey() + " is not primitive: " + v);
                }
            }
            synchronized (committed) {
                committed.put(p, o);
            }
        }
        return rs;
    }

    /** Polls until {@code done} holds, or fails after {@code maxEmptyPolls} empty polls (each waits up to 1 s). */
    void pollUntil(Predicate<List<SourceRecord>> done, int maxEmptyPolls) throws InterruptedException {
        int empty = 0;
        while (!done.test(delivered)) {
            if (pollOnce().isEmpty() && ++empty >= maxEmptyPolls) {
                throw new AssertionError("condition not reached after " + maxEmptyPolls + " empty polls; delivered "
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
