package io.mirrorconnect.it.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.FakesnowFixture;
import io.mirrorconnect.it.fixtures.Fixtures;
import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * A destination outage mid-stream: Postgres -> pg-cdc-source -> Kafka -> snowflake-sink -> fakesnow (persisted
 * database). The server is stopped while changes flow and started again on its database; the sink retries
 * (transient errors, a new session) and, once caught up, the destination equals the source: nothing lost.
 *
 * <p>fakesnow lets only one connection attach a persisted database, so the sink is stopped (its task closes its
 * connection) before the test reads the destination, and resumed after.
 */
class SnowflakeSinkOutageIT {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final String DB = "OUTAGE_IT";
    private static final String MIRROR = "sfout";
    private static final String SINK = MIRROR + "-sink";

    private static PostgresFixture pg;
    private static FakesnowFixture fakesnow;
    private static ConnectFixture connect;

    @BeforeAll
    static void start() {
        pg = PostgresFixture.start();
        fakesnow = FakesnowFixture.startPersisted();
        connect = ConnectFixture.start("pg-cdc-source", "snowflake-sink");
    }

    @AfterAll
    static void stop() {
        Fixtures.closeAll(connect, fakesnow, pg);
    }

    private static Map<String, String> sink() {
        Map<String, String> c = new java.util.HashMap<>(fakesnow.sinkConnection(DB));
        c.put("connector.class", "io.mirrorconnect.snowflake.SnowflakeSinkConnector");
        c.put("tasks.max", "1");
        c.put("mirror.name", MIRROR);
        c.put("topics", MIRROR + ".public.orders");
        c.put("table.mapping", MIRROR + ".public.orders:orders");
        c.put("flush.interval.ms", "500");
        c.put("retry.backoff.ms", "250");
        c.put("retry.backoff.max.ms", "2000");
        c.put("max.retries", "1000");
        return c;
    }

    private static List<List<String>> source() {
        return pg.queryRows("SELECT id::text, note, qty::text FROM orders ORDER BY orders.id");
    }

    /** The destination, read with the sink stopped (one connection per persisted database), then resumed. */
    private static List<List<String>> destinationWhileStopped() {
        connect.cluster().stopConnector(SINK);
        awaitState(SINK, "STOPPED");
        List<List<String>> rows = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        RuntimeException last = null;
        while (rows == null && System.nanoTime() < deadline) {
            try {
                rows = fakesnow.query(DB, "SELECT \"id\", \"note\", \"qty\" FROM \"" + DB + "\".\"PUBLIC\".\"orders\" ORDER BY \"id\"");
            } catch (RuntimeException stillAttached) {
                last = stillAttached; // the stopped task's connection may take a moment to go
                PostgresToSnowflakeIT.sleep(500);
            }
        }
        connect.cluster().resumeConnector(SINK);
        connect.awaitRunning(SINK, 1, WAIT);
        if (rows == null) {
            throw new AssertionError("could not read the destination", last);
        }
        return rows;
    }

    private static void awaitState(String connector, String state) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (state.equals(connect.status(connector).connector().state())) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // no status yet
            }
            PostgresToSnowflakeIT.sleep(200);
        }
        throw new AssertionError(connector + " not " + state);
    }

    @Test
    void serverStoppedMidStreamAndRestartedOnItsDatabaseLosesNothing() {
        pg.execute("CREATE TABLE orders (id int PRIMARY KEY, note text, qty int)",
                "INSERT INTO orders SELECT g, 'first ' || g, g FROM generate_series(1, 100) g");
        connect.configureConnector(MIRROR + "-source", pg.cdcSourceConfig(MIRROR, "public.orders"));
        connect.configureConnector(SINK, sink());
        connect.awaitRunning(MIRROR + "-source", 1, WAIT);
        connect.awaitRunning(SINK, 1, WAIT);
        SinkProgress.awaitCaughtUp(connect, "connect-" + SINK, WAIT);
        assertThat(destinationWhileStopped()).as("snapshot").isEqualTo(source());

        pg.execute("UPDATE orders SET note = 'before outage' WHERE id <= 20");
        fakesnow.stop();
        pg.execute("INSERT INTO orders SELECT g, 'during outage ' || g, g FROM generate_series(101, 160) g",
                "UPDATE orders SET qty = qty * 10 WHERE id BETWEEN 40 AND 60",
                "DELETE FROM orders WHERE id BETWEEN 70 AND 79");
        // the sink keeps failing to write while the server is down: it must retry, not fail
        PostgresToSnowflakeIT.sleep(8000);
        assertThat(connect.status(SINK).tasks()).allSatisfy(t -> assertThat(t.state()).isEqualTo("RUNNING"));
        fakesnow.restart();
        pg.execute("INSERT INTO orders VALUES (500, 'after outage', 5)");

        SinkProgress.awaitCaughtUp(connect, "connect-" + SINK, WAIT);
        assertThat(destinationWhileStopped()).as("after the outage").isEqualTo(source());
        assertThat(connect.status(SINK).tasks()).allSatisfy(t -> assertThat(t.state()).isEqualTo("RUNNING"));
    }
}
