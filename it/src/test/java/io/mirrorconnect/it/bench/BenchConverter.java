package io.mirrorconnect.it.bench;

import io.mirrorconnect.ddl.compiler.ConverterSettings;

/**
 * The key/value converter a lane of scripts/bench-e2e.sh runs every measure with: JSON (mirror-ddl's default,
 * {@code ExactJsonConverter} with schemas) or Avro through a schema registry (mirror-ddl's {@code --avro
 * --schema-registry-url URL --avro-converter apicurio}: Apicurio's AvroConverter writing Confluent's wire format).
 * Each lane has its own mirror name, so its own topic, replication slot and publication.
 */
enum BenchConverter {
    JSON("bench", "dbz", "JsonConverter (compiled ExactJsonConverter, schemas on)"),
    AVRO("bench_avro", "dbzavro", "Avro (compiled --avro --avro-converter apicurio: Apicurio AvroConverter 2.6.13,"
            + " Confluent wire format, Apicurio Registry 3.3.3)");

    private final String mirror;
    private final String debeziumPrefix;
    private final String description;

    BenchConverter(String mirror, String debeziumPrefix, String description) {
        this.mirror = mirror;
        this.debeziumPrefix = debeziumPrefix;
        this.description = description;
    }

    /** The CREATE MIRROR name of this lane (its connectors, topic, slot and publication derive from it). */
    String mirror() {
        return mirror;
    }

    /** Debezium's {@code topic.prefix} (and slot and publication suffix) of this lane. */
    String debeziumPrefix() {
        return debeziumPrefix;
    }

    String description() {
        return description;
    }

    /** Short name for tables: {@code JSON} or {@code Avro}. */
    String label() {
        return this == JSON ? "JSON" : "Avro";
    }

    /** What mirror-ddl's CLI builds from its converter options; the registry URL is the server's root URL. */
    ConverterSettings settings(String registryUrl) {
        return this == JSON ? ConverterSettings.json()
                : ConverterSettings.avro(registryUrl, ConverterSettings.AvroConverter.APICURIO, null);
    }
}
