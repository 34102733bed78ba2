package io.mirrorconnect.ddl.cli;

import io.mirrorconnect.ddl.connect.ApplyPlan;
import picocli.CommandLine.Command;

/** {@code mirror-ddl pause MIRROR --connect-url URL}: like {@code PAUSE MIRROR}. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = "Pauses a mirror's connectors (<mirror>-source and <mirror>-sink), like PAUSE MIRROR.")
final class PauseCommand extends MirrorActionCommand {
    @Override
    ApplyPlan.Kind kind() {
        return ApplyPlan.Kind.PAUSE;
    }
}
