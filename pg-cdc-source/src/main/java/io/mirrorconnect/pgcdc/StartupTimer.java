package io.mirrorconnect.pgcdc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Where a task's start-up went: named steps with their wall time, from {@code start()} on, and the time until the
 * first records were handed to Connect. Logged once per task start (docs/perf/pg-cdc-source-profile.md, "In a
 * worker", uses it to split a phase's start-up between Connect, our task and Postgres). Not thread-safe: the
 * task's thread only.
 */
final class StartupTimer {
    private final LongSupplier nanos;
    private final long begin;
    private final List<String> steps = new ArrayList<>();
    private long last;
    private boolean firstRecordsSeen;

    StartupTimer(LongSupplier nanos) {
        this.nanos = nanos;
        this.begin = nanos.getAsLong();
        this.last = begin;
    }

    static StartupTimer start() {
        return new StartupTimer(System::nanoTime);
    }

    /** Ends the step running since the previous one (or since the start). */
    void step(String name) {
        long now = nanos.getAsLong();
        steps.add(name + " " + millis(now - last) + " ms");
        last = now;
    }

    /** The steps so far and their sum, e.g. {@code "preflight 12 ms, catalog 3 ms (15 ms)"}. */
    String summary() {
        return String.join(", ", steps) + " (" + millis(last - begin) + " ms)";
    }

    /**
     * The first call after records came out of poll(): milliseconds since start() began; -1 on every later call
     * (so the caller logs it once).
     */
    long firstRecords() {
        if (firstRecordsSeen) {
            return -1;
        }
        firstRecordsSeen = true;
        return millis(nanos.getAsLong() - begin);
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }
}
