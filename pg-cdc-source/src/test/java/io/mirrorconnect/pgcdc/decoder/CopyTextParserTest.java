package io.mirrorconnect.pgcdc.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CopyTextParserTest {
    private final CopyTextParser any = new CopyTextParser(-1);

    @Test
    void splitsOnTabsAndReadsNulls() {
        assertThat(any.parse("1\t\\N\thello\t\n")).containsExactly("1", null, "hello", "");
        assertThat(any.parse("")).containsExactly("");
        assertThat(any.parse("\\N")).containsExactly((String) null);
        assertThat(any.parse("a\r\n")).containsExactly("a");
    }

    @Test
    void decodesEveryEscape() {
        assertThat(any.parse("\\b\\f\\n\\r\\t\\v\\\\")).containsExactly("\b\f\n\r\t\u000B\\");
        assertThat(any.parse("\\101\\7\\0010")).containsExactly("A\u0007\u00010");
        assertThat(any.parse("\\x41\\x4a\\x4")).containsExactly("AJ\u0004");
        assertThat(any.parse("\\q\\.\\N2")).containsExactly("q.N2");
        assertThat(any.parse("\\\\N")).containsExactly("\\N");
    }

    @Test
    void escapedBytesFormUtf8Characters() {
        // é is C3 A9 in UTF-8
        assertThat(any.parse("caf\\303\\251\tcaf\\xc3\\xa9\tcafé")).containsExactly("café", "café", "café");
    }

    @Test
    void parsesARangeOfABuffer() {
        byte[] bytes = "xx1\t2\nyy".getBytes(StandardCharsets.UTF_8);
        assertThat(new CopyTextParser(2).parse(bytes, 2, 4)).containsExactly("1", "2");
    }

    @Test
    void wrongFieldCountNamesTheLine() {
        assertThatThrownBy(() -> new CopyTextParser(3).parse("1\tabc\n"))
                .isInstanceOf(PgOutputException.class)
                .hasMessage("COPY line has 2 fields, expected 3: '1\\tabc'");
    }

    @Test
    void loneTrailingBackslashIsAnError() {
        assertThatThrownBy(() -> any.parse("abc\\"))
                .isInstanceOf(PgOutputException.class).hasMessageContaining("'abc\\'");
    }
}
