package io.mirrorconnect.ddl.parser;

/** A syntax error at a place in the input. */
public final class ParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Span span;

    public ParseException(String message, Span span) {
        super(message);
        this.span = span;
    }

    public Span span() {
        return span;
    }
}
