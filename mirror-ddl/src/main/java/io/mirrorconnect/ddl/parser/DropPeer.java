package io.mirrorconnect.ddl.parser;

/** {@code DROP PEER [IF EXISTS] name}. */
public record DropPeer(Span span, Name name, boolean ifExists) implements Statement {
    @Override
    public String title() {
        return "DROP PEER " + name.value();
    }
}
