package io.mirrorconnect.ddl.parser;

/** {@code DROP MIRROR [IF EXISTS] name}. */
public record DropMirror(Span span, Name name, boolean ifExists) implements Statement {
    @Override
    public String title() {
        return "DROP MIRROR " + name.value();
    }
}
