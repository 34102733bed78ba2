package io.mirrorconnect.ddl.cli;

import io.mirrorconnect.ddl.connect.MirrorOperations;
import picocli.CommandLine.Command;

/** {@code mirror-ddl status MIRROR --connect-url URL}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the state of a mirror's connectors and their tasks (with the first line of any"
                + " failure trace).")
final class StatusCommand extends MirrorCommand {
    @Override
    public Integer call() {
        root.out.print(MirrorOperations.format(operations().status(mirrorName())));
        return MirrorDdl.OK;
    }
}
