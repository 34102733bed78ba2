package io.mirrorconnect.ddl.cli;

import io.mirrorconnect.ddl.connect.ApplyPlan;
import picocli.CommandLine.Option;

/** drop / pause / resume: one REST action on both of a mirror's connectors, like the SQL statement. */
abstract class MirrorActionCommand extends MirrorCommand {
    @Option(names = "--if-exists", description = "Skip connectors that do not exist instead of failing.")
    boolean ifExists;

    abstract ApplyPlan.Kind kind();

    @Override
    public final Integer call() {
        operations().execute(ApplyPlan.forMirror(kind(), mirrorName(), ifExists));
        return MirrorDdl.OK;
    }
}
