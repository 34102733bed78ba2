package io.mirrorconnect.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableIdTest {
    @Test
    void parsesPlainAndQuotedNames() {
        assertThat(TableId.parse("public.users")).isEqualTo(TableId.of("public", "users"));
        assertThat(TableId.parse("users")).isEqualTo(TableId.of(null, "users"));
        assertThat(TableId.parse("\"My Schema\".\"Order.Items\"")).isEqualTo(TableId.of("My Schema", "Order.Items"));
        assertThat(TableId.parse("\"a\"\"b\".c")).isEqualTo(TableId.of("a\"b", "c"));
    }

    @Test
    void canonicalTextRoundTrips() {
        for (String s : new String[] {"public.users", "\"My Schema\".\"Order.Items\"", "\"a\"\"b\".c", "t"}) {
            assertThat(TableId.parse(s).toString()).isEqualTo(s);
            assertThat(TableId.parse(TableId.parse(s).toString())).isEqualTo(TableId.parse(s));
        }
    }

    @Test
    void listsSplitOutsideQuotes() {
        assertThat(TableId.parseList("public.a, \"x,y\".b ,c"))
                .containsExactly(TableId.of("public", "a"), TableId.of("x,y", "b"), TableId.of(null, "c"));
    }

    @Test
    void rejectsMalformedNames() {
        assertThatThrownBy(() -> TableId.parse("a.b.c")).hasMessageContaining("expected table or schema.table");
        assertThatThrownBy(() -> TableId.parse("a.")).hasMessageContaining("missing name");
        assertThatThrownBy(() -> TableId.parse("\"a")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> TableId.parse("my table")).hasMessageContaining("quote names");
    }
}
