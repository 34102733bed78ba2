package io.mirrorconnect.ddl.cli;

import io.mirrorconnect.ddl.compiler.ConverterSettings;
import io.mirrorconnect.ddl.compiler.ConverterSettings.AvroConverter;
import io.mirrorconnect.ddl.compiler.ConverterSettings.RegistryCredentials;
import java.io.PrintWriter;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --avro --schema-registry-url URL [--avro-converter confluent|apicurio] [--schema-registry-user USER
 * --schema-registry-password PASSWORD]}: converters written into both connectors (JsonConverter by default).
 */
final class ConverterOptions {
    /** A whole value that is a config-provider reference, {@code ${provider:path:key}} or {@code ${provider:key}}. */
    private static final Pattern PROVIDER_REFERENCE = Pattern.compile("\\$\\{[^:}]+:[^}]*}");

    @Option(names = "--avro", description = "Use an Avro converter for keys and values (needs"
            + " --schema-registry-url; the workers need that converter installed).")
    boolean avro;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Schema registry URL. Confluent's converter: the registry's URL (for Apicurio's"
                    + " Confluent-compatible API, http://host:port/apis/ccompat/v7). Apicurio's converter: the server's"
                    + " root URL (/apis/registry/v2 is appended) or the v2 API URL.")
    String schemaRegistryUrl;

    @Option(names = "--avro-converter", paramLabel = "confluent|apicurio", defaultValue = "confluent",
            description = "Which Avro converter the workers run: confluent (io.confluent.connect.avro.AvroConverter,"
                    + " the default) or apicurio (io.apicurio.registry.utils.converter.AvroConverter writing"
                    + " Confluent's wire format).")
    String avroConverter;

    @Option(names = "--schema-registry-user", paramLabel = "USER",
            description = "Basic-auth user of the schema registry (a literal or a $${provider:path:key} reference).")
    String registryUser;

    @Option(names = "--schema-registry-password", paramLabel = "PASSWORD",
            description = "Basic-auth password of the schema registry. Prefer a $${provider:path:key} reference"
                    + " (resolved by the worker); a literal is stored in the connector configs as plain text.")
    String registryPassword;

    ConverterSettings settings(CommandLine cmd, PrintWriter err) {
        boolean apicurioOrCustom = !"confluent".equalsIgnoreCase(avroConverter.trim());
        if (!avro) {
            if (schemaRegistryUrl != null || registryUser != null || registryPassword != null || apicurioOrCustom) {
                throw new CommandLine.ParameterException(cmd, "--schema-registry-url, --avro-converter and the"
                        + " registry credentials need --avro");
            }
            return ConverterSettings.json();
        }
        if (schemaRegistryUrl == null || schemaRegistryUrl.isBlank()) {
            throw new CommandLine.ParameterException(cmd, "--avro needs --schema-registry-url URL");
        }
        AvroConverter converter;
        try {
            converter = AvroConverter.parse(avroConverter);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, "--avro-converter must be confluent or apicurio, got '"
                    + avroConverter + "'");
        }
        RegistryCredentials credentials = credentials(cmd, converter, err);
        try {
            return ConverterSettings.avro(schemaRegistryUrl, converter, credentials);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, "--schema-registry-url: " + e.getMessage());
        }
    }

    private RegistryCredentials credentials(CommandLine cmd, AvroConverter converter, PrintWriter err) {
        if (registryUser == null && registryPassword == null) {
            return null;
        }
        if (registryUser == null || registryPassword == null) {
            throw new CommandLine.ParameterException(cmd, "--schema-registry-user and --schema-registry-password go"
                    + " together");
        }
        if (converter == AvroConverter.CONFLUENT && registryUser.contains(":")
                && !PROVIDER_REFERENCE.matcher(registryUser).matches()) {
            throw new CommandLine.ParameterException(cmd, "--schema-registry-user must not contain ':' (Confluent's"
                    + " converter sends user:password as one basic.auth.user.info value)");
        }
        if (!PROVIDER_REFERENCE.matcher(registryPassword).matches()) {
            err.println("mirror-ddl: warning: --schema-registry-password is a literal: it is stored as plain text in"
                    + " both connector configs (and shown by GET /connectors/<name>/config); a config-provider"
                    + " reference such as ${file:/etc/kafka/secrets.properties:registry_password} keeps it out");
            err.flush();
        }
        return new RegistryCredentials(registryUser, registryPassword);
    }
}
