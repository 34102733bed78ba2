package io.mirrorconnect.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU time from {@code /proc/stat} ({@code --trace}): how busy all cores were over a phase,
 * whatever ran (the worker, the broker in the bench's JVM, the ClickHouse server, Postgres). Tells a phase bound
 * by the machine's CPU from one that waits.
 */
final class MachineCpu {
    /** Busy and total clock ticks summed over all cores since boot. */
    record Ticks(long busy, long total) {
        /** Cores busy on average between {@code earlier} and this. */
        double coresBusySince(Ticks earlier, int cores) {
            long total = this.total - earlier.total;
            return total <= 0 ? 0 : cores * (double) (busy - earlier.busy) / total;
        }

        /** CPU-seconds spent by all cores between {@code earlier} and this. */
        double busySecondsSince(Ticks earlier, long ticksPerSecond) {
            return (busy - earlier.busy) / (double) ticksPerSecond;
        }

        /**
         * "the machine: B of N cores busy (S CPU-s, U µs per record: ...)" between {@code earlier} and this, for a
         * phase of {@code records} records. Pure.
         */
        String describeSince(Ticks earlier, int cores, long ticksPerSecond, long records) {
            double seconds = busySecondsSince(earlier, ticksPerSecond);
            return String.format("the machine: %.2f of %d cores busy (%.1f CPU-s, %.1f µs per record: the worker, the"
                    + " broker, ClickHouse, Postgres, this bench)", coresBusySince(earlier, cores), cores, seconds,
                    seconds * 1e6 / records);
        }
    }

    private MachineCpu() {
    }

    static Ticks read() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first line of {@code /proc/stat}: {@code cpu user nice system idle iowait irq softirq steal ...}; idle and
     * iowait are not busy. Pure.
     */
    static Ticks parse(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 5) {
            throw new IllegalArgumentException("not the cpu line of /proc/stat: " + cpuLine);
        }
        long total = 0;
        long idle = 0;
        // user nice system idle iowait irq softirq steal (guest and guest_nice are inside user and nice already)
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            long v = Long.parseLong(f[i]);
            total += v;
            if (i == 4 || i == 5) {
                idle += v;
            }
        }
        return new Ticks(total - idle, total);
    }
}
