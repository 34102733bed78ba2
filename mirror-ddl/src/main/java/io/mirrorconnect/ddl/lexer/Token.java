package io.mirrorconnect.ddl.lexer;

/**
 * One token: its kind, the raw text as written, the value (unquoted/unescaped), its start position and its length
 * in characters (for carets).
 */
public record Token(TokenKind kind, String text, String value, Position position, int length) {
    public boolean is(TokenKind k) {
        return kind == k;
    }

    /** Whether this is the unquoted keyword {@code keyword} (case-insensitive). */
    public boolean isKeyword(String keyword) {
        return kind == TokenKind.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    /** How the token reads in an error message. */
    public String describe() {
        return switch (kind) {
            case EOF -> "end of input";
            case STRING -> "string " + abbreviate(text);
            case DOLLAR_STRING -> "$$ body";
            case QUOTED_IDENTIFIER -> "quoted identifier " + abbreviate(text);
            default -> "'" + abbreviate(text) + "'";
        };
    }

    private static String abbreviate(String s) {
        String oneLine = s.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() > 40 ? oneLine.substring(0, 37) + "..." : oneLine;
    }
}
