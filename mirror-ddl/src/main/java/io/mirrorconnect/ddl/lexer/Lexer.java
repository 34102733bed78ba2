package io.mirrorconnect.ddl.lexer;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns SQL text into tokens with line/column positions. Skips whitespace, {@code --} line comments and
 * (nested) {@code /* *}{@code /} block comments. Strings are {@code '...'} with {@code ''} for a quote;
 * quoted identifiers {@code "..."} with {@code ""}; dollar-quoted bodies {@code $$...$$} / {@code $tag$...$tag$};
 * unquoted config-provider references {@code ${provider:path:key}}.
 */
public final class Lexer {
    private final SourceFile file;
    private final String s;
    private int pos;

    private Lexer(SourceFile file) {
        this.file = file;
        this.s = file.text();
    }

    /** Tokenizes a whole file; the last token is {@link TokenKind#EOF}. */
    public static List<Token> tokenize(SourceFile file) {
        return new Lexer(file).run();
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipTrivia();
            if (pos >= s.length()) {
                out.add(new Token(TokenKind.EOF, "", "", file.position(s.length()), 1));
                return out;
            }
            out.add(next());
        }
    }

    private void skipTrivia() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '/' && peek(1) == '*') {
                int start = pos;
                int depth = 0;
                while (true) {
                    if (pos >= s.length()) {
                        throw new LexerException("unterminated comment", file.position(start), 2);
                    }
                    if (s.startsWith("/*", pos)) {
                        depth++;
                        pos += 2;
                    } else if (s.startsWith("*/", pos)) {
                        depth--;
                        pos += 2;
                        if (depth == 0) {
                            break;
                        }
                    } else {
                        pos++;
                    }
                }
            } else {
                return;
            }
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private Token next() {
        int start = pos;
        char c = s.charAt(pos);
        switch (c) {
            case '(': return single(TokenKind.LPAREN);
            case ')': return single(TokenKind.RPAREN);
            case '{': return single(TokenKind.LBRACE);
            case '}': return single(TokenKind.RBRACE);
            case '[': return single(TokenKind.LBRACKET);
            case ']': return single(TokenKind.RBRACKET);
            case ',': return single(TokenKind.COMMA);
            case ':': return single(TokenKind.COLON);
            case ';': return single(TokenKind.SEMICOLON);
            case '.': return single(TokenKind.DOT);
            case '=': return single(TokenKind.EQUALS);
            case '\'': return string(start);
            case '"': return quotedIdentifier(start);
            case '$': return dollar(start);
            default:
                break;
        }
        if (Character.isDigit(c) || (c == '-' && Character.isDigit(peek(1)))) {
            return number(start);
        }
        if (isIdentStart(c)) {
            while (pos < s.length() && isIdentPart(s.charAt(pos))) {
                pos++;
            }
            String text = s.substring(start, pos);
            return token(TokenKind.IDENTIFIER, text, text, start);
        }
        throw new LexerException("unexpected character '" + c + "'", file.position(start), 1);
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private Token single(TokenKind kind) {
        int start = pos++;
        return token(kind, s.substring(start, pos), s.substring(start, pos), start);
    }

    private Token token(TokenKind kind, String text, String value, int start) {
        return new Token(kind, text, value, file.position(start), Math.max(1, pos - start));
    }

    private Token number(int start) {
        if (s.charAt(pos) == '-') {
            pos++;
        }
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
        }
        if (pos < s.length() && s.charAt(pos) == '.' && Character.isDigit(peek(1))) {
            pos++;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
        }
        if (pos < s.length() && isIdentStart(s.charAt(pos))) {
            while (pos < s.length() && isIdentPart(s.charAt(pos))) {
                pos++;
            }
            throw new LexerException("malformed number '" + s.substring(start, pos) + "'", file.position(start),
                    pos - start);
        }
        String text = s.substring(start, pos);
        return token(TokenKind.NUMBER, text, text, start);
    }

    private Token string(int start) {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw new LexerException("unterminated string literal", file.position(start), 1);
            }
            char c = s.charAt(pos++);
            if (c == '\'') {
                if (pos < s.length() && s.charAt(pos) == '\'') {
                    sb.append('\'');
                    pos++;
                } else {
                    break;
                }
            } else {
                sb.append(c);
            }
        }
        return token(TokenKind.STRING, s.substring(start, pos), sb.toString(), start);
    }

    private Token quotedIdentifier(int start) {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw new LexerException("unterminated quoted identifier", file.position(start), 1);
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                if (pos < s.length() && s.charAt(pos) == '"') {
                    sb.append('"');
                    pos++;
                } else {
                    break;
                }
            } else {
                sb.append(c);
            }
        }
        if (sb.length() == 0) {
            throw new LexerException("empty quoted identifier", file.position(start), 2);
        }
        return token(TokenKind.QUOTED_IDENTIFIER, s.substring(start, pos), sb.toString(), start);
    }

    private Token dollar(int start) {
        if (peek(1) == '{') {
            int close = s.indexOf('}', pos);
            int newline = s.indexOf('\n', pos);
            if (close < 0 || (newline >= 0 && newline < close)) {
                throw new LexerException("unterminated config-provider reference (expected '}')",
                        file.position(start), 2);
            }
            pos = close + 1;
            String text = s.substring(start, pos);
            return token(TokenKind.PLACEHOLDER, text, text, start);
        }
        int tagEnd = pos + 1;
        while (tagEnd < s.length() && s.charAt(tagEnd) != '$') {
            char t = s.charAt(tagEnd);
            boolean ok = tagEnd == pos + 1 ? isIdentStart(t) : (Character.isLetterOrDigit(t) || t == '_');
            if (!ok) {
                throw new LexerException("unexpected character '$' (a dollar-quoted body starts with $$ or $tag$)",
                        file.position(start), 1);
            }
            tagEnd++;
        }
        if (tagEnd >= s.length()) {
            throw new LexerException("unexpected character '$' (a dollar-quoted body starts with $$ or $tag$)",
                    file.position(start), 1);
        }
        String delimiter = s.substring(start, tagEnd + 1);
        int bodyStart = tagEnd + 1;
        int end = s.indexOf(delimiter, bodyStart);
        if (end < 0) {
            throw new LexerException("unterminated dollar-quoted body (expected closing " + delimiter + ")",
                    file.position(start), delimiter.length());
        }
        pos = end + delimiter.length();
        return token(TokenKind.DOLLAR_STRING, s.substring(start, pos), s.substring(bodyStart, end), start);
    }
}
