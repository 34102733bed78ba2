package io.mirrorconnect.ddl.cli;

import io.mirrorconnect.ddl.compiler.Compilation;
import io.mirrorconnect.ddl.compiler.ConfigJson;
import io.mirrorconnect.ddl.compiler.ConnectorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mirror-ddl compile FILE.sql... [--out DIR]}. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Compiles the SQL files (in order, sharing their peers) into connector configs.",
                "Prints a JSON array [{\"name\": ..., \"config\": {...}}] of the mirrors that exist after the"
                        + " script, or with --out writes one <name>.json per connector (the body of"
                        + " PUT /connectors/<name>/config)."})
final class CompileCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    MirrorDdl root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE.sql", description = "SQL files")
    List<Path> files;

    @Option(names = "--out", paramLabel = "DIR", description = "Write one <connector>.json per connector into DIR.")
    Path out;

    @Mixin
    ConverterOptions converters;

    @Mixin
    ProducerOptions producer;

    @Mixin
    ConsumerOptions consumer;

    @Override
    public Integer call() throws IOException {
        Compilation c = SqlInputs.compile(files, converters.settings(spec.commandLine(), root.err),
                producer.overrides(spec.commandLine()), consumer.overrides(spec.commandLine()), root.err);
        if (c == null) {
            return MirrorDdl.INVALID;
        }
        if (out == null) {
            root.out.print(ConfigJson.array(c.connectors()));
            return MirrorDdl.OK;
        }
        Files.createDirectories(out);
        for (ConnectorConfig cc : c.connectors()) {
            Path f = out.resolve(cc.name() + ".json");
            Files.writeString(f, ConfigJson.config(cc), StandardCharsets.UTF_8);
            root.out.println("wrote " + f);
        }
        return MirrorDdl.OK;
    }
}
