package io.mirrorconnect.ddl.cli;

import io.mirrorconnect.ddl.connect.MirrorOperations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mirror-ddl status MIRROR [--verbose] --connect-url URL}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the state of a mirror's connectors and their tasks; for a failure, its root cause (the"
                + " innermost 'Caused by:' of the trace) and the first io.mirrorconnect frame.")
final class StatusCommand extends MirrorCommand {
    @Option(names = {"-v", "--verbose"}, description = "Also print the whole trace of every failure.")
    boolean verbose;

    @Override
    public Integer call() {
        root.out.print(MirrorOperations.format(operations().status(mirrorName()), verbose));
        return MirrorDdl.OK;
    }
}
