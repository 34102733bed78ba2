package io.mirrorconnect.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The worker's CPU by thread ({@code --trace}): {@code /proc/PID/task/TID/stat} of every live thread at the start
 * and at the end of a phase, grouped by the thread's name ({@link #group}). A thread that ended during the phase
 * (a snapshot reader) is not in the second reading: its time shows as "threads that ended".
 */
final class WorkerThreads {
    private final long pid;

    WorkerThreads(long pid) {
        this.pid = pid;
    }

    /** CPU ticks of every live thread, by thread id. */
    Map<Long, Thread> read() {
        Map<Long, Thread> out = new HashMap<>();
        try (var dirs = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path d : dirs.toList()) {
                try {
                    String stat = Files.readString(d.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    out.put(Long.parseLong(d.getFileName().toString()),
                            new Thread(name, WorkerMeter.cpuTicks(stat)));
                } catch (IOException gone) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    record Thread(String name, long ticks) {
    }

    /**
     * Ticks per group between two readings; {@code totalTicks} is the process's own difference, whose remainder
     * beyond the live threads' is "threads that ended". Pure.
     */
    static Map<String, Long> byGroup(Map<Long, Thread> before, Map<Long, Thread> after, long totalTicks) {
        Map<String, Long> out = new LinkedHashMap<>();
        long sum = 0;
        for (Map.Entry<Long, Thread> e : after.entrySet()) {
            Thread was = before.get(e.getKey());
            long d = e.getValue().ticks() - (was == null ? 0 : was.ticks());
            out.merge(group(e.getValue().name()), d, Long::sum);
            sum += d;
        }
        out.put("threads that ended", Math.max(0, totalTicks - sum));
        return out;
    }

    /** The group of a thread by its name (Linux keeps 15 characters of it). Pure. */
    static String group(String name) {
        if (name.startsWith("task-thread-")) {
            return "task thread (poll, convert, producer.send)";
        }
        if (name.startsWith("kafka-producer-")) {
            return "producer network thread";
        }
        if (name.startsWith("pgcdc-")) {
            return "pg-cdc-source snapshot threads";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "GC";
        }
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return "JIT";
        }
        if (name.startsWith("debezium") || name.startsWith("blocking-snapsh") || name.startsWith("change-event-so")) {
            return "Debezium's threads";
        }
        return "other";
    }
}
