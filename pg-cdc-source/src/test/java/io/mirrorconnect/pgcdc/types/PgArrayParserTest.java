package io.mirrorconnect.pgcdc.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

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
    void multiDimensionalArraysNest() {
        assertThat(PgArrayParser.parseNested("{{1,2},{3,NULL}}", ','))
                .isEqualTo(new PgArrayParser.Nested(2, List.of(List.of("1", "2"), Arrays.asList("3", null))));
        assertThat(PgArrayParser.parseNested("[0:1][-1:0]={{\"a,b\",\"}\"},{\"\",NULL}}", ','))
                .isEqualTo(new PgArrayParser.Nested(2, List.of(List.of("a,b", "}"), Arrays.asList("", null))));
        assertThat(PgArrayParser.parseNested("{{{1},{2}},{{3},{4}}}", ',').dimensions()).isEqualTo(3);
        assertThat(PgArrayParser.parseNested("{{NULL}}", ','))
                .isEqualTo(new PgArrayParser.Nested(2, List.of(Arrays.asList((Object) null))));
        assertThat(PgArrayParser.parseNested("{}", ',')).isEqualTo(new PgArrayParser.Nested(0, List.of()));
        assertThat(PgArrayParser.parseNested("{7}", ',')).isEqualTo(new PgArrayParser.Nested(1, List.of("7")));
        assertThat(PgArrayParser.parseNested("{{(1,1),(0,0);(2,2),(1,1)}}", ';').elements())
                .isEqualTo(List.of(List.of("(1,1),(0,0)", "(2,2),(1,1)")));
    }

    @Test
    void ragged() {
        for (String bad : Arrays.asList("{1,{2}}", "{{1},2}", "{{},{}}", "{{1}")) {
            assertThatThrownBy(() -> PgArrayParser.parseNested(bad, ','))
                    .isInstanceOf(PgValueException.class).hasMessageContaining("'" + bad + "'");
        }
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
