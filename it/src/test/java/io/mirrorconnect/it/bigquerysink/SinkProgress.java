package io.mirrorconnect.it.bigquerysink;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a sink connector has durably written everything in its topic: its consumer group's committed offsets
 * (the sink commits only written records) equal the topic's end offsets, and the end offsets did not move for a
 * while. The BigQuery ITs query the emulator only then (emulator bug B7: a query during appends deadlocks it).
 */
public final class SinkProgress implements AutoCloseable {
    private final Admin admin;

    public SinkProgress(String bootstrapServers) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        admin = Admin.create(p);
    }

    /** Waits until connector {@code sink} has committed the end of {@code topic}, stable for {@code quiet}. */
    public void awaitCaughtUp(String sink, String topic, Duration timeout, Duration quiet) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> lastEnds = null;
        long stableSince = System.nanoTime();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                Map<TopicPartition, Long> ends = endOffsets(topic);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("connect-" + sink)
                        .partitionsToOffsetAndMetadata().get();
                boolean caughtUp = !ends.isEmpty() && ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
                if (!ends.equals(lastEnds)) {
                    lastEnds = ends;
                    stableSince = System.nanoTime();
                }
                last = "end " + ends + ", committed " + committed;
                if (caughtUp && System.nanoTime() - stableSince >= quiet.toNanos()) {
                    return;
                }
            } catch (Exception e) {
                last = e.toString();
            }
            sleep(300);
        }
        throw new AssertionError("sink " + sink + " did not catch up with " + topic + " within " + timeout + ": " + last);
    }

    private Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        var description = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(request).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
