package io.mirrorconnect.ddl.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void swapsCountAsOneEdit() {
        assertThat(Suggestions.distance("prot", "port")).isEqualTo(1);
        assertThat(Suggestions.distance("paralellism", "parallelism")).isEqualTo(1);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void suggestsOnlyCloseNames() {
        List<String> known = List.of("host", "port", "user", "password", "database");
        assertThat(Suggestions.closest("prot", known)).contains("port");
        assertThat(Suggestions.closest("pasword", known)).contains("password");
        assertThat(Suggestions.closest("colour", known)).isEmpty();
        assertThat(Suggestions.closest("ch", List.of("pg"))).isEmpty();
        assertThat(Suggestions.closest("x", List.of())).isEmpty();
    }
}
