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

import io.mirrorconnect.it.avro.ForeignAvroReader;
import io.mirrorconnect.it.fixtures.ApicurioRegistryFixture;
import io.mirrorconnect.it.fixtures.ClickHouseFixture;
import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.Fixtures;
import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * {@link ClickHouseTypeFidelityIT} with Avro records: the same shapes, phases and comparison, but sources and sinks
 * use Apicurio's AvroConverter (Confluent wire format) against a real Apicurio Registry (it/README.md, "Avro"), so
 * every value goes Connect → Avro → Connect between pg-cdc-source and clickhouse-sink. The expected destination
 * contents are the same as with JsonConverter: the converter must not change a value.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClickHouseAvroTypeFidelityIT {
    private ApicurioRegistryFixture registry;
    private PostgresFixture pg;
    private ClickHouseFixture clickhouse;
    private ConnectFixture connect;
    private FidelitySuite suite;

    @BeforeAll
    void start() {
        long seed = RandomShapes.seed();
        System.out.println("type-fidelity random seed " + seed + " (replay: -D" + RandomShapes.SEED_PROPERTY + "=" + seed + ")");
        registry = ApicurioRegistryFixture.start();
        pg = PostgresFixture.start();
        clickhouse = ClickHouseFixture.start();
        ClickHouseFidelityDestination destination = new ClickHouseFidelityDestination(clickhouse);
        connect = FidelitySuite.startConnect(destination);
        List<TableShape> shapes = new ArrayList<>(Shapes.all());
        shapes.add(RandomShapes.table(seed, "random"));
        ForeignAvroReader keys = new ForeignAvroReader(registry::schemaById);
        RecordFormat avro = new RecordFormat("avro", registry.converterConfig(), b -> String.valueOf(keys.read(b)));
        suite = FidelitySuite.start(pg, connect, destination, Shapes.prelude(), shapes,
                "Avro, random seed " + seed + ", replay with -D" + RandomShapes.SEED_PROPERTY + "=" + seed, avro);
    }

    @AfterAll
    void stop() {
        Fixtures.closeAll(suite, connect, clickhouse, pg, registry);
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
