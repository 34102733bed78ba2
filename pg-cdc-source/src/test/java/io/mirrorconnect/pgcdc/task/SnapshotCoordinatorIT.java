package io.mirrorconnect.pgcdc.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.apache.kafka.connect.source.SourceConnectorContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.pgcdc.PgCdcSourceConfig;
import io.mirrorconnect.pgcdc.coordination.SnapshotCoordinator;
import io.mirrorconnect.pgcdc.coordination.TaskRole;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The connector's snapshot coordinator against a real Postgres, with the tasks driven in-process: it creates the
 * slot with an export and spreads the ranges over two slices; when its exporting backend is terminated it plans
 * again under a fresh snapshot; once the slices' offsets cover every range it closes the export and hands over
 * to one streaming task, which then streams (no row is copied again).
 */
class SnapshotCoordinatorIT {
    static EmbeddedPostgres pg;
    private final Map<Map<String, Object>, Map<String, Object>> committed = new ConcurrentHashMap<>();
    private volatile Exception raised;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical").start();
        sql("CREATE TABLE co (id int PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO co SELECT g, 'n' || g FROM generate_series(1, 8000) g", "ANALYZE co");
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        pg.close();
    }

    static void sql(String... statements) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static Map<String, String> config() {
        Map<String, String> p = new HashMap<>();
        p.put("mirror.name", "coord");
        p.put("tasks.max", "2");
        p.put("database.hostname", "localhost");
        p.put("database.port", Integer.toString(pg.getPort()));
        p.put("database.user", "postgres");
        p.put("database.dbname", "postgres");
        p.put("database.sslmode", "disable");
        p.put("table.include.list", "public.co");
        p.put("snapshot.rows.per.partition", "1000");
        p.put("snapshot.max.parallel.workers", "2");
        p.put("max.batch.size", "700");
        return p;
    }

    private SourceConnectorContext context() {
        return new SourceConnectorContext() {
            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new MapOffsetReader(committed);
            }

            @Override
            public void requestTaskReconfiguration() {
            }

            @Override
            public void raiseError(Exception e) {
                raised = e;
            }

            @Override
            public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
                return null;
            }
        };
    }

    private static List<Map<String, String>> await(SnapshotCoordinator c, Predicate<List<Map<String, String>>> p,
                                                   String what) throws InterruptedException {
        for (int i = 0; i < 600; i++) { // a condition, polled; generous for a loaded machine
            List<Map<String, String>> configs = c.taskConfigs();
            if (p.test(configs)) {
                return configs;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("coordinator never reached: " + what + "; configs " + c.taskConfigs());
    }

    private static boolean allSnapshot(List<Map<String, String>> cs) {
        return !cs.isEmpty() && cs.stream().allMatch(m -> TaskRole.kind(m) == TaskRole.Kind.SNAPSHOT);
    }

    @Test
    void spreadsReplansWhenTheExportDiesAndHandsOverToOneStreamingTask() throws Exception {
        Map<String, String> props = config();
        SnapshotCoordinator coordinator = new SnapshotCoordinator(new PgCdcSourceConfig(props), props, 2, context());
        coordinator.start();
        try {
            List<Map<String, String>> first = await(coordinator, SnapshotCoordinatorIT::allSnapshot, "two slices");
            assertThat(first).hasSize(2);
            String firstSnapshot = first.get(0).get(TaskRole.SNAPSHOT_NAME);

            // the exporting walsender dies: a new plan under a fresh snapshot
            sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE application_name = 'mirrorconnect-coord-snapshot-export'");
            List<Map<String, String>> second = await(coordinator, cs -> allSnapshot(cs)
                    && !firstSnapshot.equals(cs.get(0).get(TaskRole.SNAPSHOT_NAME)), "a fresh plan");
            assertThat(second).hasSize(2);

            // the two slices read their ranges; their committed offsets are what the coordinator watches
            Set<Integer> ids = new HashSet<>();
            int rows = 0;
            for (Map<String, String> slice : second) {
                TaskHarness h = new TaskHarness();
                h.start(slice);
                try {
                    for (int empty = 0; empty < 6; ) {
                        empty = h.pollOnce().isEmpty() ? empty + 1 : 0;
                    }
                } finally {
                    h.stop();
                }
                assertThat(h.delivered).as("slice " + slice.get(TaskRole.SLICE) + " read rows").isNotEmpty();
                h.delivered.forEach(r -> ids.add(PgCdcSourceTaskIT.id(r)));
                rows += h.delivered.size();
                committed.putAll(h.committed);
            }
            assertThat(ids).hasSize(8000);
            assertThat(rows).as("no row read by both slices").isEqualTo(8000);

            List<Map<String, String>> stream = await(coordinator,
                    cs -> cs.size() == 1 && TaskRole.kind(cs.get(0)) == TaskRole.Kind.STREAM, "the hand-over");
            assertThat(TaskRole.completeEpoch(stream.get(0))).isNotNull();
            assertThat(raised).isNull();

            sql("INSERT INTO co VALUES (9001, 'after')");
            TaskHarness streamer = new TaskHarness();
            streamer.committed.putAll(committed);
            streamer.start(stream.get(0));
            try {
                streamer.pollUntil(rs -> rs.stream().anyMatch(r -> PgCdcSourceTaskIT.id(r) == 9001), 60);
                assertThat(streamer.delivered).as("streaming only: the snapshot is not copied again")
                        .allMatch(r -> PgCdcSourceTaskIT.id(r) == 9001);
            } finally {
                streamer.stop();
            }
        } finally {
            coordinator.close();
        }
    }
}
