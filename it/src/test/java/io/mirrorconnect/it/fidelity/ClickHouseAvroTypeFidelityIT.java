package io.mirrorconnect.it.fidelity;

import io.mirrorconnect.it.avro.ForeignAvroReader;
import io.mirrorconnect.it.fixtures.ApicurioRegistryFixture;
import io.mirrorconnect.it.fixtures.ClickHouseFixture;

/**
 * {@link ClickHouseTypeFidelityIT} with Avro records: the same shapes, phases and comparison, but sources and sinks
 * use Apicurio's AvroConverter (Confluent wire format) against a real Apicurio Registry (it/README.md, "Avro"), so
 * every value goes Connect → Avro → Connect between pg-cdc-source and clickhouse-sink. The expected destination
 * contents are the same as with JSON: the converter must not change a value.
 */
class ClickHouseAvroTypeFidelityIT extends TypeFidelityRun {
    private ApicurioRegistryFixture registry;

    @Override
    FidelityDestination startDestination() {
        registry = peer(ApicurioRegistryFixture.start());
        return new ClickHouseFidelityDestination(peer(ClickHouseFixture.start()));
    }

    @Override
    RecordFormat format() {
        ForeignAvroReader keys = new ForeignAvroReader(registry::schemaById);
        return new RecordFormat("avro", registry.converterConfig(), b -> String.valueOf(keys.read(b)));
    }
}
