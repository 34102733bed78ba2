package io.mirrorconnect.snowflake.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SnowflakeDialectTest {
    @Test
    void quotesEveryIdentifierPreservingCase() {
        assertThat(SnowflakeDialect.quoteIdentifier("users")).isEqualTo("\"users\"");
        assertThat(SnowflakeDialect.quoteIdentifier("Order Lines")).isEqualTo("\"Order Lines\"");
        assertThat(SnowflakeDialect.quoteIdentifier("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(SnowflakeDialect.quoteIdentifier("a.b;DROP TABLE x")).isEqualTo("\"a.b;DROP TABLE x\"");
        assertThat(SnowflakeDialect.qualified("DB", "raw", "t")).isEqualTo("\"DB\".\"raw\".\"t\"");
    }

    @Test
    void rejectsEmptyNames() {
        assertThatThrownBy(() -> SnowflakeDialect.quoteIdentifier("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SnowflakeDialect.quoteIdentifier(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
