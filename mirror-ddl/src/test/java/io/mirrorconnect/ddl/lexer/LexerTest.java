package io.mirrorconnect.ddl.lexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {
    private static List<Token> lex(String text) {
        return Lexer.tokenize(new SourceFile("t.sql", text));
    }

    @Test
    void positionsAreLineAndColumn() {
        List<Token> t = lex("CREATE\n  PEER  p;");
        assertThat(t).extracting(Token::kind).containsExactly(TokenKind.IDENTIFIER, TokenKind.IDENTIFIER,
                TokenKind.IDENTIFIER, TokenKind.SEMICOLON, TokenKind.EOF);
        assertThat(t.get(1).position().line()).isEqualTo(2);
        assertThat(t.get(1).position().column()).isEqualTo(3);
        assertThat(t.get(2).position().column()).isEqualTo(9);
        assertThat(t.get(1).length()).isEqualTo(4);
    }

    @Test
    void stringsDoubleTheirQuotes() {
        Token s = lex("'it''s'").get(0);
        assertThat(s.kind()).isEqualTo(TokenKind.STRING);
        assertThat(s.value()).isEqualTo("it's");
        assertThat(s.text()).isEqualTo("'it''s'");
    }

    @Test
    void quotedIdentifiersKeepCaseAndDots() {
        Token q = lex("\"My \"\"Big\"\" Table.x\"").get(0);
        assertThat(q.kind()).isEqualTo(TokenKind.QUOTED_IDENTIFIER);
        assertThat(q.value()).isEqualTo("My \"Big\" Table.x");
    }

    @Test
    void dollarBodiesPlainAndTagged() {
        List<Token> t = lex("$$ SELECT '$' $$ $q$ a $$ b $q$");
        assertThat(t.get(0).kind()).isEqualTo(TokenKind.DOLLAR_STRING);
        assertThat(t.get(0).value()).isEqualTo(" SELECT '$' ");
        assertThat(t.get(1).value()).isEqualTo(" a $$ b ");
    }

    @Test
    void commentsAreSkippedIncludingNestedBlocks() {
        List<Token> t = lex("-- line\na /* block /* nested */ still */ b -- end");
        assertThat(t).extracting(Token::text).containsExactly("a", "b", "");
    }

    @Test
    void numbersAndPlaceholders() {
        List<Token> t = lex("42 -7 1.5 ${file:/s.properties:pw}");
        assertThat(t).extracting(Token::kind).containsExactly(TokenKind.NUMBER, TokenKind.NUMBER, TokenKind.NUMBER,
                TokenKind.PLACEHOLDER, TokenKind.EOF);
        assertThat(t.get(3).value()).isEqualTo("${file:/s.properties:pw}");
    }

    @Test
    void errorsCarryTheirPosition() {
        assertThatThrownBy(() -> lex("a\n  'open")).isInstanceOfSatisfying(LexerException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("unterminated string literal");
            assertThat(e.position().line()).isEqualTo(2);
            assertThat(e.position().column()).isEqualTo(3);
        });
        assertThatThrownBy(() -> lex("a # b")).hasMessage("unexpected character '#'");
        assertThatThrownBy(() -> lex("/* never closed")).hasMessage("unterminated comment");
        assertThatThrownBy(() -> lex("12abc")).hasMessage("malformed number '12abc'");
    }

    @Test
    void sourceFileLines() {
        SourceFile f = new SourceFile("f", "one\r\ntwo\nthree");
        assertThat(f.line(1)).isEqualTo("one");
        assertThat(f.line(2)).isEqualTo("two");
        assertThat(f.line(3)).isEqualTo("three");
        assertThat(f.position(5).line()).isEqualTo(2);
        assertThat(f.position(5).column()).isEqualTo(1);
    }
}
