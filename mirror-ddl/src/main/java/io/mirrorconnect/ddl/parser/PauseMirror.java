package io.mirrorconnect.ddl.parser;

/** {@code PAUSE MIRROR [IF EXISTS] name}. */
public record PauseMirror(Span span, Name name, boolean ifExists) implements Statement {
    @Override
    public String title() {
        return "PAUSE MIRROR " + name.value();
    }
}
