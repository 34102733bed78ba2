package io.mirrorconnect.ddl.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorconnect.ddl.lexer.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code config-examples/NAME.sql} compiles (alone) to {@code config-examples/NAME.expected.json}.
 * Run with {@code -Dgolden.update=true} (or env {@code GOLDEN_UPDATE=true}) to rewrite the expected files.
 */
class GoldenExamplesTest {
    static final Path EXAMPLES = locateExamples();

    static Path locateExamples() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("config-examples");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("config-examples/ not found above " + Paths.get("").toAbsolutePath());
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList().stream();
        }
    }

    static boolean updating() {
        return Boolean.getBoolean("golden.update") || "true".equalsIgnoreCase(System.getenv("GOLDEN_UPDATE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void compilesToExpectedJson(Path sql) throws IOException {
        String base = sql.getFileName().toString().replaceFirst("\\.sql$", "");
        Path expected = EXAMPLES.resolve(base + ".expected.json");
        SourceFile file = new SourceFile("config-examples/" + sql.getFileName(),
                Files.readString(sql, StandardCharsets.UTF_8));
        Compilation c = Compilation.run(List.of(file), ConverterSettings.json());
        assertThat(c.diagnostics().errors()).as(c.diagnostics().format()).isEmpty();
        String actual = ConfigJson.array(c.connectors());
        if (updating()) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
        assertThat(expected).as("golden file (create it with -Dgolden.update=true)").exists();
        assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }

    @Test
    void everyExpectedFileHasItsExample() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            files.filter(f -> f.getFileName().toString().endsWith(".expected.json")).forEach(json -> {
                String sql = json.getFileName().toString().replaceFirst("\\.expected\\.json$", ".sql");
                assertThat(EXAMPLES.resolve(sql)).as("example for " + json.getFileName()).exists();
            });
        }
    }

    @Test
    void examplesCoverEveryTargetAndMirrorKind() throws IOException {
        assertThat(examples().map(p -> p.getFileName().toString()))
                .contains("cdc-clickhouse.sql", "cdc-snowflake.sql", "cdc-bigquery.sql", "qrep-xmin.sql",
                        "qrep-upsert.sql", "cdc-exclude-columns.sql", "cdc-config-provider.sql",
                        "drop-pause-resume.sql", "cdc-dead-letter-queue.sql", "qrep-dead-letter-queue.sql");
    }
}
