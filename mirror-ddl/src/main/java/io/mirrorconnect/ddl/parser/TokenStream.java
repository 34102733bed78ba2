package io.mirrorconnect.ddl.parser;

import io.mirrorconnect.ddl.lexer.Token;
import io.mirrorconnect.ddl.lexer.TokenKind;
import java.util.List;

/** A cursor over tokens with the look-ahead and consume helpers the recursive-descent parser needs. */
public final class TokenStream {
    private final List<Token> tokens;
    private int index;

    public TokenStream(List<Token> tokens) {
        if (tokens.isEmpty() || !tokens.get(tokens.size() - 1).is(TokenKind.EOF)) {
            throw new IllegalArgumentException("token list must end with EOF");
        }
        this.tokens = tokens;
    }

    public Token peek() {
        return peek(0);
    }

    public Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    public Token next() {
        Token t = peek();
        if (!t.is(TokenKind.EOF)) {
            index++;
        }
        return t;
    }

    public boolean atEnd() {
        return peek().is(TokenKind.EOF);
    }

    public boolean matches(TokenKind kind) {
        return peek().is(kind);
    }

    /** Whether the next tokens are the given keywords, in order. */
    public boolean matchesKeywords(String... keywords) {
        for (int i = 0; i < keywords.length; i++) {
            if (!peek(i).isKeyword(keywords[i])) {
                return false;
            }
        }
        return true;
    }

    /** Consumes the keywords when they all come next; otherwise consumes nothing. */
    public boolean canConsumeKeywords(String... keywords) {
        if (!matchesKeywords(keywords)) {
            return false;
        }
        index += keywords.length;
        return true;
    }

    public boolean canConsume(TokenKind kind) {
        if (!matches(kind)) {
            return false;
        }
        next();
        return true;
    }

    public Token consumeKeyword(String keyword) {
        if (!peek().isKeyword(keyword)) {
            throw unexpected(keyword.toUpperCase(java.util.Locale.ROOT));
        }
        return next();
    }

    public Token consume(TokenKind kind) {
        if (!matches(kind)) {
            throw unexpected(kind.description());
        }
        return next();
    }

    /** An error at the next token: "expected X, found Y". */
    public ParseException unexpected(String expected) {
        Token t = peek();
        return new ParseException("expected " + expected + " but found " + t.describe(), Span.of(t));
    }

    /** Skips past the next ';' (or to the end), to resume parsing after an error. */
    public void skipStatement() {
        while (!atEnd()) {
            if (next().is(TokenKind.SEMICOLON)) {
                return;
            }
        }
    }
}
