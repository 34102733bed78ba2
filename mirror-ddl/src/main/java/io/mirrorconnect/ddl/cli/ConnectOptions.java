package io.mirrorconnect.ddl.cli;

import io.mirrorconnect.ddl.connect.ConnectClient;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --connect-url URL [--timeout SECONDS]}: where the Connect REST API is. */
final class ConnectOptions {
    @Option(names = "--connect-url", required = true, paramLabel = "URL",
            description = "Kafka Connect REST API, e.g. http://localhost:8083")
    String connectUrl;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Timeout of each REST call and of connecting, in seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    ConnectClient client(MirrorDdl root, CommandLine cmd) {
        if (timeoutSeconds <= 0) {
            throw new CommandLine.ParameterException(cmd, "--timeout must be positive");
        }
        URI uri;
        try {
            uri = URI.create(connectUrl);
            return root.clients.apply(uri, Duration.ofSeconds(timeoutSeconds));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, "--connect-url: " + e.getMessage());
        }
    }
}
