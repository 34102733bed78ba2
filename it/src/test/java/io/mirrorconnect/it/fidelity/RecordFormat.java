package io.mirrorconnect.it.fidelity;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * How the suite's records are written to Kafka: the converter properties put on every source and sink connector
 * (empty: the worker's JsonConverter) and how to turn a record key's bytes into JSON (for the dead-letter checks).
 */
public record RecordFormat(String name, Map<String, String> converters, Function<byte[], String> keyJson) {
    /** The worker's JsonConverter (schemas enabled): keys are JSON text already. */
    public static RecordFormat json() {
        return new RecordFormat("json", Map.of(), b -> new String(b, StandardCharsets.UTF_8));
    }
}
