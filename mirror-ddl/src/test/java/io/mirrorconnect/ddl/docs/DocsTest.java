package io.mirrorconnect.ddl.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorconnect.ddl.analyzer.MirrorSpec;
import io.mirrorconnect.ddl.analyzer.OptionSet;
import io.mirrorconnect.ddl.analyzer.OptionSpec;
import io.mirrorconnect.ddl.analyzer.PeerSpec;
import io.mirrorconnect.ddl.analyzer.PeerType;
import io.mirrorconnect.ddl.compiler.Compilation;
import io.mirrorconnect.ddl.compiler.ConnectorConfig;
import io.mirrorconnect.ddl.compiler.ConverterSettings;
import io.mirrorconnect.ddl.lexer.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The docs move with the code: every option is documented, every emitted property is in the contract. */
class DocsTest {
    static Path root() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("config-examples")) && Files.isDirectory(p.resolve("docs"))) {
                return p;
            }
        }
        throw new IllegalStateException("project root not found");
    }

    @Test
    void everyOptionIsInTheReference() throws IOException {
        String doc = Files.readString(root().resolve("docs/mirror-ddl.md"));
        List<OptionSet> sets = new ArrayList<>(List.of(MirrorSpec.CDC, MirrorSpec.QREP));
        for (PeerType t : PeerType.values()) {
            sets.add(PeerSpec.options(t));
        }
        for (OptionSet set : sets) {
            for (OptionSpec spec : set.specs().values()) {
                assertThat(doc).as("docs/mirror-ddl.md documents option " + spec.name())
                        .contains("| `" + spec.name() + "` |");
            }
            for (String unsupported : set.unsupported().keySet()) {
                assertThat(doc).as("docs/mirror-ddl.md names rejected option " + unsupported)
                        .contains("`" + unsupported + "`");
            }
        }
    }

    @Test
    void everyEmittedPropertyIsInTheContract() throws IOException {
        String contract = Files.readString(root().resolve("docs/compiled-configs.md"));
        TreeSet<String> keys = new TreeSet<>();
        List<SourceFile> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(root().resolve("config-examples"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                files.add(SourceFile.read(p));
            }
        }
        var credentials = new ConverterSettings.RegistryCredentials("u", "${file:/s:p}");
        for (ConverterSettings conv : List.of(ConverterSettings.json(), ConverterSettings.avro("http://sr"),
                ConverterSettings.avro("http://sr", ConverterSettings.AvroConverter.CONFLUENT, credentials),
                ConverterSettings.avro("http://sr", ConverterSettings.AvroConverter.APICURIO, credentials))) {
            for (SourceFile f : files) {
                Compilation c = Compilation.run(List.of(f), conv);
                assertThat(c.ok()).as(c.diagnostics().format()).isTrue();
                for (ConnectorConfig cc : c.connectors()) {
                    keys.addAll(cc.config().keySet());
                }
            }
        }
        assertThat(keys).hasSizeGreaterThan(60);
        for (String key : keys) {
            assertThat(contract).as("docs/compiled-configs.md lists " + key).contains("`" + key + "`");
        }
    }
}
