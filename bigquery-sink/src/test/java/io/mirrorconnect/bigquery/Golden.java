package io.mirrorconnect.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Golden files: expected text in src/test/resources/golden/, compared exactly. {@code -Dgolden.update=true} rewrites
 * them from the actual output (review the diff before committing).
 */
public final class Golden {
    private static final Path DIR = Paths.get("src/test/resources/golden");

    private Golden() {
    }

    public static void assertMatches(String file, String actual) {
        Path path = DIR.resolve(file);
        String text = actual.endsWith("\n") ? actual : actual + "\n";
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(path.getParent());
                Files.writeString(path, text, StandardCharsets.UTF_8);
                return;
            }
            assertThat(path).as("golden file %s (create it with -Dgolden.update=true)", path).exists();
            assertThat(text).as("golden file %s (rewrite with -Dgolden.update=true)", path)
                    .isEqualTo(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
