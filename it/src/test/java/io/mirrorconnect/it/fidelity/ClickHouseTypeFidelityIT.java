package io.mirrorconnect.it.fidelity;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.mirrorconnect.it.fixtures.ClickHouseFixture;
import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.Fixtures;
import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * The type-fidelity suite (docs/type-fidelity.md) against clickhouse-sink: embedded Postgres 17 → pg-cdc-source
 * → Kafka → clickhouse-sink → ClickHouse, in soft- and hard-delete mode at once (two sinks, two databases). The
 * three phases run in order on shared state; each fails with every mismatch it found.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClickHouseTypeFidelityIT {
    private PostgresFixture pg;
    private ClickHouseFixture clickhouse;
    private ConnectFixture connect;
    private FidelitySuite suite;

    @BeforeAll
    void start() {
        long seed = RandomShapes.seed();
        System.out.println("type-fidelity random seed " + seed + " (replay: -D" + RandomShapes.SEED_PROPERTY + "=" + seed + ")");
        pg = PostgresFixture.start();
        clickhouse = ClickHouseFixture.start();
        ClickHouseFidelityDestination destination = new ClickHouseFidelityDestination(clickhouse);
        connect = FidelitySuite.startConnect(destination);
        List<TableShape> shapes = new ArrayList<>(Shapes.all());
        shapes.add(RandomShapes.table(seed, "random"));
        suite = FidelitySuite.start(pg, connect, destination, Shapes.prelude(), shapes,
                "random seed " + seed + ", replay with -D" + RandomShapes.SEED_PROPERTY + "=" + seed);
    }

    @AfterAll
    void stop() {
        Fixtures.closeAll(suite, connect, clickhouse, pg);
    }

    @Test
    @Order(1)
    void snapshot() {
        suite.assertFaithful(Phase.SNAPSHOT, suite.run(Phase.SNAPSHOT));
    }

    @Test
    @Order(2)
    void streamingInserts() {
        suite.assertFaithful(Phase.STREAMING, suite.run(Phase.STREAMING));
    }

    @Test
    @Order(3)
    void updatesLeavingToastUnchangedThenDeletes() {
        suite.assertFaithful(Phase.UPDATES_AND_DELETES, suite.run(Phase.UPDATES_AND_DELETES));
    }
}
