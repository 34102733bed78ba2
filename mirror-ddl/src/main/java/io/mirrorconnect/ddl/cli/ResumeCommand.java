package io.mirrorconnect.ddl.cli;

import io.mirrorconnect.ddl.connect.ApplyPlan;
import picocli.CommandLine.Command;

/** {@code mirror-ddl resume MIRROR --connect-url URL}: like {@code RESUME MIRROR}. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Resumes a mirror's connectors (<mirror>-source and <mirror>-sink), like RESUME MIRROR.")
final class ResumeCommand extends MirrorActionCommand {
    @Override
    ApplyPlan.Kind kind() {
        return ApplyPlan.Kind.RESUME;
    }
}
