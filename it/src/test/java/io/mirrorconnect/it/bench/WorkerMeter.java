package io.mirrorconnect.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one worker process used: CPU-seconds (user + system) from {@code /proc/PID/stat}, and the heap in use
 * before each collection from its unified GC log ({@code -Xlog:gc:file=...}), whose largest value over a phase is
 * that phase's peak heap (the heap only grows between collections, so the value before a collection bounds it).
 */
final class WorkerMeter {
    /** {@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 230M->41M(512M) 3.1ms}. */
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private final long pid;
    private final Path gcLog;
    private final long ticksPerSecond;

    WorkerMeter(long pid, Path gcLog, long ticksPerSecond) {
        this.pid = pid;
        this.gcLog = gcLog;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** JVM options that make the worker write the GC log this meter reads. */
    static List<String> jvmOptions(Path gcLog) {
        return List.of("-Xlog:gc:file=" + gcLog + "::filecount=0");
    }

    /** A point in the worker's life: its CPU ticks so far and how many GC log lines there are. */
    record Mark(long cpuTicks, int gcLines) {
    }

    Mark mark() {
        return new Mark(cpuTicks(), gcLines().size());
    }

    double cpuSecondsSince(Mark m) {
        return (cpuTicks() - m.cpuTicks()) / (double) ticksPerSecond;
    }

    /** Largest heap in use (MiB) before a collection logged since the mark, or -1 when none was logged. */
    double peakHeapMibSince(Mark m) {
        return heapMib(since(m), true);
    }

    private List<String> since(Mark m) {
        List<String> lines = gcLines();
        return lines.subList(Math.min(m.gcLines(), lines.size()), lines.size());
    }

    /**
     * Largest heap value (MiB) in these GC log lines, before the collections ({@code before}) or after them; -1
     * without any. Pure.
     */
    static double heapMib(List<String> lines, boolean before) {
        double peak = -1;
        for (String line : lines) {
            Matcher g = GC_LINE.matcher(line);
            if (g.find()) {
                peak = Math.max(peak, before ? mib(Long.parseLong(g.group(1)), g.group(2))
                        : mib(Long.parseLong(g.group(3)), g.group(4)));
            }
        }
        return peak;
    }

    private static double mib(long value, String unit) {
        return switch (unit) {
            case "K" -> value / 1024.0;
            case "G" -> value * 1024.0;
            default -> value;
        };
    }

    /** /proc/PID/stat, or null when the process is gone. */
    static String procStat(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException gone) {
            return null;
        }
    }

    /** utime + stime (fields 14 and 15) of a /proc/PID/stat line, in clock ticks. Pure. */
    static long cpuTicks(String stat) {
        return statField(stat, 14) + statField(stat, 15);
    }

    /** Field {@code n} (1-based, as in proc(5)) of a /proc/PID/stat line. Pure. */
    static long statField(String stat, int n) {
        // the command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state), so field N is f[N - 3]
        return Long.parseLong(f[n - 3]);
    }

    private long cpuTicks() {
        try {
            return cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the worker's /proc/" + pid + "/stat", e);
        }
    }

    private List<String> gcLines() {
        try {
            return Files.exists(gcLog) ? Files.readAllLines(gcLog) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Forces a full collection in the worker ({@code jcmd PID GC.run}) and returns the heap still in use after it
     * (MiB): the live set at this moment; with the CPU-seconds and wall-clock seconds the collection cost (to
     * leave out of the phase's figures). The live set is -1 when the GC log shows no full collection.
     */
    double[] liveSetMib() throws IOException, InterruptedException {
        long before = cpuTicks();
        long t0 = System.nanoTime();
        int lines = gcLines().size();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        double live = -1;
        for (int i = 0; i < 50 && live < 0; i++) {
            List<String> all = gcLines();
            live = fullCollectionLiveMib(all.subList(Math.min(lines, all.size()), all.size()));
            if (live < 0) {
                Thread.sleep(100);
            }
        }
        return new double[] {live, (cpuTicks() - before) / (double) ticksPerSecond, wall};
    }

    /** The heap after the last full collection in these GC log lines (MiB), -1 without one. Pure. */
    static double fullCollectionLiveMib(List<String> lines) {
        double live = -1;
        for (String line : lines) {
            Matcher g = GC_LINE.matcher(line);
            if (line.contains("Pause Full") && g.find()) {
                live = mib(Long.parseLong(g.group(3)), g.group(4));
            }
        }
        return live;
    }

    /** {@code getconf CLK_TCK} (100 on Linux unless the kernel was built otherwise). */
    static long clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
