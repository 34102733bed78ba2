package io.mirrorconnect.ddl.cli;

import io.mirrorconnect.ddl.compiler.ProducerOverrides;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code [--no-producer-overrides] [--producer-override KEY=VALUE]...}: the {@code producer.override.*}
 * properties of source connectors (the measured defaults unless turned off; single ones replaced or added).
 */
final class ProducerOptions {
    @Option(names = "--no-producer-overrides", description = "Write no default producer.override.* into source"
            + " connectors (linger.ms=20, batch.size=1048576, compression.type=lz4), e.g. for a worker whose"
            + " connector.client.config.override.policy is None.")
    boolean none;

    @Option(names = "--producer-override", paramLabel = "KEY=VALUE",
            description = "Set producer.override.KEY=VALUE in source connectors, replacing the default for KEY"
                    + " (repeatable), e.g. --producer-override compression.type=zstd.")
    List<String> overrides = new ArrayList<>();

    ProducerOverrides overrides(CommandLine cmd) {
        ProducerOverrides result = none ? ProducerOverrides.none() : ProducerOverrides.defaults();
        for (String o : overrides) {
            int eq = o.indexOf('=');
            String key = eq < 0 ? "" : o.substring(0, eq).trim();
            String value = eq < 0 ? "" : o.substring(eq + 1).trim();
            if (key.isEmpty() || value.isEmpty() || key.equals(ProducerOverrides.PREFIX.substring(0,
                    ProducerOverrides.PREFIX.length() - 1))) {
                throw new CommandLine.ParameterException(cmd, "--producer-override needs KEY=VALUE (a producer"
                        + " property such as linger.ms=50), got '" + o + "'");
            }
            result = result.with(key, value);
        }
        return result;
    }
}
