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
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.mirrorconnect.ddl.compiler.Compilation;
import io.mirrorconnect.ddl.compiler.ConnectorConfig;
import io.mirrorconnect.ddl.compiler.ConsumerOverrides;
import io.mirrorconnect.ddl.connect.ConnectClient;
import io.mirrorconnect.ddl.lexer.SourceFile;
import io.mirrorconnect.it.avro.ForeignAvroReader;
import io.mirrorconnect.it.bench.noop.NoopSinkConnector;
import io.mirrorconnect.it.fixtures.ApicurioRegistryFixture;
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
 * <p>Arguments ({@link BenchOptions}): {@code [ROWS] [CHANGES] [--sweep] [--no-debezium] [--converter json|avro|both]};
 * {@code --sweep} also runs the sink with each candidate set of consumer overrides (how the compiled ones were
 * chosen). With Avro an Apicurio Registry runs next to the broker, mirror-ddl compiles the mirror with
 * {@code --avro --avro-converter apicurio}, Apicurio's converter is a plugin directory on the worker's plugin.path,
 * and every measure (Debezium's too) runs with that converter. {@code both} runs the two converters in one run and
 * one worker, each with its own mirror (topic, slot, publication), the lanes taking turns phase by phase.
 *
 * <p>Probes for the sources (docs/perf/pg-cdc-source-profile.md, "In a worker"): {@code --sources-only} runs only
 * the snapshots and drains; {@code --trace} prints each source phase's progress curve ({@link PhaseTrace}: time to
 * the first record, steady rate, tail; the curve as {@code trace-*.tsv}) and Postgres's CPU over the phase
 * ({@link PostgresCpu}: the whole server, and the walsenders); {@code --jfr} records the worker with JFR per phase
 * ({@link WorkerJfr}); {@code --producer NAME=VALUE} adds a producer override to both sources.
 */
public final class EndToEndBench {
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(30);
    private static final String NOOP = "no-op sink (Connect + converter floor)";
    private static final String SINK = "clickhouse-sink (compiled config) -> ClickHouse";
    private static final String SINK_NULL = "clickhouse-sink (compiled config) -> ClickHouse Null engine (stores nothing)";
    private static final Duration LIVE_SET_EVERY = Duration.ofSeconds(15);
    private static final String DEBEZIUM_PLUGIN = "debezium-connector-postgres";
    /** Apicurio's AvroConverter 2.6.13 and its dependencies (it/bench-plugins/apicurio-converter.pom.xml). */
    private static final String APICURIO_PLUGIN = "apicurio-registry-converter";
    private static final String OVERRIDE = ConsumerOverrides.PREFIX;

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

    private final BenchOptions options;
    private final long rows;
    private final long changes;
    private final List<Lane> lanes = new ArrayList<>();

    private PostgresFixture pg;
    private ClickHouseFixture clickhouse;
    private ApicurioRegistryFixture registry;
    private ForeignAvroReader avroReader;
    private ConnectFixture connect;
    private ExternalWorker worker;
    private WorkerMeter meter;
    /** The kernel's clock ticks per second ({@code getconf CLK_TCK}), read once. */
    private final long ticksPerSecond = WorkerMeter.clockTicksPerSecond();
    private ConnectClient rest;
    private Path workDir;
    private KafkaConsumer<byte[], byte[]> offsets;
    private Measure direct;
    private PostgresCpu pgCpu;
    private WorkerJfr jfr;
    /** The database of the direct insert's table. */
    private String directDatabase;

    private EndToEndBench(BenchOptions options) {
        this.options = options;
        this.rows = options.rows();
        this.changes = options.changes();
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

        double cpuMicrosPerRecord() {
            return cpuSeconds * 1e6 / records;
        }
    }

    /**
     * Everything of one converter: its compiled configs (its own mirror name, so its own topic, slot and
     * publication; Debezium with its own prefix, slot and publication), its measures and its checks.
     */
    static final class Lane {
        final BenchConverter converter;
        final List<Measure> measures = new ArrayList<>();
        final List<String> checks = new ArrayList<>();
        Map<String, String> source;
        Map<String, String> sink;
        String topic;
        Measure snapshot;
        Measure dbzSnapshot;
        Measure noop;
        Measure sinkRun;
        /** --null-destination: the sink into a Null-engine table (median run). */
        Measure sinkNull;
        Measure connectDefaults;
        Measure drain;
        Measure dbzDrain;
        /** What --trace found per source phase. */
        final List<String> traces = new ArrayList<>();
        /** The database of this lane's last clickhouse-sink run. */
        String sinkDatabase;

        Lane(BenchConverter converter) {
            this.converter = converter;
        }

        String sourceConnector() {
            return converter.mirror() + "-source";
        }

        String dbzConnector() {
            return converter.debeziumPrefix() + "-source";
        }

        String dbzTopic() {
            return converter.debeziumPrefix() + "." + BenchTable.QUALIFIED;
        }

        /** The converter properties of the compiled configs ({@code key.converter*}, {@code value.converter*}). */
        Map<String, String> converterConfig() {
            Map<String, String> c = new LinkedHashMap<>();
            sink.forEach((k, v) -> {
                if (k.startsWith("key.converter") || k.startsWith("value.converter")) {
                    c.put(k, v);
                }
            });
            return c;
        }
    }

    public static void main(String[] args) throws Exception {
        EndToEndBench bench = new EndToEndBench(BenchOptions.parse(args));
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
        if (options.avro()) {
            registry = ApicurioRegistryFixture.start();
            avroReader = new ForeignAvroReader(registry::schemaById);
            log("Apicurio Registry at " + registry.baseUrl() + " (log " + registry.logFile() + ")");
        }
        // the broker; the fixture's in-process worker runs nothing here, so it skips the slow class-path scan
        connect = ConnectFixture.start(Map.of("plugin.discovery", "service_load"), "pg-cdc-source", "clickhouse-sink");
        if (options.debezium()) {
            installPlugin(DEBEZIUM_PLUGIN);
        }
        if (options.avro()) {
            // a converter is installed like a connector: its own directory on the worker's plugin.path
            installPlugin(APICURIO_PLUGIN);
        }
        log("loading " + rows + " rows x 16 columns into " + BenchTable.QUALIFIED);
        BenchTable.create(pg, rows);

        Path gcLog = workDir.resolve("worker-gc.log");
        List<String> jvm = new ArrayList<>(List.of("-Xmx2g"));
        jvm.addAll(WorkerMeter.jvmOptions(gcLog));
        // scripts/bench-e2e.sh's BENCH_WORKER_JVM: JVM options for an experiment (e.g. -XX:+PrintCompilation)
        String extraJvm = System.getenv("BENCH_WORKER_JVM");
        if (extraJvm != null && !extraJvm.isBlank()) {
            jvm.addAll(List.of(extraJvm.trim().split("\\s+")));
        }
        if (options.trace()) {
            // each batch the sinks cut, encode and insert, with its size, in the worker log (slf4j-simple's DEBUG)
            for (String logger : List.of("io.mirrorconnect.sink.MirrorSinkTask",
                    "io.mirrorconnect.clickhouse.writer.ClickHouseTableWriter")) {
                jvm.add("-Dorg.slf4j.simpleLogger.log." + logger + "=debug");
            }
        }
        // Kafka's Connect runtime jars only (scripts/bench-e2e.sh writes them), as in Kafka's distribution, plus the
        // no-op sink; the connectors and the Avro converter come from plugin.path
        String workerClassPath = System.getProperty("mirror.bench.worker.classpath", System.getProperty("java.class.path"));
        worker = ExternalWorker.start(connect, "bench-worker", workDir, workerClassPath, jvm);
        meter = new WorkerMeter(worker.pid(), gcLog, ticksPerSecond);
        rest = new ConnectClient(URI.create(worker.url()), Duration.ofSeconds(60));
        offsets = offsetReader();
        log("worker pid " + worker.pid() + ", logs in " + workDir);
        if (options.trace()) {
            pgCpu = new PostgresCpu(pg, ticksPerSecond);
        }
        if (options.jfr()) {
            jfr = new WorkerJfr(worker.pid(), workDir);
        }

        String chDatabase = clickhouse.createDatabase("bench");
        for (BenchConverter converter : options.converters()) {
            Lane lane = new Lane(converter);
            for (ConnectorConfig c : compile(chDatabase, converter).connectors()) {
                if (c.name().endsWith("-source")) {
                    lane.source = new HashMap<>(c.config());
                } else {
                    lane.sink = new HashMap<>(c.config());
                }
            }
            lane.topic = lane.sink.get("topics");
            options.producerOverrides().forEach((k, v) -> lane.source.put("producer.override." + k, v));
            lane.source.putAll(options.sourceOverrides());
            if (!options.sourceOverrides().isEmpty()) {
                log("pg-cdc-source config changed: " + options.sourceOverrides());
            }
            lane.sink.putAll(options.sinkOverrides());
            if (!options.sinkOverrides().isEmpty()) {
                log("clickhouse-sink config changed: " + options.sinkOverrides());
            }
            if (!options.producerOverrides().isEmpty()) {
                log("producer overrides added to both sources: " + options.producerOverrides());
            }
            lanes.add(lane);
        }

        if (options.warmup()) {
            warmUp();
        }

        // 1. snapshots into Kafka: ours, then Debezium's, each stopped afterwards so that every slot keeps the
        //    changes made while they are stopped; the lanes take turns, so that they share the machine's load
        for (Lane lane : lanes) {
            lane.snapshot = measureSource(lane, "pg-cdc-source snapshot -> Kafka", rows,
                    () -> rest.putConfig(lane.sourceConnector(), lane.source), () -> endOffset(lane.topic));
            stop(lane.sourceConnector());
        }
        if (options.debezium()) {
            for (Lane lane : lanes) {
                lane.dbzSnapshot = measureSource(lane, "Debezium snapshot -> Kafka", rows,
                        () -> rest.putConfig(lane.dbzConnector(), debeziumConfig(lane)),
                        () -> endOffset(lane.dbzTopic()));
                stop(lane.dbzConnector());
            }
        }

        // 2. sinks of our snapshot topic; the first two sink runs of a lane warm the JIT (its converter's
        //    toConnectData, and in the first lane the sink's code): they are reported, but the comparisons use the
        //    runs after them. With one warm-up run the worker's JIT threads still spent 0.8-1.5 CPU-s in the next
        //    sink run and 0.2-0.3 in the one after (--trace, stop 17): on two cores that was 0.3-0.8 s of its phase
        for (Lane lane : options.sourcesOnly() ? List.<Lane>of() : lanes) {
            sinkClickHouse(lane, "clickhouse-sink (compiled config), first sink run: cold JIT, not compared",
                    lane.sink);
            sinkClickHouse(lane, "clickhouse-sink (compiled config), second sink run: JIT warming, not compared",
                    lane.sink);
            // the compared pair, in turn, --repeat times: the goals use each one's median run
            List<Measure> noops = new ArrayList<>();
            List<Measure> sinks = new ArrayList<>();
            List<Measure> nulls = new ArrayList<>();
            int n = options.repeat();
            for (int run = 1; run <= n; run++) {
                String of = n == 1 ? "" : ", run " + run + " of " + n;
                noops.add(sinkNoop(lane, NOOP + of, run));
                sinks.add(sinkClickHouse(lane, SINK + of, lane.sink));
                if (options.nullDestination()) {
                    nulls.add(sinkIntoNullEngine(lane, SINK_NULL + of));
                }
            }
            lane.noop = median(lane, noops, NOOP);
            lane.sinkRun = median(lane, sinks, SINK);
            if (!nulls.isEmpty()) {
                lane.sinkNull = median(lane, nulls, SINK_NULL);
            }
            if (lane.sink.keySet().stream().anyMatch(k -> k.startsWith(OVERRIDE) && !k.equals(AUTO_CREATE))) {
                lane.connectDefaults = sinkClickHouse(lane, "clickhouse-sink, Connect's consumer defaults",
                        withConsumerOverrides(lane.sink, Map.of()));
            }
            if (options.sweep()) {
                for (Map.Entry<String, Map<String, String>> e : SWEEP.entrySet()) {
                    sinkClickHouse(lane, "clickhouse-sink, consumer " + e.getKey(),
                            withConsumerOverrides(lane.sink, e.getValue()));
                }
            }
        }
        if (!options.sourcesOnly()) {
            direct = directInsert(lanes.get(lanes.size() - 1).sinkDatabase);
            for (Lane lane : lanes) {
                lane.measures.add(direct);
                checkSinkContents(lane);
            }
        }

        // 3. a change backlog drained by each source
        // the bases before the changes: a record of them delivered early would end the phase never
        Map<String, Long> bases = new HashMap<>();
        for (Lane lane : lanes) {
            bases.put(lane.topic, endOffset(lane.topic));
            if (options.debezium()) {
                bases.put(lane.dbzTopic(), endOffset(lane.dbzTopic()));
            }
        }
        log("making " + changes + " changes while every source is stopped");
        BenchTable.update(pg, rows, changes, 10_000);
        for (Lane lane : lanes) {
            long base = bases.get(lane.topic);
            lane.drain = measureSource(lane, "pg-cdc-source drain of " + changes + " changes", changes,
                    () -> rest.resume(lane.sourceConnector()), () -> endOffset(lane.topic) - base);
            stop(lane.sourceConnector());
            checkUpdates(lane, "pg-cdc-source", lane.topic, base, r -> {
                var op = r.headers().lastHeader("mirror.op");
                return op != null && "u".equals(new String(op.value(), StandardCharsets.UTF_8))
                        && (lane.converter != BenchConverter.AVRO || avroReader.read(r.value()) != null);
            });
        }
        if (options.debezium()) {
            for (Lane lane : lanes) {
                long dbzBase = bases.get(lane.dbzTopic());
                lane.dbzDrain = measureSource(lane, "Debezium drain of " + changes + " changes", changes,
                        () -> rest.resume(lane.dbzConnector()), () -> endOffset(lane.dbzTopic()) - dbzBase);
                stop(lane.dbzConnector());
                checkUpdates(lane, "Debezium", lane.dbzTopic(), dbzBase, r -> r.value() != null
                        && (lane.converter == BenchConverter.AVRO
                                ? "u".equals(String.valueOf(((GenericRecord) avroReader.read(r.value())).get("op")))
                                : new String(r.value(), StandardCharsets.UTF_8).contains("\"op\":\"u\"")));
            }
        }

        report();
    }

    /**
     * 0. Before anything is measured, every source of every lane snapshots the table once under other names (its own
     * mirror, topic, slot and publication), and is then deleted with its slot. Without it the first measured phase
     * (our snapshot) runs in a fresh worker and pays for compiling Connect's source loop, the producer and lz4
     * (2-4 of its 7-9 worker CPU-seconds; docs/perf/pg-cdc-source-profile.md, "In a worker"), which the second
     * (Debezium's) then finds compiled: neither is what a worker that has run for a while does. Each source's own
     * code is warmed by its own warm-up, so both start their measured snapshot alike.
     */
    private void warmUp() throws IOException, InterruptedException {
        for (Lane lane : lanes) {
            String mirror = "warm_" + lane.converter.mirror();
            Map<String, String> ours = new HashMap<>(lane.source);
            ours.put("mirror.name", mirror);
            ours.put("topic.prefix", mirror);
            ours.put("slot.name", "mirrorconnect_slot_" + mirror);
            ours.put("publication.name", "mirrorconnect_pub_" + mirror);
            warm(mirror + "-source", ours, mirror + "." + BenchTable.QUALIFIED, "mirrorconnect_slot_" + mirror);
            if (options.debezium()) {
                String prefix = "warm_" + lane.converter.debeziumPrefix();
                Map<String, String> dbz = new HashMap<>(debeziumConfig(lane));
                dbz.put("topic.prefix", prefix);
                dbz.put("slot.name", prefix + "_bench");
                dbz.put("publication.name", prefix + "_bench_pub");
                warm(prefix + "-source", dbz, prefix + "." + BenchTable.QUALIFIED, prefix + "_bench");
            }
        }
    }

    private void warm(String connector, Map<String, String> config, String topic, String slot)
            throws IOException, InterruptedException {
        long startNs = System.nanoTime();
        log("warm-up (not measured): " + connector);
        rest.putConfig(connector, config);
        long deadline = startNs + PHASE_TIMEOUT.toNanos();
        while (endOffset(topic) < rows) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("warm-up " + connector + " did not deliver " + rows + " records");
            }
            sleep(200);
        }
        stop(connector);
        rest.delete(connector);
        for (int attempt = 1; ; attempt++) {
            try {
                // the stopped task's walsender may still be exiting
                pg.execute("SELECT pg_drop_replication_slot('" + slot + "')");
                break;
            } catch (RuntimeException stillActive) {
                if (attempt == 50) {
                    throw stillActive;
                }
                sleep(200);
            }
        }
        log(String.format("warm-up %s done in %.1f s", connector, (System.nanoTime() - startNs) / 1e9));
    }

    private void installPlugin(String name) throws IOException {
        Path dir = ConnectFixture.rootDir().resolve("it/target/bench-plugins").resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " is missing: scripts/bench-e2e.sh copies the plugin there");
        }
        copyDirectory(dir, connect.pluginDir().resolve(name));
    }

    /**
     * The configs mirror-ddl compiles for this lane, as {@code mirror-ddl compile} writes them (for Avro, what
     * {@code --avro --schema-registry-url <registry root> --avro-converter apicurio} gives).
     */
    private Compilation compile(String chDatabase, BenchConverter converter) {
        String sql = String.join("\n",
                "CREATE PEER bench_pg FROM POSTGRES WITH (host = '" + pg.host() + "', port = " + pg.port()
                        + ", user = '" + pg.user() + "', password = 'unused', database = '" + pg.database()
                        + "', sslmode = 'disable');",
                "CREATE PEER bench_ch FROM CLICKHOUSE WITH (host = '" + clickhouse.host() + "', port = "
                        + clickhouse.port() + ", user = '" + clickhouse.user() + "',"
                        + (clickhouse.password().isEmpty() ? ""
                                : " password = '" + clickhouse.password().replace("'", "''") + "',")
                        + " database = '" + chDatabase + "', disable_tls = true);",
                "CREATE MIRROR " + converter.mirror() + " FROM bench_pg TO bench_ch WITH TABLE MAPPING ("
                        + BenchTable.QUALIFIED + ":" + BenchTable.NAME + ") WITH (do_initial_copy = true);",
                "");
        Compilation c = Compilation.run(List.of(new SourceFile("bench.sql", sql)),
                converter.settings(registry == null ? null : registry.baseUrl()));
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

    /**
     * Debezium's Postgres connector with its defaults, on the same table, with our compiled producer overrides; in
     * the JSON lane the worker's JsonConverter (schemas on), in the Avro lane the lane's compiled Avro converter.
     */
    private Map<String, String> debeziumConfig(Lane lane) {
        Map<String, String> c = new LinkedHashMap<>();
        String prefix = lane.converter.debeziumPrefix();
        c.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        c.put("tasks.max", "1");
        c.put("database.hostname", pg.host());
        c.put("database.port", Integer.toString(pg.port()));
        c.put("database.user", pg.user());
        c.put("database.password", "unused");
        c.put("database.dbname", pg.database());
        c.put("topic.prefix", prefix);
        c.put("plugin.name", "pgoutput");
        c.put("slot.name", prefix + "_bench");
        c.put("publication.name", prefix + "_bench_pub");
        c.put("publication.autocreate.mode", "filtered");
        c.put("table.include.list", BenchTable.QUALIFIED);
        lane.source.forEach((k, v) -> {
            if (k.startsWith("producer.override.")) {
                c.put(k, v);
            }
        });
        if (lane.converter == BenchConverter.AVRO) {
            c.putAll(lane.converterConfig());
        }
        return c;
    }

    /** A consumer override the sinks are compiled with for correctness, not speed. */
    private static final String AUTO_CREATE = OVERRIDE + ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG;

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

    private Measure sinkClickHouse(Lane lane, String name, Map<String, String> config)
            throws IOException, InterruptedException {
        String database = clickhouse.createDatabase("bench_sink");
        Measure m = runSink(lane, name, config, database, () -> chCount(database, BenchTable.NAME));
        lane.sinkDatabase = database;
        return m;
    }

    /** One clickhouse-sink phase into {@code database}: ends when {@code delivered} reaches the table's rows. */
    private Measure runSink(Lane lane, String name, Map<String, String> config, String database,
                            LongSupplier delivered) throws IOException, InterruptedException {
        Map<String, String> c = new HashMap<>(config);
        c.put("clickhouse.database", database);
        String connector = "bench-sink-" + database;
        Runnable start = () -> rest.putConfig(connector, c);
        Measure m = options.trace()
                ? measureTraced(lane, name, rows, start, delivered, false)
                : measure(lane, name, rows, start, delivered);
        deleteAndWait(connector);
        return m;
    }

    /**
     * clickhouse-sink into a table of ClickHouse's Null engine with the columns of the lane's last sink table: the
     * server parses every insert and keeps nothing (no parts, no merges), so the phase shows the sink with a
     * destination that costs these two cores little. A materialized view counts the rows each insert carried (the
     * phase's end). Not checked for contents: nothing is stored.
     */
    private Measure sinkIntoNullEngine(Lane lane, String name) throws IOException, InterruptedException {
        String database = clickhouse.createDatabase("bench_null");
        String table = "`" + database + "`.`" + BenchTable.NAME + "`";
        clickhouse.execute("CREATE TABLE " + table + " AS `" + lane.sinkDatabase + "`.`" + BenchTable.NAME
                + "` ENGINE = Null");
        clickhouse.execute("CREATE TABLE `" + database + "`.`seen` (n UInt64) ENGINE = SummingMergeTree ORDER BY tuple()");
        clickhouse.execute("CREATE MATERIALIZED VIEW `" + database + "`.`seen_mv` TO `" + database + "`.`seen`"
                + " AS SELECT count() AS n FROM " + table);
        return runSink(lane, name, lane.sink, database,
                () -> Long.parseLong(clickhouse.query("SELECT sum(n) FROM `" + database + "`.`seen`").get(0).get(0)));
    }

    /**
     * The middle run of {@code runs} (an odd number, BenchOptions) by time, listed again under {@code name} with the
     * count ("median of 3 runs"); the run itself when there is only one.
     */
    private Measure median(Lane lane, List<Measure> runs, String name) {
        if (runs.size() == 1) {
            return runs.get(0);
        }
        Measure mid = medianBySeconds(runs);
        Measure m = new Measure(name + ": median of " + runs.size() + " runs", mid.records(), mid.seconds(),
                mid.cpuSeconds(), mid.peakHeapMib(), mid.liveHeapMib());
        lane.measures.add(m);
        return m;
    }

    /** The middle element by seconds (of an even number, the slower of the two in the middle). Pure. */
    static Measure medianBySeconds(List<Measure> runs) {
        List<Measure> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingDouble(Measure::seconds));
        return sorted.get(sorted.size() / 2);
    }

    /** A no-op sink run: its own connector (so its own consumer group, reading the topic from the start). */
    private Measure sinkNoop(Lane lane, String name, int run) throws IOException, InterruptedException {
        Path done = workDir.resolve("noop-done-" + lane.converter.mirror());
        Files.deleteIfExists(done);
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", NoopSinkConnector.class.getName());
        c.put("tasks.max", "1");
        c.put("topics", lane.topic);
        lane.sink.forEach((k, v) -> {
            // every converter the sink has, the header converter too: without it the no-op sink got the worker's
            // SimpleHeaderConverter, which parses each header's text into a typed value (dearer than the sink's)
            if (k.startsWith("key.converter") || k.startsWith("value.converter") || k.startsWith("header.converter")
                    || k.startsWith(OVERRIDE)) {
                c.put(k, v);
            }
        });
        c.put("noop.expected.records", Long.toString(rows));
        c.put("noop.done.file", done.toString());
        String connector = "bench-noop-" + lane.converter.mirror() + "-" + run;
        long startMillis = System.currentTimeMillis();
        MachineCpu.Ticks machine = machineIfTraced();
        WorkerThreads threads = new WorkerThreads(worker.pid());
        Map<Long, WorkerThreads.Thread> threadsBefore = options.trace() ? threads.read() : null;
        double chBefore = options.trace() ? clickHouseCpuSeconds() : -1;
        Measure polled = measure(lane, name, rows,
                () -> rest.putConfig(connector, c), () -> Files.exists(done) ? rows : 0);
        traceMachine(name + " [" + lane.converter.label() + "]", machine, rows);
        if (threadsBefore != null) {
            // read before the connector is deleted: its task thread is still alive
            log(name + " [" + lane.converter.label() + "]: worker CPU by thread: "
                    + byThread(threadsBefore, threads.read(), polled.cpuSeconds()) + clickHouseCpuSince(chBefore));
        }
        deleteAndWait(connector);
        // the task wrote the moment it saw the last record: more exact than the poll
        long doneMillis = Long.parseLong(readString(done).trim().split(" ")[0]);
        Measure exact = new Measure(polled.name(), rows, Math.min(polled.seconds(), (doneMillis - startMillis) / 1000.0),
                polled.cpuSeconds(), polled.peakHeapMib(), polled.liveHeapMib());
        lane.measures.set(lane.measures.indexOf(polled), exact);
        return exact;
    }

    /** Into a table created AS the table of the sink run in {@code database}; the same for every converter. */
    private Measure directInsert(String database) throws Exception {
        List<String> columns = BenchTable.columns();
        List<String> types = new ArrayList<>();
        for (String col : columns) {
            types.add(clickhouse.query("SELECT type FROM system.columns WHERE database = '" + database
                    + "' AND table = '" + BenchTable.NAME + "' AND name = '" + col + "'").get(0).get(0));
        }
        clickhouse.execute("CREATE TABLE `" + database + "`.`direct` AS `" + database + "`.`" + BenchTable.NAME + "`");
        directDatabase = database;
        log("encoding " + rows + " rows as RowBinary for " + types);
        List<byte[]> bodies = DirectInsert.encode(pg, columns, types, 100_000);
        awaitClickHouseIdle();
        MachineCpu.Ticks machine = machineIfTraced();
        double chBefore = options.trace() ? clickHouseCpuSeconds() : -1;
        double seconds = new DirectInsert(clickhouse).insert(database, "direct", columns, bodies);
        traceMachine("direct INSERT (its requests only)", machine, rows);
        if (chBefore >= 0) {
            log("direct INSERT" + clickHouseCpuSince(chBefore));
        }
        long count = chCount(database, "direct");
        if (count != rows) {
            throw new IllegalStateException("direct insert wrote " + count + " rows, not " + rows);
        }
        Measure m = new Measure("direct INSERT ... FORMAT RowBinary (100k rows/request)", rows, seconds, -1, -1, -1);
        log(format(m));
        return m;
    }

    /**
     * That the lane's last clickhouse-sink run wrote the table's rows exactly: row count and an order-independent
     * hash of the 16 columns (FINAL) equal those of the direct insert's table, whose rows were read straight from
     * Postgres without Kafka or a converter. Outside the figures; a mismatch is reported, not hidden.
     */
    private void checkSinkContents(Lane lane) {
        String cols = String.join(", ", BenchTable.columns().stream().map(c -> "`" + c + "`").toList());
        String hash = "SELECT toString(count()), toString(groupBitXor(cityHash64(" + cols + "))) FROM `%s`.`%s` FINAL";
        List<String> sink = clickhouse.query(String.format(hash, lane.sinkDatabase, BenchTable.NAME)).get(0);
        List<String> ref = clickhouse.query(String.format(hash, directDatabase, "direct")).get(0);
        String line = "clickhouse-sink table contents (" + lane.converter.label() + "): " + sink.get(0)
                + " rows, hash " + sink.get(1) + "; direct insert of the rows read from Postgres: " + ref.get(0)
                + " rows, hash " + ref.get(1);
        log(line);
        lane.checks.add(line + (sink.equals(ref) ? ": ok" : ": MISMATCH"));
    }

    /**
     * Runs one phase: {@code start}, then polls {@code delivered} until it reaches {@code records}. Every
     * {@link #LIVE_SET_EVERY} the worker's live set is taken with a forced full collection (the largest is reported;
     * the collections' CPU and wall time are left out of the phase's figures). Sampling on a clock, not on progress:
     * a sink's committed offsets move right after it flushed, when its buffer is empty.
     */
    private Measure measure(Lane lane, String name, long records, Runnable start, LongSupplier delivered)
            throws IOException, InterruptedException {
        return measure(lane, name, records, start, delivered, null);
    }

    /**
     * A source phase: ends when {@code delivered} (records in the topic since the phase began) reaches
     * {@code records}; with --trace its progress curve and Postgres's CPU are noted.
     */
    private Measure measureSource(Lane lane, String name, long records, Runnable start, LongSupplier delivered)
            throws IOException, InterruptedException {
        return measureTraced(lane, name, records, start, delivered, true);
    }

    /**
     * A phase that ends when {@code delivered} (records in the topic, or rows in ClickHouse, since the phase began)
     * reaches {@code records}; with --trace its progress curve, the worker's CPU by thread and (for a source)
     * Postgres's CPU are noted.
     */
    private Measure measureTraced(Lane lane, String name, long records, Runnable start, LongSupplier delivered,
            boolean source) throws IOException, InterruptedException {
        PhaseTrace trace = options.trace() ? new PhaseTrace() : null;
        double pgBefore = pgCpu == null ? 0 : pgCpu.serverSeconds();
        double chBefore = trace == null ? -1 : clickHouseCpuSeconds();
        double[] chAtEnd = {-1};
        WorkerThreads threads = new WorkerThreads(worker.pid());
        Map<Long, WorkerThreads.Thread> threadsBefore = trace == null ? null : threads.read();
        WorkerMeter.Mark cpuMark = meter.mark();
        MachineCpu.Ticks machineBefore = machineIfTraced();
        MachineCpu.Ticks[] machineAfter = new MachineCpu.Ticks[1];
        @SuppressWarnings("unchecked")
        Map<Long, WorkerThreads.Thread>[] threadsAfter = new Map[1];
        double[] cpuAtEnd = new double[1];
        long[] t0 = new long[1];
        Instant[] wall = new Instant[1];
        double[] walsenders = new double[1];
        Measure m = measure(lane, name, records, () -> {
            t0[0] = System.nanoTime();
            wall[0] = Instant.now();
            start.run();
        }, () -> {
            long n = delivered.getAsLong();
            if (trace != null) {
                trace.add((System.nanoTime() - t0[0]) / 1e6, n);
                if (n >= records) {
                    // before the connector is stopped: a walsender's whole life is this phase, and the task
                    // thread is still alive
                    threadsAfter[0] = threads.read();
                    cpuAtEnd[0] = meter.cpuSecondsSince(cpuMark);
                    machineAfter[0] = MachineCpu.read();
                    chAtEnd[0] = clickHouseCpuSeconds();
                    walsenders[0] = source ? pgCpu.walsenderSeconds() : 0;
                }
            }
            return n;
        }, trace);
        if (trace != null) {
            double pg = pgCpu.serverSeconds() - pgBefore;
            String file = "trace-" + lane.measures.size() + "-" + name.replaceAll("[^A-Za-z0-9]+", "-") + ".tsv";
            Files.writeString(workDir.resolve(file), trace.tsv());
            String line = String.format("%s [%s]: REST call at %s (UTC, to match the worker log); %s; curve in %s",
                    name, lane.converter.label(), wall[0].toString().substring(11, 23), trace.summary(records).line(),
                    file);
            if (source) {
                line += String.format("; Postgres CPU %.2f s (%.1f µs/record), of it the walsenders alive at the end"
                        + " %.2f s", pg, pg * 1e6 / records, walsenders[0]);
            }
            line += "; worker CPU by thread: " + byThread(threadsBefore, threadsAfter[0], cpuAtEnd[0]);
            line += clickHouseCpuBetween(chBefore, chAtEnd[0]);
            line += "; " + machineAfter[0].describeSince(machineBefore, Runtime.getRuntime().availableProcessors(),
                    ticksPerSecond, records);
            log(line);
            lane.traces.add(line);
        }
        return m;
    }

    private Measure measure(Lane lane, String name, long records, Runnable start, LongSupplier delivered,
            PhaseTrace trace) throws IOException, InterruptedException {
        awaitClickHouseIdle();
        log("start [" + lane.converter.label() + "]: " + name);
        if (jfr != null) {
            jfr.start();
        }
        WorkerMeter.Mark mark = meter.mark();
        long t0 = System.nanoTime();
        start.run();
        long deadline = t0 + PHASE_TIMEOUT.toNanos();
        long nextSample = t0 + LIVE_SET_EVERY.toNanos() / 2;
        double live = -1;
        double gcCost = 0;
        double gcWall = 0;
        long n;
        while ((n = delivered.getAsLong()) < records) {
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
            // the last tenth is polled every 10 ms, so the end is seen within 10 ms, not 100: the no-op sink's end is
            // exact (its task notes the time), and a phase measured by polling was charged up to 100 ms more
            sleep(n >= records - records / 10 ? 10 : trace != null ? 50 : 100);
        }
        double seconds = (System.nanoTime() - t0) / 1e9 - gcWall;
        Measure m = new Measure(name, records, seconds, meter.cpuSecondsSince(mark) - gcCost,
                meter.peakHeapMibSince(mark), live);
        if (jfr != null) {
            log("JFR of the phase: " + jfr.stop(name));
        }
        lane.measures.add(m);
        log("[" + lane.converter.label() + "] " + format(m));
        return m;
    }

    /**
     * That a drain streamed the changes instead of snapshotting the table again: every record the topic got from
     * {@code from} on is an update. With Avro every value is decoded by plain Apache Avro with the writer schema
     * from the registry (a value that does not decode fails the check). Read after the phase, outside its figures;
     * a mismatch is reported, not hidden.
     */
    private void checkUpdates(Lane lane, String who, String topic, long from,
            Predicate<ConsumerRecord<byte[], byte[]>> isUpdate) {
        long end = endOffset(topic);
        long updates = 0;
        long others = 0;
        String firstError = null;
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> c = offsetReader()) {
            c.assign(List.of(tp));
            c.seek(tp, from);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (c.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    boolean update;
                    try {
                        update = isUpdate.test(r);
                    } catch (RuntimeException notReadable) {
                        update = false;
                        if (firstError == null) {
                            firstError = "offset " + r.offset() + ": " + notReadable;
                        }
                    }
                    if (update) {
                        updates++;
                    } else {
                        others++;
                    }
                }
            }
        }
        String line = who + " drain check (" + lane.converter.label() + "): " + updates + " update records and "
                + others + " others after offset " + from + " (expected " + changes + " updates, 0 others)"
                + (firstError == null ? "" : "; first unreadable record at " + firstError);
        log(line);
        lane.checks.add(line + (updates == changes && others == 0 ? ": ok" : ": MISMATCH"));
    }

    /** CPU-seconds of the chdb server process so far (all its threads), or -1 when there is none to read. */
    private double clickHouseCpuSeconds() {
        long pid = clickhouse.serverPid();
        String stat = pid < 0 ? null : WorkerMeter.procStat(pid);
        return stat == null ? -1 : WorkerMeter.cpuTicks(stat) / (double) ticksPerSecond;
    }

    /** "; the ClickHouse server N CPU-s" since {@code before} (a {@link #clickHouseCpuSeconds} reading), or "". */
    private String clickHouseCpuSince(double before) {
        return clickHouseCpuBetween(before, clickHouseCpuSeconds());
    }

    /** "; the ClickHouse server N CPU-s" between two {@link #clickHouseCpuSeconds} readings, or "" without both. */
    private static String clickHouseCpuBetween(double before, double after) {
        return before < 0 || after < 0 ? "" : String.format("; the ClickHouse server %.2f CPU-s", after - before);
    }

    /** The worker's CPU between two readings by thread group, largest first; {@code cpuSeconds}: the process's. */
    private String byThread(Map<Long, WorkerThreads.Thread> before, Map<Long, WorkerThreads.Thread> after,
            double cpuSeconds) {
        return WorkerThreads.byGroup(before, after, Math.round(cpuSeconds * ticksPerSecond))
                .entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format("%s %.2f s", e.getKey(), e.getValue() / (double) ticksPerSecond))
                .collect(Collectors.joining(", "));
    }

    /**
     * With --trace, logs the machine's CPU since {@code before} ({@link #machineIfTraced}) for a phase that has no
     * progress curve (the no-op sink, the direct insert): its busy cores and CPU-seconds, and its CPU per record.
     */
    private void traceMachine(String phase, MachineCpu.Ticks before, long records) {
        if (before == null) {
            return;
        }
        log(phase + ": " + MachineCpu.read().describeSince(before, Runtime.getRuntime().availableProcessors(),
                ticksPerSecond, records));
    }

    /** The machine's CPU now with --trace, else null (nothing is read). */
    private MachineCpu.Ticks machineIfTraced() {
        return options.trace() ? MachineCpu.read() : null;
    }

    /** A PUT to the worker's REST API that must succeed. */
    private void put(String path, HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(worker.url() + path))
                .header("Content-Type", "application/json").PUT(body).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException("PUT " + path + ": " + r.statusCode() + " " + r.body());
        }
    }

    /**
     * Deletes a sink phase's connector and returns once the worker has stopped its task, so that the next phase's
     * clock starts on an idle worker. {@code DELETE} returns before the task stops, and the worker's herder thread
     * then spends 0.2-0.5 s closing the task's consumer; the next phase's {@code PUT} waited behind it, so each sink
     * phase was charged the previous connector's shutdown (the no-op sink's 0.46 s, docs/performance.md, stop 19).
     * {@code GET /connectors/<name>} is answered on the herder's thread, after that work: a 404 means it is done.
     */
    private void deleteAndWait(String connector) {
        rest.delete(connector);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (rest.exists(connector)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(connector + " still exists 2 minutes after its DELETE");
            }
            sleep(50);
        }
    }

    /**
     * PUT /connectors/NAME/stop (the task ends and commits its offsets) and waits for STOPPED and for the task to
     * be gone: the connector reports STOPPED before its task has ended, and a task still streaming would deliver
     * the first changes made next before the drain phase takes its base offset.
     */
    private void stop(String connector) throws IOException, InterruptedException {
        put("/connectors/" + connector + "/stop", HttpRequest.BodyPublishers.noBody());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!"STOPPED".equals(rest.status(connector).connector().state())
                || !rest.status(connector).tasks().isEmpty()) {
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

    /**
     * Waits (at most a minute) until ClickHouse merges nothing, so that no phase (the direct insert included) pays
     * for merging the parts an earlier phase inserted, on the same two cores. A phase's own merges stay in its
     * figures. Here the wait is rarely over 50 ms, and is logged when it is.
     */
    private void awaitClickHouseIdle() {
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(1).toNanos();
        while (Long.parseLong(clickhouse.query("SELECT count() FROM system.merges").get(0).get(0)) > 0
                && System.nanoTime() < deadline) {
            sleep(50);
        }
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        if (waitedMs >= 50) {
            log("waited " + waitedMs + " ms for ClickHouse's background merges to end");
        }
    }

    private long chCount(String database, String table) {
        try {
            return Long.parseLong(clickhouse.query("SELECT count() FROM `" + database + "`.`" + table + "`")
                    .get(0).get(0));
        } catch (RuntimeException notYet) {
            return 0; // the sink has not created the table yet
        }
    }

    private void report() {
        StringBuilder out = new StringBuilder();
        out.append("\n## bench-e2e: ").append(rows).append(" rows x 16 columns, ").append(changes).append(" changes, ")
                .append(lanes.stream().map(l -> l.converter.label()).collect(Collectors.joining(" and ")))
                .append('\n');
        out.append("load average at the end: ").append(loadAverage()).append('\n');
        for (Lane lane : lanes) {
            out.append("\n### ").append(lane.converter.description()).append('\n');
            out.append("\n| measure | records | seconds | rows/s | worker CPU-s | CPU µs/record | heap MiB before GC"
                    + " (max) | live heap MiB (max, full GC every 15 s) |\n");
            out.append("|---|---|---|---|---|---|---|---|\n");
            for (Measure m : lane.measures) {
                out.append("| ").append(m.name()).append(" | ").append(m.records())
                        .append(" | ").append(String.format("%.1f", m.seconds()))
                        .append(" | ").append(String.format("%,.0f", m.rate()))
                        .append(" | ").append(m.cpuSeconds() < 0 ? "—" : String.format("%.1f", m.cpuSeconds()))
                        .append(" | ").append(m.cpuSeconds() < 0 ? "—" : String.format("%.0f", m.cpuMicrosPerRecord()))
                        .append(" | ").append(m.peakHeapMib() < 0 ? "—" : String.format("%.0f", m.peakHeapMib()))
                        .append(" | ").append(m.liveHeapMib() < 0 ? "—" : String.format("%.0f", m.liveHeapMib()))
                        .append(" |\n");
            }
        }
        out.append("\n| goal |");
        lanes.forEach(l -> out.append(' ').append(l.converter.label()).append(" ratio | met |"));
        out.append('\n').append("|---|").append("---|---|".repeat(lanes.size())).append('\n');
        goal(out, "sink >= 0.7x no-op sink", 0.7, l -> ratio(l.sinkRun, l.noop));
        goal(out, "sink >= 0.25x direct insert", 0.25, l -> ratio(l.sinkRun, direct));
        goal(out, "(compiled consumer overrides vs Connect's defaults)", -1, l -> ratio(l.sinkRun, l.connectDefaults));
        if (options.nullDestination()) {
            goal(out, "(sink into a Null-engine table vs no-op sink)", -1, l -> ratio(l.sinkNull, l.noop));
        }
        if (options.debezium()) {
            goal(out, "source snapshot >= 3x Debezium's", 3, l -> ratio(l.snapshot, l.dbzSnapshot));
            goal(out, "source drain >= 3x Debezium's", 3, l -> ratio(l.drain, l.dbzDrain));
        }
        if (lanes.size() > 1) {
            Lane json = lanes.get(0);
            Lane avro = lanes.get(1);
            out.append("\n| Avro vs JSON | rows/s Avro / JSON | CPU µs/record JSON → Avro |\n|---|---|---|\n");
            compare(out, "pg-cdc-source snapshot", json.snapshot, avro.snapshot);
            compare(out, "Debezium snapshot", json.dbzSnapshot, avro.dbzSnapshot);
            compare(out, "no-op sink", json.noop, avro.noop);
            compare(out, "clickhouse-sink (compiled)", json.sinkRun, avro.sinkRun);
            compare(out, "pg-cdc-source drain", json.drain, avro.drain);
            compare(out, "Debezium drain", json.dbzDrain, avro.dbzDrain);
        }
        out.append('\n');
        lanes.forEach(l -> l.checks.forEach(c -> out.append(c).append('\n')));
        lanes.forEach(l -> l.traces.forEach(c -> out.append("\n- ").append(c)));
        if (options.trace()) {
            out.append('\n');
        }
        double peak = lanes.stream().flatMap(l -> l.measures.stream()).mapToDouble(Measure::peakHeapMib).max()
                .orElse(-1);
        double live = lanes.stream().flatMap(l -> l.measures.stream()).mapToDouble(Measure::liveHeapMib).max()
                .orElse(-1);
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

    /** a / b by rate, or NaN when either was not measured. */
    private static double ratio(Measure a, Measure b) {
        return a == null || b == null ? Double.NaN : a.rate() / b.rate();
    }

    /** One goal's row: each lane's ratio and whether it meets {@code needed} (negative: no goal, just a ratio). */
    private void goal(StringBuilder out, String goal, double needed, java.util.function.ToDoubleFunction<Lane> ratio) {
        out.append("| ").append(goal).append(" |");
        for (Lane l : lanes) {
            double r = ratio.applyAsDouble(l);
            out.append(' ').append(Double.isNaN(r) ? "—" : String.format("%.2f", r)).append(" | ")
                    .append(needed < 0 || Double.isNaN(r) ? "—" : r >= needed ? "yes" : "no").append(" |");
        }
        out.append('\n');
    }

    private static void compare(StringBuilder out, String what, Measure json, Measure avro) {
        if (json == null || avro == null) {
            return;
        }
        out.append("| ").append(what).append(" | ").append(String.format("%.2f", avro.rate() / json.rate()))
                .append(" | ").append(String.format("%.0f → %.0f", json.cpuMicrosPerRecord(), avro.cpuMicrosPerRecord()))
                .append(" |\n");
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

        Fixtures.closeAll(worker, connect, registry, clickhouse, pg);
    }
}
