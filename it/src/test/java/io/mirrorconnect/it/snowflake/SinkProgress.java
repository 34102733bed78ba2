package io.mirrorconnect.it.snowflake;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.mirrorconnect.it.fixtures.ConnectFixture;

/** Whether a sink's consumer group has committed every record of its topics (all of them durably written). */
final class SinkProgress {
    private SinkProgress() {
    }

    /** Waits until {@code group}'s committed offsets reach the end of each of its partitions (and it has some). */
    static void awaitCaughtUp(ConnectFixture connect, String group, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no offsets committed";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connect.bootstrapServers()))) {
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                if (!committed.isEmpty()) {
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
                    boolean done = true;
                    StringBuilder lag = new StringBuilder();
                    for (var e : committed.entrySet()) {
                        long end = ends.get(e.getKey()).offset();
                        long at = e.getValue() == null ? 0 : e.getValue().offset();
                        if (at < end) {
                            done = false;
                            lag.append(e.getKey()).append(" at ").append(at).append(" of ").append(end).append("; ");
                        }
                    }
                    if (done) {
                        return;
                    }
                    last = lag.toString();
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        throw new AssertionError("consumer group " + group + " did not catch up within " + timeout + ": " + last);
    }
}
