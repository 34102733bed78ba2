package io.mirrorconnect.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.mirrorconnect.config.ConfigDocs;

/** docs/config/bigquery-sink.md is generated from the ConfigDef; regenerate with -Dgolden.update=true. */
class ConfigDocsTest {
    private static final Path DOC = Path.of("../docs/config/bigquery-sink.md");

    @Test
    void referenceMatchesTheConfigDef() throws IOException {
        String generated = ConfigDocs.markdown("bigquery-sink configuration",
                BigQuerySinkConnector.class.getName(), BigQuerySinkConfig.configDef());
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertThat(DOC).as("%s (regenerate with -Dgolden.update=true)", DOC).exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).isEqualTo(generated);
    }
}
