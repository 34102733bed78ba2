package io.mirrorconnect.ddl.cli;

import io.mirrorconnect.ddl.compiler.Compilation;
import io.mirrorconnect.ddl.compiler.MirrorCompiler;
import io.mirrorconnect.ddl.connect.ApplyPlan;
import io.mirrorconnect.ddl.connect.MirrorOperations;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mirror-ddl apply FILE.sql... --connect-url URL}. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Executes the SQL files' statements in order on a Connect cluster.",
                "CREATE MIRROR creates or updates <mirror>-source and <mirror>-sink (left alone under IF NOT"
                        + " EXISTS when they exist); DROP / PAUSE / RESUME MIRROR delete, pause or resume them."
                        + " Nothing is sent when the SQL has errors."})
final class ApplyCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    MirrorDdl root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE.sql", description = "SQL files")
    List<Path> files;

    @Option(names = "--dry-run", description = "Print the REST calls instead of making them (no --connect-url"
            + " needed).")
    boolean dryRun;

    @Option(names = "--connect-url", paramLabel = "URL",
            description = "Kafka Connect REST API, e.g. http://localhost:8083")
    String connectUrl;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Timeout of each REST call, in seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    ConverterOptions converters;

    @Mixin
    ProducerOptions producer;

    @Mixin
    ConsumerOptions consumer;

    @Override
    public Integer call() {
        var settings = converters.settings(spec.commandLine(), root.err);
        if (!dryRun && connectUrl == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option:"
                    + " '--connect-url=URL' (or --dry-run)");
        }
        var overrides = producer.overrides(spec.commandLine());
        var consumerOverrides = consumer.overrides(spec.commandLine());
        Compilation c = SqlInputs.compile(files, settings, overrides, consumerOverrides, root.err);
        if (c == null) {
            return MirrorDdl.INVALID;
        }
        ApplyPlan plan = ApplyPlan.of(c.script().actions(), new MirrorCompiler(settings, overrides, consumerOverrides));
        if (dryRun) {
            root.out.print(plan.describe());
            return MirrorDdl.OK;
        }
        ConnectOptions conn = new ConnectOptions();
        conn.connectUrl = connectUrl;
        conn.timeoutSeconds = timeoutSeconds;
        new MirrorOperations(conn.client(root, spec.commandLine()), root.out).execute(plan);
        return MirrorDdl.OK;
    }
}
