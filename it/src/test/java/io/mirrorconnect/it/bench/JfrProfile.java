package io.mirrorconnect.it.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a worker's JFR recording of one phase ({@code --jfr}) and sorts its Java execution samples into the
 * categories of docs/perf/pg-cdc-source-profile.md ("In a worker"): each sample goes to the first category, in the
 * order of {@link #CATEGORIES}, with a frame whose class name starts with one of its prefixes; per thread group
 * ({@link WorkerThreads#group}). Run: {@code java -cp it/target/test-classes io.mirrorconnect.it.bench.JfrProfile
 * FILE.jfr...}. GC and JIT threads are native and not sampled: their CPU is in --trace's by-thread split.
 */
public final class JfrProfile {
    /** Category, class-name prefixes; the leaf-most specific categories first. */
    static final Map<String, List<String>> CATEGORIES = new LinkedHashMap<>();

    static {
        CATEGORIES.put("producer: compression", List.of("net.jpountz.", "com.github.luben.", "org.xerial.snappy.",
                "org.apache.kafka.common.compress.", "java.util.zip."));
        CATEGORIES.put("header converter", List.of("org.apache.kafka.connect.storage.StringConverter",
                "org.apache.kafka.connect.converters.ByteArrayConverter",
                "org.apache.kafka.connect.storage.SimpleHeaderConverter", "org.apache.kafka.connect.data.Values",
                "org.apache.kafka.connect.header."));
        CATEGORIES.put("converter (key + value JSON)", List.of("io.mirrorconnect.json.",
                "org.apache.kafka.connect.json.", "com.fasterxml.jackson."));
        CATEGORIES.put("producer: send, serialize, append to batch", List.of("org.apache.kafka.clients.producer.",
                "org.apache.kafka.common.record.", "org.apache.kafka.common.utils.ByteUtils"));
        CATEGORIES.put("our task: pgjdbc (replication / COPY reads)", List.of("org.postgresql."));
        CATEGORIES.put("our task", List.of("io.mirrorconnect.pgcdc.", "io.mirrorconnect.contract."));
        CATEGORIES.put("Debezium", List.of("io.debezium."));
        CATEGORIES.put("Connect: WorkerSourceTask loop, offsets, transforms", List.of(
                "org.apache.kafka.connect.runtime.", "org.apache.kafka.connect.storage.",
                "org.apache.kafka.connect.util.", "org.apache.kafka.connect.source."));
        CATEGORIES.put("Kafka clients: network", List.of("org.apache.kafka.common.network.",
                "org.apache.kafka.clients.", "sun.nio.", "java.nio."));
        CATEGORIES.put("Connect data (Struct, Schema)", List.of("org.apache.kafka.connect.data."));
    }

    private JfrProfile() {
    }

    public static void main(String[] args) throws IOException {
        for (String file : args) {
            System.out.println(report(Path.of(file)));
        }
    }

    /** The table of one recording: samples per thread group and category, with shares of all samples. */
    static String report(Path file) throws IOException {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        Map<String, Map<String, Integer>> selfTop = new TreeMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            // Connect runs tasks on its executor's threads ("pool-N-thread-M"), renamed while a task runs
            String group = thread != null && thread.startsWith("pool-") ? WorkerThreads.group("task-thread-")
                    : WorkerThreads.group(thread == null ? "?" : thread);
            String category = category(st == null ? List.of() : st.getFrames());
            counts.computeIfAbsent(group, g -> new TreeMap<>()).merge(category, 1, Integer::sum);
            if (st != null && !st.getFrames().isEmpty()) {
                RecordedFrame top = st.getFrames().get(0);
                selfTop.computeIfAbsent(category, c -> new TreeMap<>())
                        .merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
            }
            total++;
        }
        StringBuilder b = new StringBuilder("## " + file.getFileName() + ": " + total + " samples\n\n");
        b.append("| thread group | category | samples | share |\n|---|---|---|---|\n");
        final int all = total;
        counts.forEach((group, byCat) -> byCat.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(c -> b.append(String.format("| %s | %s | %d | %.1f%% |%n", group, c.getKey(), c.getValue(),
                        100.0 * c.getValue() / all))));
        selfTop.forEach((category, frames) -> {
            b.append("\ntop self frames, ").append(category).append(": ");
            frames.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(8)
                    .forEach(t -> b.append(t.getKey()).append(' ').append(t.getValue()).append(", "));
        });
        return b.append('\n').toString();
    }

    static String category(List<RecordedFrame> frames) {
        for (Map.Entry<String, List<String>> c : CATEGORIES.entrySet()) {
            for (RecordedFrame f : frames) {
                String type = f.getMethod().getType().getName();
                for (String prefix : c.getValue()) {
                    if (type.startsWith(prefix)) {
                        return c.getKey();
                    }
                }
            }
        }
        return "other (JDK, GC barriers, …)";
    }
}
