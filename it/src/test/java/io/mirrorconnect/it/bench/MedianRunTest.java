package io.mirrorconnect.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MedianRunTest {
    private static EndToEndBench.Measure run(String name, double seconds) {
        return new EndToEndBench.Measure(name, 500_000, seconds, 1, -1, -1);
    }

    @Test
    void theMiddleRunByTime() {
        assertThat(EndToEndBench.medianBySeconds(List.of(run("a", 3.1), run("b", 2.7), run("c", 4.0))).name())
                .isEqualTo("a");
        assertThat(EndToEndBench.medianBySeconds(List.of(run("a", 3.1))).name()).isEqualTo("a");
    }

    @Test
    void ofAnEvenNumberTheSlowerOfTheMiddleTwo() {
        assertThat(EndToEndBench.medianBySeconds(List.of(run("a", 2.0), run("b", 4.0), run("c", 3.0), run("d", 1.0)))
                .name()).isEqualTo("c");
    }
}
