package io.mirrorconnect.it.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code --jfr}: a JFR recording of the worker per phase ({@code jcmd PID JFR.start settings=profile} before the
 * phase's REST call, {@code JFR.stop filename=…} after its end condition; 10 ms Java sampling), written to the
 * run's directory as {@code NN-phase.jfr}. Read them with
 * {@code jfr print --events jdk.ExecutionSample --stack-depth 64 FILE}.
 */
final class WorkerJfr {
    private final long pid;
    private final Path dir;
    private int phases;

    WorkerJfr(long pid, Path dir) {
        this.pid = pid;
        this.dir = dir;
    }

    void start() throws IOException, InterruptedException {
        jcmd("JFR.start", "name=phase", "settings=profile");
    }

    Path stop(String phase) throws IOException, InterruptedException {
        Path file = dir.resolve(String.format("%02d-%s.jfr", ++phases,
                phase.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "")));
        jcmd("JFR.stop", "name=phase", "filename=" + file);
        return file;
    }

    private void jcmd(String... args) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(jcmd.toString(), Long.toString(pid)));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0 || out.contains("Could not") || out.contains("error")) {
            throw new IllegalStateException("jcmd " + String.join(" ", args) + ": " + out);
        }
    }
}
