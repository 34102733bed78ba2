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

import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.Fixtures;
import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * One run of the type-fidelity suite (docs/type-fidelity.md) against one destination: embedded Postgres 17 →
 * pg-cdc-source → Kafka → the destination's sink, in soft- and hard-delete mode at once (two sinks). The three
 * phases run in order on shared state; each fails with every mismatch it found. A destination's IT says how to
 * start its peer and adapter, and in which record format.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TypeFidelityRun {
    private final List<AutoCloseable> peers = new ArrayList<>();
    private PostgresFixture pg;
    private ConnectFixture connect;
    private FidelitySuite suite;

    /** Starts the destination's peer(s) ({@link #peer} keeps them for closing) and returns its adapter. */
    abstract FidelityDestination startDestination();

    /** How records cross Kafka (default: the JSON converter mirror-ddl compiles). */
    RecordFormat format() {
        return RecordFormat.json();
    }

    /** Keeps a started peer to close after the run; returns it. */
    <T extends AutoCloseable> T peer(T started) {
        peers.add(0, started);
        return started;
    }

    @BeforeAll
    void start() {
        long seed = RandomShapes.seed();
        String replay = "random seed " + seed + ", replay with -D" + RandomShapes.SEED_PROPERTY + "=" + seed;
        System.out.println("type-fidelity " + replay);
        pg = PostgresFixture.start();
        FidelityDestination destination = startDestination();
        connect = FidelitySuite.startConnect(destination);
        List<TableShape> shapes = new ArrayList<>(Shapes.all());
        shapes.add(RandomShapes.table(seed, "random"));
        RecordFormat format = format();
        suite = FidelitySuite.start(pg, connect, destination, Shapes.prelude(), shapes, format.name() + ", " + replay, format);
    }

    @AfterAll
    void stop() {
        List<AutoCloseable> all = new ArrayList<>(java.util.Arrays.asList(suite, connect)); // null when start failed
        all.addAll(peers);
        all.add(pg);
        Fixtures.closeAll(all.toArray(AutoCloseable[]::new));
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
