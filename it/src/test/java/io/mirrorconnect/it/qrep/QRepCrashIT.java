package io.mirrorconnect.it.qrep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.Fixtures;
import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * Kills (SIGKILL) the Connect worker running a query-replication copy of 20 partitions, starts a new worker process
 * on the same Kafka topics, and checks on the topic that every row arrived and that only the partitions not yet
 * recorded as finished in the committed offset were sent again (not the whole copy).
 */
class QRepCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ConnectFixture connect;
    private static PostgresFixture pg;

    @BeforeAll
    static void start() {
        connect = ConnectFixture.start("qrep-source");
        pg = PostgresFixture.start("17", true);
    }

    @AfterAll
    static void stop() {
        Fixtures.closeAll(pg, connect);
    }

    @Test
    void killedMidCopyRedoesOnlyUnfinishedPartitions() throws Exception {
        int rows = 20_000;
        pg.execute("CREATE TABLE crash (id int PRIMARY KEY, pad text)",
                "INSERT INTO crash SELECT g, md5(g::text) FROM generate_series(1, " + rows + ") g");
        Map<String, String> cfg = new HashMap<>();
        cfg.put("connector.class", "io.mirrorconnect.qrep.QRepSourceConnector");
        cfg.put("tasks.max", "1");
        cfg.put("mirror.name", "qcrash");
        cfg.put("database.hostname", pg.host());
        cfg.put("database.port", Integer.toString(pg.port()));
        cfg.put("database.user", pg.user());
        cfg.put("database.dbname", pg.database());
        cfg.put("database.sslmode", "disable");
        // pg_sleep: about a millisecond a row, so the kill lands in the middle of the copy
        cfg.put("query", "SELECT id, pad FROM public.crash WHERE id BETWEEN {{.start}} AND {{.end}} "
                + "AND pg_sleep(0.001)::text = ''");
        cfg.put("watermark.table", "public.crash");
        cfg.put("watermark.column", "id");
        cfg.put("topic.name", "qcrash.public.crash");
        cfg.put("num.rows.per.partition", "1000");
        cfg.put("initial.copy.only", "true");
        cfg.put("write.mode", "append");
        Path work = Files.createTempDirectory("qrep-crash-");
        String group = "qcrash-" + System.nanoTime();

        Worker w1 = Worker.start(connect, group, work);
        long finishedBefore;
        try {
            w1.put("qcrash", cfg);
            String done = "";
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (System.nanoTime() < deadline && done.chars().filter(c -> c == '1').count() < 6) {
                done = w1.done("qcrash");
                Thread.sleep(100);
            }
            w1.kill();
            finishedBefore = done.chars().filter(c -> c == '1').count();
            assertThat(done).as("committed offset before the kill").contains("0");
            assertThat(finishedBefore).isGreaterThanOrEqualTo(6);
        } finally {
            w1.kill();
        }

        Worker w2 = Worker.start(connect, group, work);
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (System.nanoTime() < deadline && !w2.done("qcrash").equals("1".repeat(20))) {
                Thread.sleep(500);
            }
            assertThat(w2.done("qcrash")).isEqualTo("1".repeat(20));
        } finally {
            w2.kill();
        }
        List<ConsumerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
        connect.cluster().kafka().consumeAll(Duration.ofMinutes(2).toMillis(), "qcrash.public.crash")
                .forEach(records::add);
        Set<Integer> ids = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            JsonNode v = JSON.readTree(new String(r.value(), StandardCharsets.UTF_8));
            ids.add(v.path("payload").path("id").asInt());
        }
        assertThat(ids).as("every row, none lost").hasSize(rows);
        // re-reading from the start would send again every row sent before the kill (at least the finished
        // partitions' rows); resuming sends again only what followed the last committed offset
        assertThat((long) records.size() - rows).as("rows sent twice; " + finishedBefore + " of 20 partitions were finished "
                + "in the committed offset before the kill").isLessThan(finishedBefore * 1000);
    }

    /** A Connect worker in its own JVM on the fixture's broker (a reduced copy of the pgcdc ITs' ExternalWorker). */
    private record Worker(Process process, String url) {
        static Worker start(ConnectFixture fx, String group, Path dir) throws IOException, InterruptedException {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path props = dir.resolve("worker-" + port + ".properties");
            Files.writeString(props, String.join("\n",
                    "bootstrap.servers=" + fx.bootstrapServers(), "group.id=" + group,
                    "config.storage.topic=" + group + "-configs", "offset.storage.topic=" + group + "-offsets",
                    "status.storage.topic=" + group + "-status", "config.storage.replication.factor=1",
                    "offset.storage.replication.factor=1", "status.storage.replication.factor=1",
                    "key.converter=org.apache.kafka.connect.json.JsonConverter",
                    "value.converter=org.apache.kafka.connect.json.JsonConverter",
                    "plugin.path=" + fx.pluginDir(), "plugin.discovery=hybrid_warn", "offset.flush.interval.ms=1000",
                    "listeners=http://localhost:" + port, "") + "\n");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    "org.apache.kafka.connect.cli.ConnectDistributed", props.toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("worker-" + port + ".log").toFile()).start();
            Worker w = new Worker(p, "http://localhost:" + port);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("worker exited; see " + dir);
                }
                try {
                    if (w.send(HttpRequest.newBuilder(URI.create(w.url + "/connectors")).GET()).statusCode() == 200) {
                        return w;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(300);
            }
            throw new IllegalStateException("worker REST not up; see " + dir);
        }

        HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        void put(String name, Map<String, String> config) throws IOException, InterruptedException {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/connectors/" + name + "/config"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))));
            assertThat(r.statusCode()).as(r.body()).isLessThan(300);
        }

        /** The committed offset's finished-partition string, "" before there is one. */
        String done(String name) throws IOException, InterruptedException {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/connectors/" + name + "/offsets"))
                    .GET());
            if (r.statusCode() != 200) {
                return "";
            }
            JsonNode offsets = JSON.readTree(r.body()).path("offsets");
            return offsets.isEmpty() ? "" : offsets.get(0).path("offset").path("done").asText("");
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
