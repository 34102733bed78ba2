package io.mirrorconnect.it.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A phase's progress curve ({@code --trace}): the records delivered so far (a topic's end offsets above the
 * phase's base), sampled from the REST call that started the phase on. Tells where the wall time went: the
 * start-up (REST call to the first record), the steady rate (between 10% and 90% of the records) and the tail
 * (90% to the end condition). Pure: the samples come from the bench.
 */
final class PhaseTrace {
    /** Milliseconds since the REST call, records delivered by then. */
    record Sample(double ms, long records) {
    }

    /** What the curve says; times in ms since the REST call, -1 where the curve never got there. */
    record Summary(double firstRecordMs, double lastEmptyMs, double t10Ms, double t50Ms, double t90Ms,
            double endMs, double steadyRate, long records) {
        /** Wall time beyond the records at the steady rate: start-up and tail. */
        double overheadMs() {
            return steadyRate <= 0 ? -1 : endMs - records / steadyRate * 1000;
        }

        String line() {
            return String.format("first record by %.0f ms (none at %.0f ms), 10%% at %.0f, 50%% at %.0f, 90%% at %.0f,"
                    + " all at %.0f ms; steady rate (10%%-90%%) %,.0f rec/s; start-up %.1f%% of the phase, time beyond"
                    + " the steady rate %.0f ms (%.1f%%)", firstRecordMs, lastEmptyMs, t10Ms, t50Ms, t90Ms, endMs,
                    steadyRate, 100 * firstRecordMs / endMs, overheadMs(), 100 * overheadMs() / endMs);
        }
    }

    private final List<Sample> samples = new ArrayList<>();

    void add(double ms, long records) {
        samples.add(new Sample(ms, records));
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The summary for a phase of {@code total} records; the last sample is the one that met the end condition. */
    Summary summary(long total) {
        double lastEmpty = 0;
        for (Sample s : samples) {
            if (s.records() > 0) {
                break;
            }
            lastEmpty = s.ms();
        }
        double t10 = reached(total / 10.0);
        double t90 = reached(total * 0.9);
        double steady = t90 > t10 && t10 >= 0 ? (recordsAt(t90) - recordsAt(t10)) / ((t90 - t10) / 1000) : -1;
        double end = samples.isEmpty() ? -1 : samples.get(samples.size() - 1).ms();
        return new Summary(reached(1), lastEmpty, t10, reached(total / 2.0), t90, end, steady, total);
    }

    /** Tab-separated {@code ms records} lines, one per sample. */
    String tsv() {
        StringBuilder b = new StringBuilder("ms\trecords\n");
        samples.forEach(s -> b.append(String.format("%.0f\t%d%n", s.ms(), s.records())));
        return b.toString();
    }

    private double reached(double records) {
        for (Sample s : samples) {
            if (s.records() >= records) {
                return s.ms();
            }
        }
        return -1;
    }

    private long recordsAt(double ms) {
        long r = 0;
        for (Sample s : samples) {
            if (s.ms() <= ms) {
                r = s.records();
            }
        }
        return r;
    }
}
