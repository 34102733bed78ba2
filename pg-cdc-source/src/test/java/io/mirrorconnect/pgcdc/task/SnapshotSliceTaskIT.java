package io.mirrorconnect.pgcdc.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.coordination.TaskRole;
import io.mirrorconnect.pgcdc.offsets.BlockRanges;
import io.mirrorconnect.pgcdc.offsets.BlockRanges.Range;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets.SnapshotProgress;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The snapshot role of a task (a share of a snapshot spread over tasks), in-process against a real Postgres: it
 * reads exactly its ranges under the exported snapshot, records them under its own slice partition, a
 * restarted task reads only what is not yet recorded, and an import of a snapshot that is gone fails saying so.
 */
class SnapshotSliceTaskIT {
    private static final TableId T = TableId.of("public", "sl");
    private static final long EPOCH = 42L;
    static EmbeddedPostgres pg;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical").start();
        sql("CREATE TABLE sl (id int PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO sl SELECT g, 'n' || g FROM generate_series(1, 6000) g", "ANALYZE sl");
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
        Map<String, String> p = new java.util.HashMap<>();
        p.put("mirror.name", "slices");
        p.put("database.hostname", "localhost");
        p.put("database.port", Integer.toString(pg.getPort()));
        p.put("database.user", "postgres");
        p.put("database.dbname", "postgres");
        p.put("database.sslmode", "disable");
        p.put("table.include.list", "public.sl");
        p.put("snapshot.max.parallel.workers", "2");
        p.put("max.batch.size", "700");
        return p;
    }

    private static long blocks() throws SQLException {
        return query("SELECT pg_relation_size('sl') / current_setting('block_size')::bigint");
    }

    private static long query(String sql) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long rowsIn(List<Range> ranges) throws SQLException {
        long n = 0;
        for (Range r : ranges) {
            n += query("SELECT count(*) FROM sl WHERE ctid >= '(" + r.from() + ",0)'::tid"
                    + (r.unbounded() ? "" : " AND ctid < '(" + r.to() + ",0)'::tid"));
        }
        return n;
    }

    private static Map<String, String> slice(String snapshot, int k, List<Range> ranges) {
        return TaskRole.snapshot(config(), snapshot, EPOCH, k, Map.of(T, ranges));
    }

    private static Set<Integer> ids(List<SourceRecord> rs) {
        Set<Integer> out = new HashSet<>();
        rs.forEach(r -> out.add(PgCdcSourceTaskIT.id(r)));
        return out;
    }

    @Test
    void slicesReadTheirRangesUnderTheExportAndResumeFromTheirOffsets() throws Exception {
        long b = blocks();
        assertThat(b).as("the table spans several blocks").isGreaterThan(8);
        long q = b / 4;
        Range r0 = new Range(0, q);
        Range r1 = new Range(q, 2 * q);
        Range r2 = new Range(2 * q, 3 * q);
        Range r3 = new Range(3 * q, BlockRanges.UNBOUNDED);
        long rows0 = rowsIn(List.of(r0));
        long rows2 = rowsIn(List.of(r2));
        try (Connection exporter = pg.getPostgresDatabase().getConnection()) {
            exporter.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            exporter.setAutoCommit(false);
            String snapshot;
            try (Statement st = exporter.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
                rs.next();
                snapshot = rs.getString(1);
            }
            // after the export: invisible to every slice
            sql("INSERT INTO sl SELECT g, 'late' FROM generate_series(6001, 6500) g",
                    "DELETE FROM sl WHERE id <= 10");

            TaskHarness a = new TaskHarness();
            a.start(slice(snapshot, 0, List.of(r0, r2)));
            try {
                a.pollUntil(rs -> rs.size() >= rows0 + rows2, 100);
                for (int i = 0; i < 3; i++) {
                    a.pollOnce(); // nothing more comes
                }
            } finally {
                a.stop();
            }
            assertThat(a.delivered).hasSize((int) (rows0 + rows2));
            Map<String, Object> p0 = SourceOffsets.snapshotSlicePartition("slices", T, 0);
            assertThat(a.committed).containsOnlyKeys(p0);
            SnapshotProgress progress0 = SnapshotProgress.fromOffset(a.committed.get(p0));
            assertThat(progress0.epoch()).isEqualTo(EPOCH);
            assertThat(progress0.done()).isEqualTo(BlockRanges.of(List.of(r0, r2)));

            TaskHarness c = new TaskHarness();
            c.start(slice(snapshot, 1, List.of(r1, r3)));
            try {
                c.pollUntil(rs -> rs.size() >= 6000 - rows0 - rows2, 100);
                c.pollOnce();
            } finally {
                c.stop();
            }
            Set<Integer> all = ids(a.delivered);
            all.addAll(ids(c.delivered));
            assertThat(all).as("both slices together: the table as exported, nothing later").hasSize(6000)
                    .contains(1, 10).doesNotContain(6001);
            assertThat(a.delivered.size() + c.delivered.size()).as("no row read twice").isEqualTo(6000);

            // slice 0 restarted after only r0 was recorded: it reads r2 alone
            TaskHarness again = new TaskHarness();
            again.committed.put(p0, new SnapshotProgress(EPOCH, BlockRanges.of(List.of(r0)), false).toOffset());
            again.start(slice(snapshot, 0, List.of(r0, r2)));
            try {
                again.pollUntil(rs -> rs.size() >= rows2, 100);
                again.pollOnce();
            } finally {
                again.stop();
            }
            assertThat(again.delivered).hasSize((int) rows2);
            assertThat(SnapshotProgress.fromOffset(again.committed.get(p0)).done())
                    .isEqualTo(BlockRanges.of(List.of(r0, r2)));

            // the export ends (the connector's worker died): a task on the old snapshot fails saying so
            exporter.rollback();
            TaskHarness orphan = new TaskHarness();
            orphan.start(slice(snapshot, 1, List.of(r1)));
            try {
                assertThatThrownBy(() -> orphan.pollUntil(rs -> false, 20)).isInstanceOf(ConnectException.class)
                        .hasMessageContaining("exported snapshot is gone");
            } finally {
                orphan.stop();
            }
        }
    }
}
