package io.mirrorconnect.it.pgcdc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import io.mirrorconnect.it.fixtures.ConnectFixture;

/** Reads one topic from the beginning with one consumer, accumulating decoded changes across calls. */
final class TopicReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final List<Change> changes = new ArrayList<>();

    TopicReader(ConnectFixture connect, String topic) {
        this.consumer = connect.consumer("it-pgcdc-" + UUID.randomUUID());
        this.topic = topic;
        consumer.subscribe(List.of(topic));
    }

    /** Polls until {@code done} holds for everything read so far; fails after the timeout. */
    List<Change> until(Predicate<List<Change>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(changes)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("topic " + topic + ": condition not met after " + timeout + "; read "
                        + changes.size() + " records");
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                changes.add(Change.of(r));
            }
        }
        return changes;
    }

    List<Change> untilCount(int atLeast) {
        return until(cs -> cs.size() >= atLeast, Duration.ofMinutes(5));
    }

    List<Change> untilAny(Predicate<Change> p) {
        return until(cs -> cs.stream().anyMatch(p), Duration.ofMinutes(5));
    }

    List<Change> changes() {
        return changes;
    }

    List<TopicPartition> partitions() {
        return new ArrayList<>(consumer.assignment());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
