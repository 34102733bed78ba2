package io.mirrorconnect.ddl.parser;

import java.util.List;

/** {@code CREATE PEER [IF NOT EXISTS] name FROM type WITH (options)}. */
public record CreatePeer(Span span, Name name, boolean ifNotExists, Name type, List<OptionEntry> options)
        implements Statement {
    public CreatePeer {
        options = List.copyOf(options);
    }

    @Override
    public String title() {
        return "CREATE PEER " + name.value();
    }
}
