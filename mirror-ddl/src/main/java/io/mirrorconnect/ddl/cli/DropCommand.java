package io.mirrorconnect.ddl.cli;

import io.mirrorconnect.ddl.connect.ApplyPlan;
import io.mirrorconnect.ddl.connect.MirrorOperations;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mirror-ddl drop MIRROR --connect-url URL}: like {@code DROP MIRROR}. */
@Command(name = "drop", mixinStandardHelpOptions = true,
        description = "Deletes a mirror's connectors (<mirror>-source and <mirror>-sink), like DROP MIRROR.")
final class DropCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    MirrorDdl root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "MIRROR", description = "mirror name")
    String mirror;

    @Option(names = "--if-exists", description = "Skip connectors that do not exist instead of failing.")
    boolean ifExists;

    @Mixin
    ConnectOptions connect;

    @Override
    public Integer call() {
        new MirrorOperations(connect.client(root, spec.commandLine()), root.out)
                .execute(ApplyPlan.forMirror(ApplyPlan.Kind.DELETE, MirrorNames.normalize(mirror), ifExists));
        return MirrorDdl.OK;
    }
}
