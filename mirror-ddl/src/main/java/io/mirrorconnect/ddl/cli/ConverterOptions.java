package io.mirrorconnect.ddl.cli;

import io.mirrorconnect.ddl.compiler.ConverterSettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --avro --schema-registry-url URL}: converters written into both connectors (JsonConverter by default). */
final class ConverterOptions {
    @Option(names = "--avro", description = "Use Confluent's AvroConverter for keys and values (needs"
            + " --schema-registry-url; the worker needs the Avro converter installed).")
    boolean avro;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Schema Registry URL for the AvroConverter.")
    String schemaRegistryUrl;

    ConverterSettings settings(CommandLine cmd) {
        if (!avro) {
            if (schemaRegistryUrl != null) {
                throw new CommandLine.ParameterException(cmd, "--schema-registry-url needs --avro");
            }
            return ConverterSettings.json();
        }
        if (schemaRegistryUrl == null || schemaRegistryUrl.isBlank()) {
            throw new CommandLine.ParameterException(cmd, "--avro needs --schema-registry-url URL");
        }
        return ConverterSettings.avro(schemaRegistryUrl);
    }
}
