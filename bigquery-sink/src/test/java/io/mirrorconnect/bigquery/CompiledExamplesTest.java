package io.mirrorconnect.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Every BigQuery sink config that mirror-ddl compiles (config-examples/*.expected.json) parses here. */
class CompiledExamplesTest {

    @Test
    void compiledBigQuerySinkConfigsParse() throws IOException {
        List<Map<String, String>> configs = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("../config-examples"), "*.expected.json")) {
            for (Path f : files) {
                collect(json.readTree(f.toFile()), configs);
            }
        }
        assertThat(configs).isNotEmpty();
        for (Map<String, String> c : configs) {
            BigQuerySinkConfig parsed = new BigQuerySinkConfig(c);
            assertThat(parsed.tableMapping()).isNotEmpty();
            assertThat(parsed.dataset()).isNotBlank();
            assertThat(parsed.privateKey()).startsWith("-----BEGIN PRIVATE KEY-----\n");
        }
    }

    private static void collect(JsonNode node, List<Map<String, String>> out) {
        if (node.isObject()) {
            JsonNode cls = node.get("connector.class");
            if (cls != null && cls.asText().equals(BigQuerySinkConnector.class.getName())) {
                Map<String, String> c = new HashMap<>();
                node.properties().forEach(e -> c.put(e.getKey(), e.getValue().asText()));
                out.add(c);
            }
            node.properties().forEach(e -> collect(e.getValue(), out));
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, out));
        }
    }
}
