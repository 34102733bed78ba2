package io.mirrorconnect.ddl.parser;

/** {@code RESUME MIRROR [IF EXISTS] name}. */
public record ResumeMirror(Span span, Name name, boolean ifExists) implements Statement {
    @Override
    public String title() {
        return "RESUME MIRROR " + name.value();
    }
}
