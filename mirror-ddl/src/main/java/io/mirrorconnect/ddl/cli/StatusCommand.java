package io.mirrorconnect.ddl.cli;

import io.mirrorconnect.ddl.connect.MirrorOperations;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code mirror-ddl status MIRROR --connect-url URL}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the state of a mirror's connectors and their tasks (with the first line of any"
                + " failure trace).")
final class StatusCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    MirrorDdl root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "MIRROR", description = "mirror name")
    String mirror;

    @Mixin
    ConnectOptions connect;

    @Override
    public Integer call() {
        var ops = new MirrorOperations(connect.client(root, spec.commandLine()), root.out);
        root.out.print(MirrorOperations.format(ops.status(MirrorNames.normalize(mirror))));
        return MirrorDdl.OK;
    }
}
