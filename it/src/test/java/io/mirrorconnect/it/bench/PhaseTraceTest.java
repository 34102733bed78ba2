package io.mirrorconnect.it.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PhaseTraceTest {
    @Test
    void startUpSteadyRateAndTail() {
        PhaseTrace t = new PhaseTrace();
        t.add(100, 0);
        t.add(200, 0);
        t.add(300, 0);
        for (int i = 1; i <= 10; i++) {
            t.add(300 + 100 * i, 100L * i); // 1,000 records/s from 300 ms on
        }
        t.add(1500, 1000); // the end condition seen 200 ms after the last record
        PhaseTrace.Summary s = t.summary(1000);
        assertThat(s.lastEmptyMs()).isEqualTo(300);
        assertThat(s.firstRecordMs()).isEqualTo(400);
        assertThat(s.t10Ms()).isEqualTo(400);
        assertThat(s.t50Ms()).isEqualTo(800);
        assertThat(s.t90Ms()).isEqualTo(1200);
        assertThat(s.endMs()).isEqualTo(1500);
        assertThat(s.steadyRate()).isCloseTo(1000, within(1e-9));
        assertThat(s.overheadMs()).isCloseTo(500, within(1e-9));
        assertThat(s.line()).contains("first record by 400 ms", "steady rate (10%-90%) 1,000 rec/s");
        assertThat(t.tsv()).startsWith("ms\trecords\n100\t0\n").endsWith("1500\t1000\n");
    }

    @Test
    void aCurveThatNeverGotThere() {
        PhaseTrace t = new PhaseTrace();
        t.add(100, 0);
        PhaseTrace.Summary s = t.summary(10);
        assertThat(s.firstRecordMs()).isEqualTo(-1);
        assertThat(s.steadyRate()).isEqualTo(-1);
        assertThat(s.overheadMs()).isEqualTo(-1);
    }
}
