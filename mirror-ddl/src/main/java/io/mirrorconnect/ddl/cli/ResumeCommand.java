package io.mirrorconnect.ddl.cli;

import io.mirrorconnect.ddl.connect.ApplyPlan;
import io.mirrorconnect.ddl.connect.MirrorOperations;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mirror-ddl resume MIRROR --connect-url URL}: like {@code RESUME MIRROR}. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Resumes a mirror's connectors (<mirror>-source and <mirror>-sink), like RESUME MIRROR.")
final class ResumeCommand implements Callable<Integer> {
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
                .execute(ApplyPlan.forMirror(ApplyPlan.Kind.RESUME, MirrorNames.normalize(mirror), ifExists));
        return MirrorDdl.OK;
    }
}
