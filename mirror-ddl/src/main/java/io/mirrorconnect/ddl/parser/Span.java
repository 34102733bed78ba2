package io.mirrorconnect.ddl.parser;

import io.mirrorconnect.ddl.lexer.Position;
import io.mirrorconnect.ddl.lexer.Token;

/** Where a syntax element starts and how many characters it covers (for error carets). */
public record Span(Position start, int length) {
    public static Span of(Token t) {
        return new Span(t.position(), t.length());
    }

    /** From the start of {@code first} to the end of {@code last} (same file). */
    public static Span between(Token first, Token last) {
        int end = last.position().offset() + last.length();
        return new Span(first.position(), Math.max(1, end - first.position().offset()));
    }
}
