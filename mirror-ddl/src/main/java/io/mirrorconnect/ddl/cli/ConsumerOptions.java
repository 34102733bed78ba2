package io.mirrorconnect.ddl.cli;

import io.mirrorconnect.ddl.compiler.ConsumerOverrides;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code [--no-consumer-overrides] [--consumer-override KEY=VALUE]...}: the {@code consumer.override.*}
 * properties of sink connectors (the measured defaults unless turned off; single ones replaced or added).
 */
final class ConsumerOptions {
    @Option(names = "--no-consumer-overrides", description = "Write no default consumer.override.* into sink"
            + " connectors (allow.auto.create.topics=false), e.g. for a worker whose"
            + " connector.client.config.override.policy is None.")
    boolean none;

    @Option(names = "--consumer-override", paramLabel = "KEY=VALUE",
            description = "Set consumer.override.KEY=VALUE in sink connectors, replacing the default for KEY"
                    + " (repeatable), e.g. --consumer-override max.poll.records=5000.")
    List<String> overrides = new ArrayList<>();

    ConsumerOverrides overrides(CommandLine cmd) {
        ConsumerOverrides result = none ? ConsumerOverrides.none() : ConsumerOverrides.defaults();
        for (String o : overrides) {
            int eq = o.indexOf('=');
            String key = eq < 0 ? "" : o.substring(0, eq).trim();
            String value = eq < 0 ? "" : o.substring(eq + 1).trim();
            if (key.isEmpty() || value.isEmpty() || key.equals(ConsumerOverrides.PREFIX.substring(0,
                    ConsumerOverrides.PREFIX.length() - 1))) {
                throw new CommandLine.ParameterException(cmd, "--consumer-override needs KEY=VALUE (a consumer"
                        + " property such as max.poll.records=5000), got '" + o + "'");
            }
            result = result.with(key, value);
        }
        return result;
    }
}
