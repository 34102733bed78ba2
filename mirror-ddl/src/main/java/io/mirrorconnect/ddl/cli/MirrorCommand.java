package io.mirrorconnect.ddl.cli;

import io.mirrorconnect.ddl.connect.MirrorOperations;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** What the commands that act on one running mirror share: its name and the Connect cluster to reach. */
abstract class MirrorCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    MirrorDdl root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "MIRROR", description = "mirror name")
    String mirror;

    @Mixin
    ConnectOptions connect;

    final MirrorOperations operations() {
        return new MirrorOperations(connect.client(root, spec.commandLine()), root.out);
    }

    final String mirrorName() {
        return MirrorNames.normalize(mirror);
    }
}
