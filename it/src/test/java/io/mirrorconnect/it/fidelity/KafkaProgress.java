package io.mirrorconnect.it.fidelity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import io.mirrorconnect.it.fixtures.ConnectFixture;

/**
 * What the suite asks Kafka: topic end offsets (how far the source got), a sink's committed offsets (how far the
 * sink got: Connect commits an offset only after the sink flushed, skipped or dead-lettered everything before it),
 * and the records of a dead-letter topic.
 */
final class KafkaProgress implements AutoCloseable {
    /** Large enough for the suite's 1 MB TOASTed values, as JSON, twice over. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final ConnectFixture connect;
    private final Admin admin;

    KafkaProgress(ConnectFixture connect) {
        this.connect = connect;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connect.bootstrapServers()));
    }

    /** Creates single-partition topics that take the suite's largest records. */
    void createTopics(Collection<String> topics) {
        List<NewTopic> newTopics = topics.stream()
                .map(t -> new NewTopic(t, 1, (short) 1).configs(Map.of("max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES))))
                .collect(Collectors.toList());
        try {
            admin.createTopics(newTopics).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("creating topics " + topics, e);
        }
    }

    /** The number of offsets written to a single-partition topic. */
    long endOffset(String topic) {
        TopicPartition tp = new TopicPartition(topic, 0);
        try {
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get(30, TimeUnit.SECONDS).offset();
        } catch (Exception e) {
            return 0;
        }
    }

    /** The sink connector's committed offset of a single-partition topic (0 when none yet). */
    long committed(String sinkConnector, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("connect-" + sinkConnector)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            OffsetAndMetadata o = offsets.get(new TopicPartition(topic, 0));
            return o == null ? 0 : o.offset();
        } catch (Exception e) {
            return 0;
        }
    }

    /** A dead-letter record: the topic, the key as JSON (see {@link RecordFormat}), and the error message header. */
    record DeadLetter(String topic, String key, String message) {
    }

    /** Every record of a (single-partition) dead-letter topic, from the beginning to its current end. */
    List<DeadLetter> deadLetters(String dlqTopic, java.util.function.Function<byte[], String> keyJson) {
        List<DeadLetter> out = new ArrayList<>();
        long end = endOffset(dlqTopic);
        if (end == 0) {
            return out;
        }
        TopicPartition tp = new TopicPartition(dlqTopic, 0);
        try (KafkaConsumer<byte[], byte[]> c = connect.consumer("fidelity-dlq-reader")) {
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (c.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(250))) {
                    out.add(new DeadLetter(header(r, "__connect.errors.topic"), r.key() == null ? null
                            : keyJson.apply(r.key()), header(r, "__connect.errors.exception.message")));
                }
            }
        }
        return out;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
    }

    static Map<String, String> workerProps() {
        Map<String, String> p = new HashMap<>();
        p.put("producer.max.request.size", Integer.toString(MAX_MESSAGE_BYTES));
        p.put("consumer.max.partition.fetch.bytes", Integer.toString(MAX_MESSAGE_BYTES));
        // both archives carry ServiceLoader manifests: skip the reflective scan of every plugin jar (minutes on a busy machine)
        p.put("plugin.discovery", "service_load");
        return p;
    }
}
