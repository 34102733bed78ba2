package io.mirrorconnect.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FieldNameListTest {

    @Test
    void plainNamesStayReadable() {
        assertThat(FieldNameList.encode(List.of("body", "payload_json", "Doc2"))).isEqualTo("names:body,payload_json,Doc2");
    }

    @Test
    void separatorsQuotesSpacesAndNonAsciiAreEscaped() {
        List<String> names = List.of("a, b", " ", "", "%", "ü✓", "x\ny");
        String text = FieldNameList.encode(names);
        assertThat(text).isEqualTo("names:a%2C%20b,%20,,%25,%C3%BC%E2%9C%93,x%0Ay");
        assertThat(FieldNameList.decode(text)).containsExactlyElementsOf(names);
    }

    @Test
    void randomNamesRoundTrip() {
        Random random = new Random(12);
        for (int round = 0; round < 500; round++) {
            Set<String> names = new LinkedHashSet<>();
            for (int n = random.nextInt(6) + 1; n > 0; n--) {
                StringBuilder name = new StringBuilder();
                for (int len = random.nextInt(8); len > 0; len--) {
                    name.appendCodePoint(random.nextBoolean() ? 32 + random.nextInt(95) : 1 + random.nextInt(0x2FFFF));
                }
                String s = name.toString();
                if (s.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF)) {
                    names.add(s);
                }
            }
            if (!names.isEmpty()) {
                assertThat(FieldNameList.decode(FieldNameList.encode(names))).containsExactlyElementsOf(names);
            }
        }
    }

    @Test
    void malformedTextIsRefused() {
        assertThatThrownBy(() -> FieldNameList.encode(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldNameList.decode("[a, b]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldNameList.decode("names:a%2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldNameList.decode("names:a%zz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldNameList.decode("names:ü")).isInstanceOf(IllegalArgumentException.class);
    }
}
