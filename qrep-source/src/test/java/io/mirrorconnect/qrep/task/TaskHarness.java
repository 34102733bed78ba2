package io.mirrorconnect.qrep.task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.apache.kafka.connect.source.SourceConnectorContext;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import io.mirrorconnect.qrep.QRepSourceConnector;
import io.mirrorconnect.qrep.QRepSourceTask;

/**
 * Drives a {@link QRepSourceTask} the way a worker does, in-process: the connector's task config, then poll, deliver,
 * keep the last offset per source partition as the committed offset. Several harnesses can share one offset store (one per connector).
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

    /** Runs the connector's planning (as a worker does) and starts task 0 of 1 with the config it gives. */
    void start(Map<String, String> config) {
        startTask(taskConfigs(config, 1, committed).get(0));
    }

    /**
     * The connector's task configs once its initial plan exists: starts the connector on the offsets in
     * {@code committed}, waits for the plan (recovered from the offsets or made by its planning thread), stops it.
     * A connector error (raiseError) is thrown.
     */
    static List<Map<String, String>> taskConfigs(Map<String, String> config, int tasks,
                                                 Map<Map<String, Object>, Map<String, Object>> committed) {
        QRepSourceConnector connector = startConnector(config, tasks, committed);
        try {
            return connector.taskConfigs(tasks);
        } finally {
            connector.stop();
        }
    }

    /** Starts the connector on the offsets in {@code committed} and returns it once its plan exists (caller stops). */
    static QRepSourceConnector startConnector(Map<String, String> config, int tasks,
                                              Map<Map<String, Object>, Map<String, Object>> committed) {
        Map<String, String> props = new HashMap<>(config);
        props.put("tasks.max", Integer.toString(tasks));
        QRepSourceConnector connector = new QRepSourceConnector();
        AtomicReference<Exception> error = new AtomicReference<>();
        connector.initialize(new SourceConnectorContext() {
            @Override
            public void requestTaskReconfiguration() {
            }

            @Override
            public void raiseError(Exception e) {
                error.set(e);
            }

            @Override
            public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
                return null;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return reader(committed);
            }
        });
        connector.start(props);
        boolean ok = false;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (connector.plan() == null) {
                if (error.get() != null) {
                    throw error.get() instanceof RuntimeException r ? r : new IllegalStateException(error.get());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the connector made no plan in 120 s");
                }
                Thread.sleep(20);
            }
            ok = true;
            return connector;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (!ok) {
                connector.stop();
            }
        }
    }

    static OffsetStorageReader reader(Map<Map<String, Object>, Map<String, Object>> committed) {
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

    /** Starts the task with a config as the connector gives it. */
    void startTask(Map<String, String> config) {
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
                return reader(committed);
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
