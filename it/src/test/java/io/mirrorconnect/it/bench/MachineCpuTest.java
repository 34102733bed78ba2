package io.mirrorconnect.it.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MachineCpuTest {

    @Test
    void idleAndIowaitAreNotBusyGuestTimeIsNotCountedTwice() {
        MachineCpu.Ticks t = MachineCpu.parse("cpu  100 5 50 800 40 3 2 0 70 0");
        assertThat(t).isEqualTo(new MachineCpu.Ticks(160, 1000));
    }

    @Test
    void coresBusyOverAnInterval() {
        MachineCpu.Ticks before = new MachineCpu.Ticks(1_000, 10_000);
        MachineCpu.Ticks after = new MachineCpu.Ticks(1_150, 10_200); // 200 ticks over 2 cores, 150 busy
        assertThat(after.coresBusySince(before, 2)).isCloseTo(1.5, within(1e-9));
        assertThat(after.busySecondsSince(before, 100)).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void describesAnInterval() {
        MachineCpu.Ticks before = new MachineCpu.Ticks(1_000, 10_000);
        MachineCpu.Ticks after = new MachineCpu.Ticks(1_150, 10_200);
        assertThat(after.describeSince(before, 2, 100, 500_000)).startsWith(
                String.format("the machine: %.2f of 2 cores busy (%.1f CPU-s, %.1f µs per record: ", 1.5, 1.5, 3.0));
    }

    @Test
    void rejectsAnotherLine() {
        assertThatThrownBy(() -> MachineCpu.parse("cpu0 1 2 3 4 5")).hasMessageContaining("cpu line");
    }
}
