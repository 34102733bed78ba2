package io.mirrorconnect.ddl.parser;

import io.mirrorconnect.ddl.lexer.Lexer;
import io.mirrorconnect.ddl.lexer.LexerException;
import io.mirrorconnect.ddl.lexer.SourceFile;
import io.mirrorconnect.ddl.lexer.Token;
import io.mirrorconnect.ddl.lexer.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser for PeerDB's mirror SQL:
 *
 * <pre>
 * script      := [statement] { ';' [statement] }
 * statement   := createPeer | dropPeer | createMirror | (DROP|PAUSE|RESUME) MIRROR [IF EXISTS] name
 * createPeer  := CREATE PEER [IF NOT EXISTS] name FROM type WITH options
 * dropPeer    := DROP PEER [IF EXISTS] name
 * createMirror:= CREATE MIRROR [IF NOT EXISTS] name [IF NOT EXISTS] FROM name TO name
 *                ( WITH TABLE MAPPING '(' mapping {',' mapping} [','] ')' | FOR dollarBody ) [WITH options]
 * mapping     := qname ':' qname | '{' key ':' value {',' key ':' value} [','] '}'
 * options     := '(' [ key '=' value { ',' key '=' value } [','] ] ')'
 * </pre>
 *
 * Pure: no I/O. A syntax error is recorded and parsing resumes after the statement's {@code ;}.
 */
public final class Parser {
    private final TokenStream ts;

    private Parser(TokenStream ts) {
        this.ts = ts;
    }

    public static ParseResult parse(SourceFile file) {
        List<Token> tokens;
        try {
            tokens = Lexer.tokenize(file);
        } catch (LexerException e) {
            return new ParseResult(List.of(), List.of(new ParseException(e.getMessage(),
                    new Span(e.position(), e.length()))));
        }
        return new Parser(new TokenStream(tokens)).script();
    }

    private ParseResult script() {
        List<Statement> statements = new ArrayList<>();
        List<ParseException> errors = new ArrayList<>();
        while (!ts.atEnd()) {
            if (ts.canConsume(TokenKind.SEMICOLON)) {
                continue;
            }
            try {
                statements.add(statement());
                if (!ts.atEnd() && !ts.matches(TokenKind.SEMICOLON)) {
                    throw ts.unexpected("';'");
                }
            } catch (ParseException e) {
                errors.add(e);
                ts.skipStatement();
            }
        }
        return new ParseResult(statements, errors);
    }

    private Statement statement() {
        Token first = ts.peek();
        if (ts.canConsumeKeywords("CREATE", "PEER")) {
            return createPeer(first);
        }
        if (ts.canConsumeKeywords("CREATE", "MIRROR")) {
            return createMirror(first);
        }
        if (ts.canConsumeKeywords("DROP", "PEER")) {
            boolean ifExists = ts.canConsumeKeywords("IF", "EXISTS");
            return new DropPeer(Span.of(first), objectName("a peer name"), ifExists);
        }
        if (ts.canConsumeKeywords("DROP", "MIRROR")) {
            boolean ifExists = ts.canConsumeKeywords("IF", "EXISTS");
            return new DropMirror(Span.of(first), objectName("a mirror name"), ifExists);
        }
        if (ts.canConsumeKeywords("PAUSE", "MIRROR")) {
            boolean ifExists = ts.canConsumeKeywords("IF", "EXISTS");
            return new PauseMirror(Span.of(first), objectName("a mirror name"), ifExists);
        }
        if (ts.canConsumeKeywords("RESUME", "MIRROR")) {
            boolean ifExists = ts.canConsumeKeywords("IF", "EXISTS");
            return new ResumeMirror(Span.of(first), objectName("a mirror name"), ifExists);
        }
        if (first.isKeyword("CREATE") || first.isKeyword("DROP")) {
            ts.next();
            throw ts.unexpected("PEER or MIRROR");
        }
        if (first.isKeyword("PAUSE") || first.isKeyword("RESUME")) {
            ts.next();
            throw ts.unexpected("MIRROR");
        }
        throw ts.unexpected("CREATE, DROP, PAUSE or RESUME");
    }

    private CreatePeer createPeer(Token first) {
        boolean ifNotExists = ts.canConsumeKeywords("IF", "NOT", "EXISTS");
        Name name = objectName("a peer name");
        ts.consumeKeyword("FROM");
        Token type = ts.peek();
        if (!type.is(TokenKind.IDENTIFIER)) {
            throw ts.unexpected("a peer type (POSTGRES, BIGQUERY, SNOWFLAKE or CLICKHOUSE)");
        }
        ts.next();
        Name typeName = new Name(type.text().toUpperCase(Locale.ROOT), false, Span.of(type));
        ts.consumeKeyword("WITH");
        return new CreatePeer(Span.of(first), name, ifNotExists, typeName, options());
    }

    private CreateMirror createMirror(Token first) {
        boolean ifNotExists = ts.canConsumeKeywords("IF", "NOT", "EXISTS");
        Name name = objectName("a mirror name");
        if (ts.canConsumeKeywords("IF", "NOT", "EXISTS")) {
            ifNotExists = true;
        }
        ts.consumeKeyword("FROM");
        Name source = objectName("a source peer name");
        ts.consumeKeyword("TO");
        Name target = objectName("a target peer name");
        if (ts.canConsumeKeywords("WITH", "TABLE", "MAPPING")) {
            Token open = ts.consume(TokenKind.LPAREN);
            List<TableMappingEntry> mappings = new ArrayList<>();
            while (!ts.matches(TokenKind.RPAREN)) {
                mappings.add(mappingEntry());
                if (!ts.canConsume(TokenKind.COMMA)) {
                    break;
                }
            }
            Token close = ts.consume(TokenKind.RPAREN);
            List<OptionEntry> options = ts.canConsumeKeywords("WITH") ? options() : List.of();
            return new CdcMirror(Span.of(first), name, ifNotExists, source, target, Span.between(open, close),
                    mappings, options);
        }
        if (ts.canConsumeKeywords("FOR")) {
            Token body = ts.peek();
            if (!body.is(TokenKind.DOLLAR_STRING)) {
                throw ts.unexpected("a query in $$ ... $$");
            }
            ts.next();
            List<OptionEntry> options = ts.canConsumeKeywords("WITH") ? options() : List.of();
            return new QRepMirror(Span.of(first), name, ifNotExists, source, target, body.value(), Span.of(body),
                    options);
        }
        throw ts.unexpected("WITH TABLE MAPPING or FOR $$ query $$");
    }

    private TableMappingEntry mappingEntry() {
        Token start = ts.peek();
        if (ts.canConsume(TokenKind.LBRACE)) {
            QualifiedName from = null;
            QualifiedName to = null;
            List<Name> exclude = List.of();
            while (!ts.matches(TokenKind.RBRACE)) {
                Token key = ts.peek();
                if (!key.is(TokenKind.IDENTIFIER)) {
                    throw ts.unexpected("from, to or exclude");
                }
                String k = key.text().toLowerCase(Locale.ROOT);
                ts.next();
                ts.consume(TokenKind.COLON);
                switch (k) {
                    case "from" -> from = duplicateCheck(from, key, qualifiedName("a source table"));
                    case "to" -> to = duplicateCheck(to, key, qualifiedName("a target table"));
                    case "exclude" -> exclude = columnList();
                    case "key" -> throw new ParseException(
                            "'key' (a partition key) in a table mapping is not supported by Mirror Connect",
                            Span.of(key));
                    default -> throw new ParseException("unknown table mapping key '" + key.text()
                            + "': expected from, to or exclude", Span.of(key));
                }
                if (!ts.canConsume(TokenKind.COMMA)) {
                    break;
                }
            }
            Token close = ts.consume(TokenKind.RBRACE);
            Span span = Span.between(start, close);
            if (from == null) {
                throw new ParseException("table mapping entry has no 'from:' table", span);
            }
            if (to == null) {
                throw new ParseException("table mapping entry has no 'to:' table", span);
            }
            return new TableMappingEntry(from, to, exclude, span);
        }
        QualifiedName from = qualifiedName("a table mapping 'source:target' or '{from: ..., to: ...}'");
        ts.consume(TokenKind.COLON);
        QualifiedName to = qualifiedName("a target table");
        return new TableMappingEntry(from, to, List.of(), new Span(from.span().start(),
                to.span().start().offset() + to.span().length() - from.span().start().offset()));
    }

    private static QualifiedName duplicateCheck(QualifiedName existing, Token key, QualifiedName parsed) {
        if (existing != null) {
            throw new ParseException("'" + key.text() + "' given twice in one table mapping entry", Span.of(key));
        }
        return parsed;
    }

    private List<Name> columnList() {
        ts.consume(TokenKind.LBRACKET);
        List<Name> columns = new ArrayList<>();
        while (!ts.matches(TokenKind.RBRACKET)) {
            Token t = ts.peek();
            if (t.is(TokenKind.IDENTIFIER) || t.is(TokenKind.QUOTED_IDENTIFIER) || t.is(TokenKind.STRING)) {
                ts.next();
                columns.add(new Name(t.value(), !t.is(TokenKind.IDENTIFIER), Span.of(t)));
            } else {
                throw ts.unexpected("a column name");
            }
            if (!ts.canConsume(TokenKind.COMMA)) {
                break;
            }
        }
        ts.consume(TokenKind.RBRACKET);
        return columns;
    }

    private QualifiedName qualifiedName(String what) {
        Token first = ts.peek();
        List<String> parts = new ArrayList<>();
        Token last;
        while (true) {
            Token t = ts.peek();
            if (!t.is(TokenKind.IDENTIFIER) && !t.is(TokenKind.QUOTED_IDENTIFIER)) {
                throw ts.unexpected(parts.isEmpty() ? what : "a name after '.'");
            }
            ts.next();
            parts.add(t.value());
            last = t;
            if (!ts.canConsume(TokenKind.DOT)) {
                break;
            }
        }
        return new QualifiedName(parts, Span.between(first, last));
    }

    /** A peer or mirror name: unquoted names are lower-cased. */
    private Name objectName(String what) {
        Token t = ts.peek();
        if (t.is(TokenKind.IDENTIFIER)) {
            ts.next();
            return new Name(t.text().toLowerCase(Locale.ROOT), false, Span.of(t));
        }
        if (t.is(TokenKind.QUOTED_IDENTIFIER)) {
            ts.next();
            return new Name(t.value(), true, Span.of(t));
        }
        throw ts.unexpected(what);
    }

    private List<OptionEntry> options() {
        ts.consume(TokenKind.LPAREN);
        List<OptionEntry> entries = new ArrayList<>();
        while (!ts.matches(TokenKind.RPAREN)) {
            Token key = ts.peek();
            if (!key.is(TokenKind.IDENTIFIER) && !key.is(TokenKind.QUOTED_IDENTIFIER)) {
                throw ts.unexpected("an option name");
            }
            ts.next();
            ts.consume(TokenKind.EQUALS);
            entries.add(new OptionEntry(new Name(key.value().toLowerCase(Locale.ROOT), false, Span.of(key)),
                    optionValue()));
            if (!ts.canConsume(TokenKind.COMMA)) {
                break;
            }
        }
        ts.consume(TokenKind.RPAREN);
        return entries;
    }

    private OptionValue optionValue() {
        Token t = ts.peek();
        OptionValue.Kind kind;
        switch (t.kind()) {
            case STRING -> kind = OptionValue.isPlaceholder(t.value()) ? OptionValue.Kind.PLACEHOLDER
                    : OptionValue.Kind.STRING;
            case NUMBER -> kind = OptionValue.Kind.NUMBER;
            case PLACEHOLDER -> kind = OptionValue.Kind.PLACEHOLDER;
            case IDENTIFIER -> kind = t.text().equalsIgnoreCase("true") || t.text().equalsIgnoreCase("false")
                    ? OptionValue.Kind.BOOLEAN : OptionValue.Kind.IDENTIFIER;
            case QUOTED_IDENTIFIER -> kind = OptionValue.Kind.IDENTIFIER;
            default -> throw ts.unexpected("an option value (number, true/false, 'string' or identifier)");
        }
        ts.next();
        String text = kind == OptionValue.Kind.BOOLEAN ? t.text().toLowerCase(Locale.ROOT) : t.value();
        return new OptionValue(kind, text, Span.of(t));
    }
}
