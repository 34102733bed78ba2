package io.mirrorconnect.it.fidelity;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.contract.TopicNames;
import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * The three-phase driver of the type-fidelity suite, shared by every destination: Postgres → pg-cdc-source →
 * Kafka → the destination's sink → the destination, compared with the source value by value.
 *
 * <p>Each {@link TableShape#group() group} of shapes is one source connector ({@code special.values=null}), so a
 * source failure in one group cannot hide the others; one sink per {@link DeleteMode} reads every group's topics,
 * writes its own namespace of the destination and dead-letters what it cannot take ({@code errors.tolerance=all}). {@link #run(Phase)} applies a phase's statements, waits on
 * conditions only (every topic holds the records the statements made; every sink committed up to each topic's end;
 * or a task failed), then compares every table in both modes and checks the dead-letter topics. It returns every
 * mismatch; {@link #assertFaithful} fails with the full list.
 */
public final class FidelitySuite implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PostgresFixture pg;
    private final ConnectFixture connect;
    private final FidelityDestination destination;
    private final List<TableShape> shapes;
    private final String seedNote;
    private final KafkaProgress kafka;
    private final RecordFormat format;
    private final Map<String, Long> recordsWritten = new HashMap<>();
    /** Soft delete: the last source values of deleted rows, by table and key. */
    private final Map<String, Map<String, Map<String, Object>>> deletedRows = new HashMap<>();
    /** Rows (table NUL key) the destination had to reject in some phase: their dead letters stay in the topic. */
    private final Set<String> everRejected = new java.util.HashSet<>();
    /** The live rows each destination/mode/table was expected to hold after the previous phase. */
    private final Map<String, Map<String, Map<String, Object>>> expectedBefore = new HashMap<>();
    /** Connectors whose config was refused, with the worker's message. */
    private final Map<String, String> refusedConnectors = new LinkedHashMap<>();

    private FidelitySuite(PostgresFixture pg, ConnectFixture connect, FidelityDestination destination,
                          List<TableShape> shapes, String seedNote, RecordFormat format) {
        this.pg = pg;
        this.format = format;
        this.connect = connect;
        this.destination = destination;
        this.shapes = shapes;
        this.seedNote = seedNote;
        this.kafka = new KafkaProgress(connect);
    }

    /** The worker for a destination: both plugin archives, and producer/consumer limits for 1 MB values. */
    public static ConnectFixture startConnect(FidelityDestination destination) {
        return ConnectFixture.start(KafkaProgress.workerProps(), "pg-cdc-source", destination.pluginModule());
    }

    /**
     * Creates the source objects ({@code prelude}, then each shape's tables and snapshot rows), the topics, and the
     * connectors. {@code seedNote} is printed with every failure (the random shapes' seed).
     */
    public static FidelitySuite start(PostgresFixture pg, ConnectFixture connect, FidelityDestination destination,
                                      List<String> prelude, List<TableShape> shapes, String seedNote) {
        return start(pg, connect, destination, prelude, shapes, seedNote, RecordFormat.json());
    }

    /** As above, with the records in {@code format} (its converters on the sources and the sinks). */
    public static FidelitySuite start(PostgresFixture pg, ConnectFixture connect, FidelityDestination destination,
                                      List<String> prelude, List<TableShape> shapes, String seedNote,
                                      RecordFormat format) {
        FidelitySuite suite = new FidelitySuite(pg, connect, destination, shapes, seedNote, format);
        suite.setUp(prelude);
        return suite;
    }

    private void setUp(List<String> prelude) {
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            for (String s : prelude) {
                st.execute(s);
            }
            for (TableShape shape : shapes) {
                for (String s : shape.create()) {
                    st.execute(s);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("creating the source tables: " + e.getMessage(), e);
        }
        apply(Phase.SNAPSHOT);
        List<String> topics = shapes.stream().map(this::topic).collect(Collectors.toList());
        for (DeleteMode mode : DeleteMode.values()) {
            topics.add(dlq(mode)); // a dead letter can be as large as the largest record
        }
        kafka.createTopics(topics);
        for (String group : groups()) {
            Map<String, String> source = pg.cdcSourceConfig(mirror(group), shapes(group).stream()
                    .map(s -> TableId.of("public", s.name()).toString()).collect(Collectors.joining(",")));
            source.put("special.values", "null");
            source.putAll(format.converters());
            configure(sourceConnector(group), source);
        }
        for (DeleteMode mode : DeleteMode.values()) {
            configure(sinkConnector(mode), sinkConfig(mode));
        }
        // no awaitRunning here: a task that fails is reported by the phases (with its cause), next to the rest
    }

    /** Creates a connector; a config the connector refuses (validate()) is reported by every phase, next to the rest. */
    private void configure(String name, Map<String, String> config) {
        try {
            connect.configureConnector(name, config);
        } catch (RuntimeException refused) {
            refusedConnectors.put(name, String.valueOf(refused.getMessage()));
        }
    }

    /**
     * The complete config of the sink of one delete mode (it reads every group's topics): the sink-core
     * properties here, then the destination's (which may override them).
     */
    private Map<String, String> sinkConfig(DeleteMode mode) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("tasks.max", "1");
        c.put("mirror.name", "fid_" + mode.name().toLowerCase(java.util.Locale.ROOT));
        c.put("topics", shapes.stream().map(this::topic).collect(Collectors.joining(",")));
        c.put("table.mapping", shapes.stream().map(s -> topic(s) + ":" + TableId.quotePart(s.name()))
                .collect(Collectors.joining(",")));
        c.put("soft.delete", Boolean.toString(mode.softDelete()));
        c.put("flush.interval.ms", "500");
        c.put("retry.backoff.ms", "200");
        c.put("retry.backoff.max.ms", "2000");
        c.put("errors.tolerance", "all");
        c.put("errors.deadletterqueue.topic.name", dlq(mode));
        c.put("errors.deadletterqueue.topic.replication.factor", "1");
        c.put("errors.deadletterqueue.context.headers.enable", "true");
        c.putAll(format.converters());
        c.putAll(destination.sinkConfig(mode));
        return c;
    }

    /** Runs a phase (after the snapshot: its statements) and returns every mismatch, in both delete modes. */
    public List<Mismatch> run(Phase phase) {
        if (phase != Phase.SNAPSHOT) {
            apply(phase);
        }
        List<Mismatch> out = new ArrayList<>(awaitCaughtUp(phase));
        for (DeleteMode mode : DeleteMode.values()) {
            out.addAll(compare(phase, mode));
        }
        return out;
    }

    /** Fails with every mismatch of the phase, one per line, and the random shapes' seed. */
    public void assertFaithful(Phase phase, List<Mismatch> mismatches) {
        if (!mismatches.isEmpty()) {
            throw new AssertionError(destination.name() + " " + phase + ": " + mismatches.size() + " mismatches ("
                    + seedNote + ")\n" + mismatches.stream().map(Mismatch::toString).collect(Collectors.joining("\n")));
        }
    }

    private void apply(Phase phase) {
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            if (phase == Phase.UPDATES_AND_DELETES) {
                for (TableShape shape : shapes) {
                    execute(st, shape, shape.updates());
                }
                for (TableShape shape : shapes) {
                    if (shape.deletes().isEmpty()) {
                        continue;
                    }
                    Map<String, Map<String, Object>> before = SourceReader.read(c, shape);
                    execute(st, shape, shape.deletes());
                    Map<String, Map<String, Object>> after = SourceReader.read(c, shape);
                    before.keySet().removeAll(after.keySet());
                    deletedRows.computeIfAbsent(shape.name(), k -> new LinkedHashMap<>()).putAll(before);
                }
            } else {
                for (TableShape shape : shapes) {
                    execute(st, shape, shape.statements(phase));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(phase + ": " + e.getMessage(), e);
        }
    }

    private void execute(Statement st, TableShape shape, List<String> statements) throws SQLException {
        for (String s : statements) {
            try {
                int rows = st.executeUpdate(s);
                recordsWritten.merge(shape.name(), (long) Math.max(rows, 0), Long::sum);
            } catch (SQLException e) {
                throw new SQLException(shape.name() + ": " + s.substring(0, Math.min(300, s.length())) + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /**
     * Waits until every topic holds the records the statements made and every sink committed up to each topic's
     * end, or a task failed, or the destination's {@link FidelityDestination#catchUpTimeout()} passed; returns what is wrong (failed tasks, lag) as mismatches.
     */
    private List<Mismatch> awaitCaughtUp(Phase phase) {
        Duration catchUp = destination.catchUpTimeout();
        long deadline = System.nanoTime() + catchUp.toNanos();
        while (true) {
            Map<String, String> failed = failedTasks();
            List<String> lagging = new ArrayList<>();
            for (TableShape shape : shapes) {
                if (failed.containsKey(sourceConnector(shape.group()))) {
                    continue;
                }
                long end = kafka.endOffset(topic(shape));
                long want = recordsWritten.getOrDefault(shape.name(), 0L);
                if (end < want) {
                    lagging.add("source: topic " + topic(shape) + " has " + end + " of " + want + " records");
                    continue;
                }
                for (DeleteMode mode : DeleteMode.values()) {
                    if (failed.containsKey(sinkConnector(mode))) {
                        continue;
                    }
                    long committed = kafka.committed(sinkConnector(mode), topic(shape));
                    if (committed < end) {
                        lagging.add("sink " + sinkConnector(mode) + ": committed " + committed + " of " + end
                                + " in " + topic(shape));
                    }
                }
            }
            if (lagging.isEmpty() || System.nanoTime() > deadline) {
                List<Mismatch> out = new ArrayList<>();
                failed.forEach((connector, cause) -> out.add(new Mismatch(phase, destination.name(), "(pipeline)",
                        null, null, "connector " + connector + " running", cause)));
                for (String l : lagging) {
                    out.add(new Mismatch(phase, destination.name(), "(pipeline)", null, null,
                            "caught up within " + catchUp, l));
                }
                return out;
            }
            sleep(250);
        }
    }

    /** Connectors with a FAILED task, with the task's root cause. */
    private Map<String, String> failedTasks() {
        Map<String, String> out = new LinkedHashMap<>();
        refusedConnectors.forEach((name, why) -> out.put(name, "config refused: " + why));
        List<String> connectors = new ArrayList<>();
        groups().forEach(g -> connectors.add(sourceConnector(g)));
        for (DeleteMode mode : DeleteMode.values()) {
            connectors.add(sinkConnector(mode));
        }
        for (String name : connectors) {
            if (refusedConnectors.containsKey(name)) {
                continue;
            }
            ConnectorStateInfo s;
            try {
                s = connect.status(name);
            } catch (RuntimeException notYetKnown) {
                continue;
            }
            for (ConnectorStateInfo.TaskState t : s.tasks()) {
                if ("FAILED".equals(t.state())) {
                    out.put(name, "task " + t.id() + " FAILED: " + rootCause(t.trace()));
                }
            }
        }
        return out;
    }

    private List<Mismatch> compare(Phase phase, DeleteMode mode) {
        String where = destination.name() + "/" + mode.label();
        List<Mismatch> out = new ArrayList<>();
        List<FidelityComparator.Rejection> rejections = new ArrayList<>();
        try (Connection c = pg.connect()) {
            for (TableShape shape : shapes) {
                FidelityComparator.Expectation live = FidelityComparator.expect(shape, SourceReader.read(c, shape),
                        destination.representation());
                rejections.addAll(live.rejected());
                live.rejected().forEach(r -> everRejected.add(r.table() + "\u0000" + r.key()));
                String before = where + "\u0000" + shape.name();
                live = live.keepingEarlierVersions(expectedBefore.getOrDefault(before, Map.of()));
                expectedBefore.put(before, live.rows());
                out.addAll(FidelityComparator.compare(phase, where, shape, live,
                        destination.read(shape, mode, RowView.LIVE)));
                Map<String, Map<String, Object>> deleted = deletedRows.getOrDefault(shape.name(), Map.of());
                if (mode.softDelete() && !deleted.isEmpty()) {
                    FidelityComparator.Expectation kept = FidelityComparator.expect(shape, deleted,
                            destination.representation());
                    out.addAll(FidelityComparator.compare(phase, where + " (soft-deleted rows)", shape,
                            kept.withRejectedIgnored(), destination.read(shape, mode, RowView.SOFT_DELETED)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the source: " + e.getMessage(), e);
        }
        out.addAll(checkDeadLetters(phase, where, mode, rejections));
        return out;
    }

    /**
     * Every rejected row must have a dead-letter record whose error names its column; every other dead-letter
     * record is reported too (with its error: usually the cause of a missing row).
     */
    private List<Mismatch> checkDeadLetters(Phase phase, String where, DeleteMode mode,
                                            List<FidelityComparator.Rejection> rejections) {
        List<Mismatch> out = new ArrayList<>();
        List<KafkaProgress.DeadLetter> letters = kafka.deadLetters(dlq(mode), format.keyJson());
        Set<KafkaProgress.DeadLetter> explained = new LinkedHashSet<>();
        for (FidelityComparator.Rejection r : rejections) {
            String topic = topic(shape(r.table()));
            List<KafkaProgress.DeadLetter> mine = letters.stream()
                    .filter(l -> topic.equals(l.topic()) && r.key().equals(keyOf(l.key()))).collect(Collectors.toList());
            explained.addAll(mine);
            boolean named = mine.stream().anyMatch(l -> l.message() != null
                    && r.columns().stream().anyMatch(col -> l.message().contains(col)));
            if (!named) {
                out.add(new Mismatch(phase, where + " (dead-letter queue)", r.table(), r.table().isEmpty() ? null
                        : shape(r.table()).key().name() + "=" + r.key(), String.join(",", r.columns()),
                        "a dead-letter record naming the column (" + r.why() + ")",
                        mine.isEmpty() ? "none" : mine.stream().map(l -> Values.describe(l.message()))
                                .collect(Collectors.joining(" | "))));
            }
        }
        for (KafkaProgress.DeadLetter l : letters) {
            TableShape shape = shapes.stream().filter(x -> topic(x).equals(l.topic())).findFirst().orElse(null);
            boolean earlier = shape != null && everRejected.contains(shape.name() + "\u0000" + keyOf(l.key()));
            if (!explained.contains(l) && !earlier) {
                out.add(new Mismatch(phase, where + " (dead-letter queue)", shape == null ? l.topic() : shape.name(),
                        shape == null ? keyOf(l.key()) : shape.key().name() + "=" + keyOf(l.key()), null,
                        "no dead-letter record", Values.describe(l.message())));
            }
        }
        return out;
    }

    /** The key's value from the JsonConverter's key record ({@code {"schema":…,"payload":{"id":3}}}). */
    static String keyOf(String keyJson) {
        if (keyJson == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(keyJson);
            JsonNode payload = node.has("payload") ? node.get("payload") : node;
            return payload.isObject() && payload.size() == 1 ? payload.elements().next().asText() : payload.toString();
        } catch (Exception e) {
            return keyJson;
        }
    }

    /** The innermost "Caused by:" line of a Connect trace (or its first line), plus the first project frame. */
    static String rootCause(String trace) {
        if (trace == null) {
            return "(no trace)";
        }
        String[] lines = trace.split("\n");
        String cause = lines[0];
        int at = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("Caused by:")) {
                cause = lines[i];
                at = i;
            }
        }
        for (int i = at + 1; i < lines.length; i++) {
            if (lines[i].contains("io.mirrorconnect")) {
                return cause + " " + lines[i].trim();
            }
        }
        return cause;
    }

    private List<String> groups() {
        return shapes.stream().map(TableShape::group).distinct().collect(Collectors.toList());
    }

    private List<TableShape> shapes(String group) {
        return shapes.stream().filter(s -> s.group().equals(group)).collect(Collectors.toList());
    }

    private TableShape shape(String table) {
        return shapes.stream().filter(s -> s.name().equals(table)).findFirst().orElseThrow();
    }

    private String topic(TableShape shape) {
        return TopicNames.forTable(mirror(shape.group()), TableId.of("public", shape.name()));
    }

    private static String mirror(String group) {
        return "fid_" + group;
    }

    private static String sourceConnector(String group) {
        return "fid-" + group + "-source";
    }

    private static String sinkConnector(DeleteMode mode) {
        return "fid-" + mode.label() + "-sink";
    }

    private static String dlq(DeleteMode mode) {
        return "fid-" + mode.label() + "-dlq";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        kafka.close();
    }
}
