package io.mirrorconnect.ddl.lexer;

/** A character sequence that is no token (unterminated string, stray character). */
public final class LexerException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Position position;
    private final int length;

    public LexerException(String message, Position position, int length) {
        super(message);
        this.position = position;
        this.length = length;
    }

    public Position position() {
        return position;
    }

    public int length() {
        return length;
    }
}
