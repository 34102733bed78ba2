package io.mirrorconnect.it.pgcdc;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mirrorconnect.ddl.connect.ConnectClient;
import io.mirrorconnect.it.fixtures.ConnectFixture;

/**
 * A Connect worker in its own JVM ({@code ConnectDistributed}, the test class path, the fixture's plugin
 * directory), joined to the fixture's broker under its own group and internal topics, so that it can be killed
 * with SIGKILL ({@link Process#destroyForcibly()}) and replaced by a new process that resumes from the same
 * offsets. Public for the end-to-end benchmark ({@code io.mirrorconnect.it.bench}), which measures the CPU and heap
 * of exactly this process.
 */
public final class ExternalWorker implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final String url;
    private final int port;

    private ExternalWorker(Process process, int port) {
        this.process = process;
        this.port = port;
        this.url = "http://localhost:" + port;
    }

    static ExternalWorker start(ConnectFixture fx, String group, Path workDir) throws IOException, InterruptedException {
        return start(fx, group, workDir, System.getProperty("java.class.path"), List.of(), Map.of());
    }

    /**
     * As {@link #start(ConnectFixture, String, Path)}, with these worker properties added (e.g. a short
     * {@code session.timeout.ms} and {@code scheduled.rebalance.max.delay.ms}, so a killed worker's connectors and
     * tasks move within seconds).
     */
    static ExternalWorker start(ConnectFixture fx, String group, Path workDir, Map<String, String> workerProps)
            throws IOException, InterruptedException {
        return start(fx, group, workDir, System.getProperty("java.class.path"), List.of(), workerProps);
    }

    /**
     * As {@link #start(ConnectFixture, String, Path)}, with this class path (instead of the test class path) and
     * these JVM options after the default {@code -Xmx768m}.
     */
    public static ExternalWorker start(ConnectFixture fx, String group, Path workDir, String classPath,
            List<String> jvmOptions) throws IOException, InterruptedException {
        return start(fx, group, workDir, classPath, jvmOptions, Map.of());
    }

    /** The same with these worker properties added. */
    static ExternalWorker start(ConnectFixture fx, String group, Path workDir, String classPath,
            List<String> jvmOptions, Map<String, String> workerProps) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(workDir);
        Path props = workDir.resolve("worker-" + port + ".properties");
        Files.writeString(props, String.join("\n",
                "bootstrap.servers=" + fx.bootstrapServers(),
                "group.id=" + group,
                "config.storage.topic=" + group + "-configs",
                "offset.storage.topic=" + group + "-offsets",
                "status.storage.topic=" + group + "-status",
                "config.storage.replication.factor=1",
                "offset.storage.replication.factor=1",
                "status.storage.replication.factor=1",
                "key.converter=org.apache.kafka.connect.json.JsonConverter",
                "value.converter=org.apache.kafka.connect.json.JsonConverter",
                "plugin.path=" + fx.pluginDir(),
                "plugin.discovery=hybrid_warn",
                "offset.flush.interval.ms=1000",
                "listeners=http://localhost:" + port,
                "") + "\n");
        for (Map.Entry<String, String> e : workerProps.entrySet()) {
            Files.writeString(props, e.getKey() + "=" + e.getValue() + "\n", java.nio.file.StandardOpenOption.APPEND);
        }
        Path log = workDir.resolve("worker-" + port + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx768m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath,
                "org.apache.kafka.connect.cli.ConnectDistributed", props.toString()));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ExternalWorker w = new ExternalWorker(p, port);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException("worker exited with " + p.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                w.kill();
                throw new IllegalStateException("worker REST not up after 2 minutes; see " + log);
            }
            try {
                if (w.get("/connectors").statusCode() == 200) {
                    return w;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(300);
        }
    }

    /** The worker JVM's process id (for /proc/PID/stat). */
    public long pid() {
        return process.pid();
    }

    /** Base URL of the worker's REST API. */
    public String url() {
        return url;
    }

    /** This worker's id in REST status answers ({@code host:port}) ends with this. */
    public boolean isWorker(String workerId) {
        return workerId.endsWith(":" + port);
    }

    /** This worker's REST API through mirror-ddl's client (status, delete, ...). */
    public ConnectClient rest() {
        return new ConnectClient(URI.create(url), Duration.ofSeconds(30));
    }

    /** {@code GET /connectors/NAME/tasks}: the current task configs, as JSON (null while not known). */
    JsonNode taskConfigs(String name) throws IOException, InterruptedException {
        HttpResponse<String> r = get("/connectors/" + name + "/tasks");
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the connector's task runs on this worker (a new worker first has to find its config). */
    public void awaitTaskRunning(String name, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get("/connectors/" + name + "/status");
            last = r.body();
            if (r.statusCode() == 200) {
                JsonNode s = JSON.readTree(r.body());
                for (JsonNode t : s.path("tasks")) {
                    // a killed worker's last status (RUNNING) stays in the status topic: only this worker counts
                    boolean mine = t.path("worker_id").asText().endsWith(":" + port);
                    if (mine && "RUNNING".equals(t.path("state").asText())) {
                        return;
                    }
                    if ("FAILED".equals(t.path("state").asText())) {
                        throw new AssertionError("task failed: " + t.path("trace").asText());
                    }
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("task of " + name + " not running after " + timeout + ": " + last);
    }

    /** SIGKILL: no shutdown hook, no offset flush, no clean close of any connection. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * SIGSTOP: the process stops but its sockets stay open, like a worker on a node that vanished without closing
     * its connections (Postgres keeps its backends). {@link #kill()} or {@link #close()} ends it.
     */
    public void freeze() throws IOException, InterruptedException {
        Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).inheritIO().start();
        if (stop.waitFor() != 0) {
            throw new IllegalStateException("kill -STOP " + process.pid() + " exited with " + stop.exitValue());
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
