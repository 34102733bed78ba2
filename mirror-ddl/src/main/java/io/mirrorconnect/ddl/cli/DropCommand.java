package io.mirrorconnect.ddl.cli;

import io.mirrorconnect.ddl.connect.ApplyPlan;
import picocli.CommandLine.Command;

/** {@code mirror-ddl drop MIRROR --connect-url URL}: like {@code DROP MIRROR}. */
@Command(name = "drop", mixinStandardHelpOptions = true,
        description = "Deletes a mirror's connectors (<mirror>-source and <mirror>-sink), like DROP MIRROR.")
final class DropCommand extends MirrorActionCommand {
    @Override
    ApplyPlan.Kind kind() {
        return ApplyPlan.Kind.DELETE;
    }
}
