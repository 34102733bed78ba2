package io.mirrorconnect.ddl.lexer;

/** Kinds of tokens in mirror-ddl SQL. Keywords are {@link #IDENTIFIER}s matched case-insensitively. */
public enum TokenKind {
    IDENTIFIER("identifier"),
    QUOTED_IDENTIFIER("quoted identifier"),
    STRING("string"),
    NUMBER("number"),
    /** A {@code $$...$$} or {@code $tag$...$tag$} body; the value is the text between the delimiters. */
    DOLLAR_STRING("$$ body"),
    /** An unquoted {@code ${provider:path:key}} config-provider reference; the value is the whole reference. */
    PLACEHOLDER("config-provider reference"),
    LPAREN("'('"),
    RPAREN("')'"),
    LBRACE("'{'"),
    RBRACE("'}'"),
    LBRACKET("'['"),
    RBRACKET("']'"),
    COMMA("','"),
    COLON("':'"),
    SEMICOLON("';'"),
    DOT("'.'"),
    EQUALS("'='"),
    EOF("end of input");

    private final String description;

    TokenKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
