package io.mirrorconnect.clickhouse.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClickHouseDialectTest {
    @Test
    void quotesIdentifiersWithBackticksEscapingBackslashAndBacktick() {
        assertThat(ClickHouseDialect.quoteIdentifier("orders")).isEqualTo("`orders`");
        assertThat(ClickHouseDialect.quoteIdentifier("Order Date")).isEqualTo("`Order Date`");
        assertThat(ClickHouseDialect.quoteIdentifier("a`b")).isEqualTo("`a\\`b`");
        assertThat(ClickHouseDialect.quoteIdentifier("a\\`; DROP TABLE x; --")).isEqualTo("`a\\\\\\`; DROP TABLE x; --`");
        assertThat(ClickHouseDialect.quoteIdentifier("it's \"q\"")).isEqualTo("`it's \"q\"`");
    }

    @Test
    void rejectsEmptyAndNullIdentifiers() {
        assertThatThrownBy(() -> ClickHouseDialect.quoteIdentifier("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ClickHouseDialect.quoteIdentifier(null)).hasMessageContaining("null");
    }

    @Test
    void qualifiesWithDatabaseWhenGiven() {
        assertThat(ClickHouseDialect.qualified("db", "t")).isEqualTo("`db`.`t`");
        assertThat(ClickHouseDialect.qualified("my.db", "t.x")).isEqualTo("`my.db`.`t.x`");
        assertThat(ClickHouseDialect.qualified(null, "t")).isEqualTo("`t`");
        assertThat(ClickHouseDialect.qualified("", "t")).isEqualTo("`t`");
    }

    @Test
    void quotesStringLiterals() {
        assertThat(ClickHouseDialect.quoteString("it's")).isEqualTo("'it\\'s'");
        assertThat(ClickHouseDialect.quoteString("back\\slash")).isEqualTo("'back\\\\slash'");
        assertThat(ClickHouseDialect.quoteString("nul\0")).isEqualTo("'nul\\0'");
    }
}
