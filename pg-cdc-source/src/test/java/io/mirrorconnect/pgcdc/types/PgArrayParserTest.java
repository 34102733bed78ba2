package io.mirrorconnect.pgcdc.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class PgArrayParserTest {
    @Test
    void plainQuotedNullAndEmpty() {
        assertThat(PgArrayParser.parse("{}", ',')).isEmpty();
        assertThat(PgArrayParser.parse("{1,2,3}", ',')).containsExactly("1", "2", "3");
        assertThat(PgArrayParser.parse("{1,NULL,null}", ',')).containsExactly("1", null, null);
        assertThat(PgArrayParser.parse("{\"NULL\",\"\",\"a b\",\"x\\\"y\",\"back\\\\slash\",\"{,}\"}", ','))
                .containsExactly("NULL", "", "a b", "x\"y", "back\\slash", "{,}");
        assertThat(PgArrayParser.parse("{ a , b c }", ',')).containsExactly("a", "b c");
        assertThat(PgArrayParser.parse("{a\\,b}", ',')).containsExactly("a,b");
    }

    @Test
    void boxesUseSemicolons() {
        assertThat(PgArrayParser.parse("{(1,1),(0,0);(2,2),(1,1)}", ';')).containsExactly("(1,1),(0,0)", "(2,2),(1,1)");
    }

    @Test
    void lowerBoundDecorationIsAccepted() {
        assertThat(PgArrayParser.parse("[0:2]={7,8,9}", ',')).containsExactly("7", "8", "9");
    }

    @Test
    void multiDimensionalArraysAreRefused() {
        assertThatThrownBy(() -> PgArrayParser.parse("{{1,2},{3,4}}", ','))
                .isInstanceOf(PgValueException.class).hasMessageContaining("multi-dimensional");
        assertThatThrownBy(() -> PgArrayParser.parse("[1:2][1:1]={{1},{2}}", ','))
                .isInstanceOf(PgValueException.class).hasMessageContaining("multi-dimensional");
    }

    @Test
    void malformedArraysAreNamed() {
        for (String bad : Arrays.asList("1,2", "{1,2", "{\"a}", "{1,2}x", "{1,,2}")) {
            assertThatThrownBy(() -> PgArrayParser.parse(bad, ','))
                    .isInstanceOf(PgValueException.class).hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void hstore() {
        assertThat(PgHstoreParser.parse("")).isEmpty();
        java.util.Map<String, String> m =
                PgHstoreParser.parse("\"a\"=>\"1\", \"b\"=>NULL, \"q\\\"k\"=>\"v\\\\w\", \"n\"=>\"NULL\"");
        assertThat(m.keySet()).containsExactly("a", "b", "q\"k", "n");
        assertThat(m.get("a")).isEqualTo("1");
        assertThat(m.get("b")).isNull();
        assertThat(m.get("q\"k")).isEqualTo("v\\w");
        assertThat(m.get("n")).isEqualTo("NULL");
        assertThatThrownBy(() -> PgHstoreParser.parse("\"a\" \"b\"")).isInstanceOf(PgValueException.class)
                .hasMessageContaining("=>");
    }
}
