package io.mirrorconnect.ddl.analyzer;

import io.mirrorconnect.ddl.parser.CreatePeer;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Validates a {@code CREATE PEER}: its type, its options per type, and the per-type rules. */
final class PeerAnalyzer {
    private PeerAnalyzer() {
    }

    /** The peer, or empty when its type is unknown. Option errors are reported but still yield a peer. */
    static Optional<Peer> analyze(CreatePeer stmt, Diagnostics diagnostics) {
        Optional<PeerType> type = PeerType.parse(stmt.type().value());
        if (type.isEmpty()) {
            String known = Arrays.stream(PeerType.values()).map(Enum::name).collect(Collectors.joining(", "));
            diagnostics.error(stmt.type().span(), "unknown peer type '" + stmt.type().value() + "' in "
                    + stmt.title() + ": expected one of " + known);
            return Optional.empty();
        }
        ResolvedOptions options = PeerSpec.options(type.get()).resolve(stmt.options(), stmt.title(),
                stmt.name().span(), diagnostics);
        switch (type.get()) {
            case SNOWFLAKE -> {
                if (!options.has("private_key") && !options.has("password")) {
                    diagnostics.error(stmt.name().span(), stmt.title()
                            + " needs private_key (key-pair authentication) or password");
                }
            }
            case CLICKHOUSE -> {
                ResolvedOption rootCa = options.get("root_ca");
                if (rootCa != null && options.bool("disable_tls")) {
                    diagnostics.error(rootCa.span(), "root_ca in " + stmt.title()
                            + " cannot be used with disable_tls = true (there is no TLS to verify)");
                }
                ResolvedOption port = options.get("port");
                if (port != null && !port.placeholder()
                        && (port.value().equals("9000") || port.value().equals("9440"))) {
                    diagnostics.warning(port.span(), "port " + port.value() + " in " + stmt.title()
                            + " is ClickHouse's native-protocol port; Mirror Connect uses the HTTP interface"
                            + " (8123, or 8443 with TLS)");
                }
            }
            default -> {
            }
        }
        return Optional.of(new Peer(stmt.name().value(), type.get(), options, stmt.name().span()));
    }
}
