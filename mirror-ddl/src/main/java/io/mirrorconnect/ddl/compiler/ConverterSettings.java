package io.mirrorconnect.ddl.compiler;

import java.util.Locale;
import java.util.Objects;

/**
 * The key/value converters written into both connectors: JSON with schemas (the default) through
 * {@code io.mirrorconnect.json.ExactJsonConverter} (Kafka's JsonConverter, whose bytes it writes, but reading
 * float NaN, ±Infinity and -0.0 back exactly; it ships in every Mirror Connect plugin archive), or an Avro
 * converter with a schema registry: Confluent's {@code io.confluent.connect.avro.AvroConverter} (the default
 * for Avro) or Apicurio's {@code io.apicurio.registry.utils.converter.AvroConverter} set up to write Confluent's
 * wire format. Registry credentials, when given, become each converter's basic-auth properties; they are
 * copied exactly as given, so a {@code ${provider:path:key}} reference stays one.
 */
public record ConverterSettings(Format format, String schemaRegistryUrl, AvroConverter avroConverter,
        RegistryCredentials credentials) {
    public static final String JSON_CONVERTER = "io.mirrorconnect.json.ExactJsonConverter";
    public static final String AVRO_CONVERTER = "io.confluent.connect.avro.AvroConverter";
    public static final String APICURIO_AVRO_CONVERTER = "io.apicurio.registry.utils.converter.AvroConverter";
    /** The registry API Apicurio's 2.x converter talks to, below the server's root URL. */
    public static final String APICURIO_V2_PATH = "/apis/registry/v2";

    public enum Format { JSON, AVRO }

    /** Which Avro converter the workers run. */
    public enum AvroConverter {
        CONFLUENT, APICURIO;

        /** {@code confluent} or {@code apicurio}, any case. */
        public static AvroConverter parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** Basic-auth user and password of the schema registry (either may be a config-provider reference). */
    public record RegistryCredentials(String user, String password) {
        public RegistryCredentials {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "RegistryCredentials[user=" + user + ", password=(hidden)]";
        }
    }

    public ConverterSettings {
        Objects.requireNonNull(format, "format");
        if (format == Format.AVRO) {
            if (schemaRegistryUrl == null || schemaRegistryUrl.isBlank()) {
                throw new IllegalArgumentException("Avro needs a Schema Registry URL");
            }
            Objects.requireNonNull(avroConverter, "avroConverter");
            if (avroConverter == AvroConverter.APICURIO) {
                schemaRegistryUrl = apicurioUrl(schemaRegistryUrl);
            }
        } else if (schemaRegistryUrl != null || credentials != null) {
            throw new IllegalArgumentException("a schema registry is only for Avro");
        }
    }

    public static ConverterSettings json() {
        return new ConverterSettings(Format.JSON, null, null, null);
    }

    /** Confluent's AvroConverter, no credentials. */
    public static ConverterSettings avro(String schemaRegistryUrl) {
        return avro(schemaRegistryUrl, AvroConverter.CONFLUENT, null);
    }

    public static ConverterSettings avro(String schemaRegistryUrl, AvroConverter converter,
            RegistryCredentials credentials) {
        return new ConverterSettings(Format.AVRO, schemaRegistryUrl, converter, credentials);
    }

    /**
     * Apicurio's 2.x converter needs its native v2 API: a server root URL gets {@value #APICURIO_V2_PATH}
     * appended; a URL already ending in it is kept; any other {@code /apis/} path (e.g. the Confluent-compatible
     * {@code /apis/ccompat/v7}) is refused.
     */
    static String apicurioUrl(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (u.endsWith(APICURIO_V2_PATH)) {
            return u;
        }
        if (u.contains("/apis/")) {
            throw new IllegalArgumentException("the Apicurio converter talks to the registry's " + APICURIO_V2_PATH
                    + " API: give the server's root URL (e.g. http://registry:8080) or a URL ending in "
                    + APICURIO_V2_PATH + ", not " + url);
        }
        return u + APICURIO_V2_PATH;
    }

    void writeTo(PropertyWriter out) {
        for (String side : new String[] {"key", "value"}) {
            String p = side + ".converter";
            if (format == Format.JSON) {
                out.put(p, JSON_CONVERTER);
                out.put(p + ".schemas.enable", "true");
            } else if (avroConverter == AvroConverter.CONFLUENT) {
                out.put(p, AVRO_CONVERTER);
                out.put(p + ".schema.registry.url", schemaRegistryUrl);
                if (credentials != null) {
                    out.put(p + ".basic.auth.credentials.source", "USER_INFO");
                    out.put(p + ".basic.auth.user.info", credentials.user() + ":" + credentials.password());
                }
            } else {
                out.put(p, APICURIO_AVRO_CONVERTER);
                out.put(p + ".apicurio.registry.url", schemaRegistryUrl);
                out.put(p + ".apicurio.registry.auto-register", "true");
                out.put(p + ".apicurio.registry.find-latest", "true");
                out.put(p + ".apicurio.registry.as-confluent", "true");
                out.put(p + ".apicurio.registry.use-id", "contentId");
                // the id goes into the record bytes (Confluent wire format), not into a record header
                out.put(p + ".apicurio.registry.headers.enabled", "false");
                if (credentials != null) {
                    out.put(p + ".apicurio.auth.username", credentials.user());
                    out.put(p + ".apicurio.auth.password", credentials.password());
                }
            }
        }
    }
}
