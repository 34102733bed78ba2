package io.mirrorconnect.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class WorkerMeterTest {

    @Test
    void cpuTicksAreUtimePlusStimeEvenWhenTheCommandHasSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 567 0 0 20 0 40 0 100 0 0";
        assertThat(WorkerMeter.cpuTicks(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void heapBeforeAndAfterCollectionsInMib() {
        List<String> log = List.of(
                "[0.5s][info][gc] Using G1",
                "[1.0s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 230M->41M(512M) 3.1ms",
                "[2.0s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 2G->1G(4G) 9.0ms",
                "[3.0s][info][gc] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 10240K->5120K(65536K) 1.0ms");
        assertThat(WorkerMeter.heapMib(log, true)).isEqualTo(2048.0);
        assertThat(WorkerMeter.heapMib(log, false)).isEqualTo(1024.0);
        assertThat(WorkerMeter.heapMib(log.subList(3, 4), false)).isEqualTo(5.0);
        assertThat(WorkerMeter.heapMib(List.of("[0.5s][info][gc] Using G1"), true)).isEqualTo(-1.0);
    }

    @Test
    void liveSetIsTheHeapAfterTheLastFullCollection() {
        List<String> log = List.of(
                "[1.0s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 230M->41M(512M) 3.1ms",
                "[2.0s][info][gc] GC(1) Pause Full (System.gc()) 900M->150M(2048M) 250.0ms",
                "[3.0s][info][gc] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 300M->120M(2048M) 3.1ms");
        assertThat(WorkerMeter.fullCollectionLiveMib(log)).isEqualTo(150.0);
        assertThat(WorkerMeter.fullCollectionLiveMib(log.subList(2, 3))).isEqualTo(-1.0);
    }
}
