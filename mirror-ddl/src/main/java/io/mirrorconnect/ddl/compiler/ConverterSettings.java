package io.mirrorconnect.ddl.compiler;

import java.util.Objects;

/**
 * The key/value converters written into both connectors: JsonConverter with schemas (the default) or
 * Confluent's AvroConverter with a Schema Registry URL.
 */
public record ConverterSettings(Format format, String schemaRegistryUrl) {
    public static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";
    public static final String AVRO_CONVERTER = "io.confluent.connect.avro.AvroConverter";

    public enum Format { JSON, AVRO }

    public ConverterSettings {
        Objects.requireNonNull(format, "format");
        if (format == Format.AVRO && (schemaRegistryUrl == null || schemaRegistryUrl.isBlank())) {
            throw new IllegalArgumentException("Avro needs a Schema Registry URL");
        }
    }

    public static ConverterSettings json() {
        return new ConverterSettings(Format.JSON, null);
    }

    public static ConverterSettings avro(String schemaRegistryUrl) {
        return new ConverterSettings(Format.AVRO, schemaRegistryUrl);
    }

    void writeTo(PropertyWriter out) {
        for (String side : new String[] {"key", "value"}) {
            if (format == Format.JSON) {
                out.put(side + ".converter", JSON_CONVERTER);
                out.put(side + ".converter.schemas.enable", "true");
            } else {
                out.put(side + ".converter", AVRO_CONVERTER);
                out.put(side + ".converter.schema.registry.url", schemaRegistryUrl);
            }
        }
    }
}
