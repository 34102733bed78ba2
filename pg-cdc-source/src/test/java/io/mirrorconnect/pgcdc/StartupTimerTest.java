package io.mirrorconnect.pgcdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class StartupTimerTest {
    @Test
    void stepsTheirSumAndTheFirstRecordsOnce() {
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        StartupTimer t = new StartupTimer(clock::get);
        clock.addAndGet(12_400_000);
        t.step("preflight");
        clock.addAndGet(3_000_000);
        t.step("catalog");
        assertThat(t.summary()).isEqualTo("preflight 12 ms, catalog 3 ms (15 ms)");
        clock.addAndGet(85_000_000);
        assertThat(t.firstRecords()).isEqualTo(100);
        assertThat(t.firstRecords()).isEqualTo(-1);
    }
}
