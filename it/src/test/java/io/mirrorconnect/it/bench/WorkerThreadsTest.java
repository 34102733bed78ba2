package io.mirrorconnect.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class WorkerThreadsTest {
    @Test
    void groupsThreadsAndCountsThoseThatEnded() {
        Map<Long, WorkerThreads.Thread> before = Map.of(
                1L, new WorkerThreads.Thread("task-thread-ben", 100),
                2L, new WorkerThreads.Thread("GC Thread#0", 10),
                3L, new WorkerThreads.Thread("pgcdc-snapshot-", 5));
        Map<Long, WorkerThreads.Thread> after = Map.of(
                1L, new WorkerThreads.Thread("task-thread-ben", 160),
                2L, new WorkerThreads.Thread("GC Thread#0", 30),
                4L, new WorkerThreads.Thread("G1 Conc#0", 7),
                5L, new WorkerThreads.Thread("kafka-producer-", 12));
        Map<String, Long> g = WorkerThreads.byGroup(before, after, 120);
        assertThat(g).containsEntry("task thread (poll, convert, producer.send)", 60L)
                .containsEntry("GC", 27L)
                .containsEntry("producer network thread", 12L)
                .containsEntry("threads that ended", 21L);
        assertThat(WorkerThreads.group("C2 CompilerThre")).isEqualTo("JIT");
        assertThat(WorkerThreads.group("pgcdc-snapshot-")).isEqualTo("pg-cdc-source snapshot threads");
        assertThat(WorkerThreads.group("DistributedHerd")).isEqualTo("other");
    }
}
