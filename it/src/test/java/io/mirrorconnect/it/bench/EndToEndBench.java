package io.mirrorconnect.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.mirrorconnect.ddl.compiler.Compilation;
import io.mirrorconnect.ddl.compiler.ConnectorConfig;
import io.mirrorconnect.ddl.compiler.ConverterSettings;
import io.mirrorconnect.ddl.connect.ConnectClient;
import io.mirrorconnect.ddl.lexer.SourceFile;
import io.mirrorconnect.it.bench.noop.NoopSinkConnector;
import io.mirrorconnect.it.fixtures.ClickHouseFixture;
import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.Fixtures;
import io.mirrorconnect.it.fixtures.PostgresFixture;
import io.mirrorconnect.it.pgcdc.ExternalWorker;

/**
 * The end-to-end benchmark of issue 12 (scripts/bench-e2e.sh, docs/performance.md): embedded Postgres 17, one
 * Kafka broker, ONE distributed Connect worker (Kafka 4.1.1) in its own JVM whose CPU-seconds and heap are
 * measured, and the chdb ClickHouse server. Every phase ends on a completion condition (topic end offsets,
 * destination row counts, the no-op sink's count), never on a sleep.
 *
 * <p>Arguments: {@code [ROWS] [CHANGES] [--sweep] [--no-debezium]}; {@code --sweep} also runs the sink with each
 * candidate set of consumer overrides (how the compiled ones were chosen).
 */
public final class EndToEndBench {
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration LIVE_SET_EVERY = Duration.ofSeconds(15);
    private static final String DEBEZIUM_PLUGIN = "debezium-connector-postgres";
    private static final String OVERRIDE = "consumer.override.";

    /** Candidate consumer overrides for the sink (on top of the compiled config without its own ones). */
    static final Map<String, Map<String, String>> SWEEP = new LinkedHashMap<>();

    static {
        SWEEP.put("poll=1000", Map.of("max.poll.records", "1000"));
        SWEEP.put("poll=5000", Map.of("max.poll.records", "5000"));
        SWEEP.put("poll=10000,part=8MiB", Map.of("max.poll.records", "10000",
                "max.partition.fetch.bytes", "8388608"));
        // the two compared by default, again later in the same worker: how much the order of runs moves a figure
        SWEEP.put("Connect's defaults, again", Map.of());
        SWEEP.put("poll=2000, again", Map.of("max.poll.records", "2000"));
    }

    private final long rows;
    private final long changes;
    private final boolean sweep;
    private final boolean debezium;
    private final List<Measure> measures = new ArrayList<>();
    private final List<String> checks = new ArrayList<>();

    private PostgresFixture pg;
    private ClickHouseFixture clickhouse;
    private ConnectFixture connect;
    private ExternalWorker worker;
    private WorkerMeter meter;
    private ConnectClient rest;
    private Path workDir;
    private KafkaConsumer<byte[], byte[]> offsets;

    private EndToEndBench(long rows, long changes, boolean sweep, boolean debezium) {
        this.rows = rows;
        this.changes = changes;
        this.sweep = sweep;
        this.debezium = debezium;
    }

    /**
     * One measured phase: the worker's CPU-seconds, its largest heap before a collection (the footprint the JVM let
     * grow) and its largest live set (after forced full collections every 15 s), negative where not measured.
     */
    record Measure(String name, long records, double seconds, double cpuSeconds, double peakHeapMib,
            double liveHeapMib) {
        double rate() {
            return records / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        boolean sweep = false;
        boolean debezium = true;
        for (String a : args) {
            switch (a) {
                case "--sweep" -> sweep = true;
                case "--no-debezium" -> debezium = false;
                default -> positional.add(a.replace("_", ""));
            }
        }
        long rows = positional.size() > 0 ? Long.parseLong(positional.get(0)) : 500_000;
        long changes = positional.size() > 1 ? Long.parseLong(positional.get(1)) : 200_000;
        EndToEndBench bench = new EndToEndBench(rows, changes, sweep, debezium);
        try {
            bench.run();
        } finally {
            bench.close();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        log("load before the run: " + loadAverage());
        workDir = ConnectFixture.rootDir().resolve("it/target/bench-e2e")
                .resolve(Instant.now().toString().replace(':', '-'));
        Files.createDirectories(workDir);
        pg = PostgresFixture.start();
        clickhouse = ClickHouseFixture.start();
        // the broker; the fixture's in-process worker runs nothing here, so it skips the slow class-path scan
        connect = ConnectFixture.start(Map.of("plugin.discovery", "service_load"), "pg-cdc-source", "clickhouse-sink");
        Path dbz = ConnectFixture.rootDir().resolve("it/target/bench-plugins").resolve(DEBEZIUM_PLUGIN);
        if (debezium) {
            if (!Files.isDirectory(dbz)) {
                throw new IllegalStateException(dbz + " is missing: scripts/bench-e2e.sh copies Debezium there");
            }
            copyDirectory(dbz, connect.pluginDir().resolve(DEBEZIUM_PLUGIN));
        }
        log("loading " + rows + " rows x 16 columns into " + BenchTable.QUALIFIED);
        BenchTable.create(pg, rows);

        Path gcLog = workDir.resolve("worker-gc.log");
        List<String> jvm = new ArrayList<>(List.of("-Xmx2g"));
        jvm.addAll(WorkerMeter.jvmOptions(gcLog));
        // Kafka's Connect runtime jars only (scripts/bench-e2e.sh writes them), as in Kafka's distribution, plus the
        // no-op sink; the connectors come from plugin.path
        String workerClassPath = System.getProperty("mirror.bench.worker.classpath", System.getProperty("java.class.path"));
        worker = ExternalWorker.start(connect, "bench-worker", workDir, workerClassPath, jvm);
        meter = new WorkerMeter(worker.pid(), gcLog, WorkerMeter.clockTicksPerSecond());
        rest = new ConnectClient(URI.create(worker.url()), Duration.ofSeconds(60));
        offsets = offsetReader();
        log("worker pid " + worker.pid() + ", logs in " + workDir);

        String chDatabase = clickhouse.createDatabase("bench");
        Map<String, String> source = null;
        Map<String, String> sink = null;
        for (ConnectorConfig c : compile(chDatabase).connectors()) {
            if (c.name().endsWith("-source")) {
                source = new HashMap<>(c.config());
            } else {
                sink = new HashMap<>(c.config());
            }
        }
        Map<String, String> compiledSource = source;
        String topic = sink.get("topics");
        String dbzTopic = "dbz." + BenchTable.QUALIFIED;

        // 1. snapshots into Kafka: ours, then Debezium's, each stopped afterwards so that both slots keep the
        //    changes made while they are stopped
        measure("pg-cdc-source snapshot -> Kafka", rows, () -> rest.putConfig("bench-source", compiledSource),
                () -> endOffset(topic) >= rows);
        stop("bench-source");
        if (debezium) {
            measure("Debezium snapshot -> Kafka", rows, () -> rest.putConfig("dbz-source", debeziumConfig(compiledSource)),
                    () -> endOffset(dbzTopic) >= rows);
            stop("dbz-source");
        }

        // 2. sinks of our snapshot topic
        Map<String, String> compiledSink = sink;
        // the first sink in a fresh worker runs with cold JIT (converter's toConnectData, the sink's code): it is
        // reported, but the comparisons use the runs after it
        sinkClickHouse("clickhouse-sink (compiled config), first sink run: cold JIT, not compared", topic, compiledSink);
        Measure noop = sinkNoop(topic, compiledSink);
        Measure ours = sinkClickHouse("clickhouse-sink (compiled config) -> ClickHouse", topic, compiledSink);
        Measure connectDefaults = null;
        if (compiledSink.keySet().stream().anyMatch(k -> k.startsWith(OVERRIDE))) {
            connectDefaults = sinkClickHouse("clickhouse-sink, Connect's consumer defaults", topic,
                    withConsumerOverrides(compiledSink, Map.of()));
        }
        if (sweep) {
            for (Map.Entry<String, Map<String, String>> e : SWEEP.entrySet()) {
                sinkClickHouse("clickhouse-sink, consumer " + e.getKey(), topic,
                        withConsumerOverrides(compiledSink, e.getValue()));
            }
        }
        Measure direct = directInsert();

        // 3. a change backlog drained by each source
        log("making " + changes + " changes while both sources are stopped");
        BenchTable.update(pg, rows, changes, 10_000);
        long base = endOffset(topic);
        Measure drain = measure("pg-cdc-source drain of " + changes + " changes", changes,
                () -> rest.resume("bench-source"), () -> endOffset(topic) >= base + changes);
        stop("bench-source");
        checkUpdates("pg-cdc-source", topic, base, r -> {
            var op = r.headers().lastHeader("mirror.op");
            return op != null && "u".equals(new String(op.value(), StandardCharsets.UTF_8));
        });
        Measure dbzDrain = null;
        Measure dbzSnapshot = measures.stream().filter(m -> m.name().startsWith("Debezium snapshot")).findFirst()
                .orElse(null);
        if (debezium) {
            long dbzBase = endOffset(dbzTopic);
            dbzDrain = measure("Debezium drain of " + changes + " changes", changes,
                    () -> rest.resume("dbz-source"), () -> endOffset(dbzTopic) >= dbzBase + changes);
            stop("dbz-source");
            checkUpdates("Debezium", dbzTopic, dbzBase, r -> r.value() != null
                    && new String(r.value(), StandardCharsets.UTF_8).contains("\"op\":\"u\""));
        }

        report(noop, ours, connectDefaults, direct, drain, dbzSnapshot, dbzDrain);
    }

    private Compilation compile(String chDatabase) {
        String sql = String.join("\n",
                "CREATE PEER bench_pg FROM POSTGRES WITH (host = '" + pg.host() + "', port = " + pg.port()
                        + ", user = '" + pg.user() + "', password = 'unused', database = '" + pg.database()
                        + "', sslmode = 'disable');",
                "CREATE PEER bench_ch FROM CLICKHOUSE WITH (host = '" + clickhouse.host() + "', port = "
                        + clickhouse.port() + ", user = '" + clickhouse.user() + "',"
                        + (clickhouse.password().isEmpty() ? ""
                                : " password = '" + clickhouse.password().replace("'", "''") + "',")
                        + " database = '" + chDatabase + "', disable_tls = true);",
                "CREATE MIRROR bench FROM bench_pg TO bench_ch WITH TABLE MAPPING (" + BenchTable.QUALIFIED + ":"
                        + BenchTable.NAME + ") WITH (do_initial_copy = true);",
                "");
        Compilation c = Compilation.run(List.of(new SourceFile("bench.sql", sql)), ConverterSettings.json());
        if (!c.ok()) {
            throw new IllegalStateException("bench SQL does not compile: " + c.diagnostics().sorted());
        }
        for (ConnectorConfig cc : c.connectors()) {
            log("compiled " + cc.name() + ": " + cc.config().entrySet().stream()
                    .filter(e -> !e.getKey().contains("password"))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
        }
        return c;
    }

    /** Debezium's Postgres connector with its defaults, on the same table, with our compiled producer overrides. */
    private Map<String, String> debeziumConfig(Map<String, String> ours) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        c.put("tasks.max", "1");
        c.put("database.hostname", pg.host());
        c.put("database.port", Integer.toString(pg.port()));
        c.put("database.user", pg.user());
        c.put("database.password", "unused");
        c.put("database.dbname", pg.database());
        c.put("topic.prefix", "dbz");
        c.put("plugin.name", "pgoutput");
        c.put("slot.name", "dbz_bench");
        c.put("publication.name", "dbz_bench_pub");
        c.put("publication.autocreate.mode", "filtered");
        c.put("table.include.list", BenchTable.QUALIFIED);
        ours.forEach((k, v) -> {
            if (k.startsWith("producer.override.")) {
                c.put(k, v);
            }
        });
        return c;
    }

    private static Map<String, String> withConsumerOverrides(Map<String, String> sink, Map<String, String> overrides) {
        Map<String, String> c = new HashMap<>();
        sink.forEach((k, v) -> {
            if (!k.startsWith(OVERRIDE)) {
                c.put(k, v);
            }
        });
        overrides.forEach((k, v) -> c.put(OVERRIDE + k, v));
        return c;
    }

    /** The database of the last clickhouse-sink run (the direct insert copies its table's definition). */
    private String lastSinkDatabase;

    private Measure sinkClickHouse(String name, String topic, Map<String, String> config)
            throws IOException, InterruptedException {
        String database = clickhouse.createDatabase("bench_sink");
        Map<String, String> c = new HashMap<>(config);
        c.put("clickhouse.database", database);
        String connector = "bench-sink-" + database;
        Measure m = measure(name, rows, () -> rest.putConfig(connector, c),
                () -> chCount(database, BenchTable.NAME) >= rows);
        rest.delete(connector);
        lastSinkDatabase = database;
        return m;
    }

    private Measure sinkNoop(String topic, Map<String, String> compiledSink) throws IOException, InterruptedException {
        Path done = workDir.resolve("noop-done");
        Files.deleteIfExists(done);
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", NoopSinkConnector.class.getName());
        c.put("tasks.max", "1");
        c.put("topics", topic);
        compiledSink.forEach((k, v) -> {
            if (k.startsWith("key.converter") || k.startsWith("value.converter") || k.startsWith(OVERRIDE)) {
                c.put(k, v);
            }
        });
        c.put("noop.expected.records", Long.toString(rows));
        c.put("noop.done.file", done.toString());
        long startMillis = System.currentTimeMillis();
        Measure polled = measure("no-op sink (Connect + converter floor)", rows, () -> rest.putConfig("bench-noop", c),
                () -> Files.exists(done));
        rest.delete("bench-noop");
        // the task wrote the moment it saw the last record: more exact than the poll
        long doneMillis = Long.parseLong(readString(done).trim().split(" ")[0]);
        Measure exact = new Measure(polled.name(), rows, Math.min(polled.seconds(), (doneMillis - startMillis) / 1000.0),
                polled.cpuSeconds(), polled.peakHeapMib(), polled.liveHeapMib());
        measures.set(measures.indexOf(polled), exact);
        return exact;
    }

    private Measure directInsert() throws Exception {
        String database = lastSinkDatabase;
        List<String> columns = BenchTable.columns();
        List<String> types = new ArrayList<>();
        for (String col : columns) {
            types.add(clickhouse.query("SELECT type FROM system.columns WHERE database = '" + database
                    + "' AND table = '" + BenchTable.NAME + "' AND name = '" + col + "'").get(0).get(0));
        }
        clickhouse.execute("CREATE TABLE `" + database + "`.`direct` AS `" + database + "`.`" + BenchTable.NAME + "`");
        log("encoding " + rows + " rows as RowBinary for " + types);
        List<byte[]> bodies = DirectInsert.encode(pg, columns, types, 100_000);
        double seconds = new DirectInsert(clickhouse).insert(database, "direct", columns, bodies);
        long count = chCount(database, "direct");
        if (count != rows) {
            throw new IllegalStateException("direct insert wrote " + count + " rows, not " + rows);
        }
        Measure m = new Measure("direct INSERT ... FORMAT RowBinary (100k rows/request)", rows, seconds, -1, -1, -1);
        measures.add(m);
        log(format(m));
        return m;
    }

    /**
     * Runs one phase: {@code start}, then polls {@code done}. Every {@link #LIVE_SET_EVERY} the worker's live set is
     * taken with a forced full collection (the largest is reported; the collections' CPU and wall time are left
     * out of the phase's figures). Sampling on a clock, not on progress: a sink's committed offsets move right
     * after it flushed, when its buffer is empty.
     */
    private Measure measure(String name, long records, Runnable start, BooleanSupplier done)
            throws IOException, InterruptedException {
        log("start: " + name);
        WorkerMeter.Mark mark = meter.mark();
        long t0 = System.nanoTime();
        start.run();
        long deadline = t0 + PHASE_TIMEOUT.toNanos();
        long nextSample = t0 + LIVE_SET_EVERY.toNanos() / 2;
        double live = -1;
        double gcCost = 0;
        double gcWall = 0;
        while (!done.getAsBoolean()) {
            long now = System.nanoTime();
            if (now > deadline) {
                throw new IllegalStateException(name + " did not complete in " + PHASE_TIMEOUT);
            }
            if (now >= nextSample) {
                double[] sample = meter.liveSetMib();
                live = Math.max(live, sample[0]);
                gcCost += sample[1];
                gcWall += sample[2];
                nextSample = System.nanoTime() + LIVE_SET_EVERY.toNanos();
            }
            sleep(100);
        }
        double seconds = (System.nanoTime() - t0) / 1e9 - gcWall;
        Measure m = new Measure(name, records, seconds, meter.cpuSecondsSince(mark) - gcCost,
                meter.peakHeapMibSince(mark), live);
        measures.add(m);
        log(format(m));
        return m;
    }

    /**
     * That a drain streamed the changes instead of snapshotting the table again: every record the topic got from
     * {@code from} on is an update. Read after the phase, outside its figures; a mismatch is reported, not hidden.
     */
    private void checkUpdates(String who, String topic, long from, Predicate<ConsumerRecord<byte[], byte[]>> isUpdate) {
        long end = endOffset(topic);
        long updates = 0;
        long others = 0;
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> c = offsetReader()) {
            c.assign(List.of(tp));
            c.seek(tp, from);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (c.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (isUpdate.test(r)) {
                        updates++;
                    } else {
                        others++;
                    }
                }
            }
        }
        String line = who + " drain check: " + updates + " update records and " + others + " others after offset "
                + from + " (expected " + changes + " updates, 0 others)";
        log(line);
        checks.add(line + (updates == changes && others == 0 ? ": ok" : ": MISMATCH"));
    }

    /** PUT /connectors/NAME/stop (the task ends and commits its offsets) and waits for STOPPED. */
    private void stop(String connector) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(worker.url() + "/connectors/" + connector + "/stop"))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException("stop " + connector + ": " + r.statusCode() + " " + r.body());
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!"STOPPED".equals(rest.status(connector).connector().state())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(connector + " not STOPPED after 2 minutes");
            }
            sleep(200);
        }
    }

    private KafkaConsumer<byte[], byte[]> offsetReader() {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connect.bootstrapServers());
        // never create a topic by asking about it: the source creates its topics
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Sum of the topic's end offsets (0 while it does not exist). */
    private long endOffset(String topic) {
        List<PartitionInfo> parts = offsets.partitionsFor(topic, Duration.ofSeconds(10));
        if (parts == null || parts.isEmpty()) {
            return 0;
        }
        List<TopicPartition> tps = parts.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        return offsets.endOffsets(tps, Duration.ofSeconds(10)).values().stream().mapToLong(Long::longValue).sum();
    }

    private long chCount(String database, String table) {
        try {
            return Long.parseLong(clickhouse.query("SELECT count() FROM `" + database + "`.`" + table + "`")
                    .get(0).get(0));
        } catch (RuntimeException notYet) {
            return 0; // the sink has not created the table yet
        }
    }

    private void report(Measure noop, Measure ours, Measure connectDefaults, Measure direct, Measure drain,
            Measure dbzSnapshot, Measure dbzDrain) {
        Measure snapshot = measures.get(0);
        StringBuilder out = new StringBuilder();
        out.append("\n## bench-e2e: ").append(rows).append(" rows x 16 columns, ").append(changes)
                .append(" changes, JsonConverter (compiled ExactJsonConverter config)\n");
        out.append("load average at the end: ").append(loadAverage()).append('\n');
        out.append("\n| measure | records | seconds | rows/s | worker CPU-s | CPU µs/record | heap MiB before GC"
                + " (max) | live heap MiB (max, full GC every 15 s) |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (Measure m : measures) {
            out.append("| ").append(m.name()).append(" | ").append(m.records())
                    .append(" | ").append(String.format("%.1f", m.seconds()))
                    .append(" | ").append(String.format("%,.0f", m.rate()))
                    .append(" | ").append(m.cpuSeconds() < 0 ? "—" : String.format("%.1f", m.cpuSeconds()))
                    .append(" | ").append(m.cpuSeconds() < 0 ? "—" : String.format("%.0f", m.cpuSeconds() * 1e6 / m.records()))
                    .append(" | ").append(m.peakHeapMib() < 0 ? "—" : String.format("%.0f", m.peakHeapMib()))
                    .append(" | ").append(m.liveHeapMib() < 0 ? "—" : String.format("%.0f", m.liveHeapMib()))
                    .append(" |\n");
        }
        out.append("\n| goal | ratio | met |\n|---|---|---|\n");
        ratio(out, "sink >= 0.7x no-op sink", ours.rate() / noop.rate(), 0.7);
        ratio(out, "sink >= 0.25x direct insert", ours.rate() / direct.rate(), 0.25);
        if (connectDefaults != null) {
            out.append("| (compiled consumer overrides vs Connect's defaults) | ")
                    .append(String.format("%.2f", ours.rate() / connectDefaults.rate())).append(" | — |\n");
        }
        if (dbzSnapshot != null) {
            ratio(out, "source snapshot >= 3x Debezium's", snapshot.rate() / dbzSnapshot.rate(), 3);
        }
        if (dbzDrain != null) {
            ratio(out, "source drain >= 3x Debezium's", drain.rate() / dbzDrain.rate(), 3);
        }
        out.append('\n');
        checks.forEach(c -> out.append(c).append('\n'));
        double peak = measures.stream().mapToDouble(Measure::peakHeapMib).max().orElse(-1);
        double live = measures.stream().mapToDouble(Measure::liveHeapMib).max().orElse(-1);
        out.append("\npeak worker heap over the measured phases: ").append(String.format("%.0f MiB", peak))
                .append(" before a collection; largest live set (after a full collection) ")
                .append(String.format("%.0f MiB", live))
                .append(" (-Xmx2g; GC log ").append(workDir.resolve("worker-gc.log")).append(")\n");
        System.out.println(out);
        try {
            Files.writeString(workDir.resolve("report.md"), out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void ratio(StringBuilder out, String goal, double ratio, double needed) {
        out.append("| ").append(goal).append(" | ").append(String.format("%.2f", ratio)).append(" | ")
                .append(ratio >= needed ? "yes" : "no").append(" |\n");
    }

    private static String format(Measure m) {
        return String.format("%s: %d records in %.1f s = %,.0f rows/s, worker CPU %.1f s, heap %.0f MiB before GC,"
                + " %.0f MiB live", m.name(), m.records(), m.seconds(), m.rate(), m.cpuSeconds(), m.peakHeapMib(),
                m.liveHeapMib());
    }

    private static String loadAverage() {
        return readString(Path.of("/proc/loadavg")).trim();
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void log(String s) {
        System.out.println("BENCH " + s);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void close() {
        if (offsets != null) {
            offsets.close();
        }

        Fixtures.closeAll(worker, connect, clickhouse, pg);
    }
}
