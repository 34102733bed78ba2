package io.mirrorconnect.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicNamesTest {
    @Test
    void prefixSchemaTableWithIllegalCharactersReplaced() {
        assertThat(TopicNames.forTable("m", TableId.of("public", "users"))).isEqualTo("m.public.users");
        assertThat(TopicNames.forTable("m", TableId.of("My Schema", "Order Items!"))).isEqualTo("m.My_Schema.Order_Items_");
        assertThat(TopicNames.sanitize("a-b.c_d")).isEqualTo("a-b.c_d");
    }

    @Test
    void cutToKafkasLimit() {
        String longTable = "t".repeat(300);
        String topic = TopicNames.forTable("m", TableId.of("public", longTable));
        assertThat(topic).hasSize(TopicNames.MAX_LENGTH).startsWith("m.public.ttt");
    }
}
