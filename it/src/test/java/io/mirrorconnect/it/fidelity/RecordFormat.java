package io.mirrorconnect.it.fidelity;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * How the suite's records are written to Kafka: the converter properties put on every source and sink connector
 * and how to turn a record key's bytes into JSON (for the dead-letter checks).
 */
public record RecordFormat(String name, Map<String, String> converters, Function<byte[], String> keyJson) {
    /**
     * JSON as mirror-ddl compiles it: {@code io.mirrorconnect.json.ExactJsonConverter} with schemas (Kafka's
     * JsonConverter bytes; float NaN, ±Infinity and -0.0 read back exactly); keys are JSON text already.
     */
    public static RecordFormat json() {
        String converter = "io.mirrorconnect.json.ExactJsonConverter";
        return new RecordFormat("json", Map.of("key.converter", converter, "key.converter.schemas.enable", "true",
                "value.converter", converter, "value.converter.schemas.enable", "true"),
                b -> new String(b, StandardCharsets.UTF_8));
    }
}
