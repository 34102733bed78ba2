package io.mirrorconnect.pgcdc.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.snapshot.plan.CtidPartition;

class PgSqlTest {
    private static final TableId T = TableId.of("My Schema", "Order\"Items");

    @Test
    void quotesEveryIdentifier() {
        assertThat(PgSql.quoteIdent("users")).isEqualTo("\"users\"");
        assertThat(PgSql.quoteIdent("Users")).isEqualTo("\"Users\"");
        assertThat(PgSql.quoteIdent("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(PgSql.quoteIdent("select")).isEqualTo("\"select\"");
        assertThat(PgSql.qualified(T)).isEqualTo("\"My Schema\".\"Order\"\"Items\"");
        assertThat(PgSql.qualified(TableId.parse("t"))).isEqualTo("\"t\"");
        assertThatThrownBy(() -> PgSql.quoteIdent("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PgSql.quoteIdent("a\0b")).hasMessageContaining("NUL");
        assertThat(PgSql.quoteLiteral("it's")).isEqualTo("'it''s'");
    }

    @Test
    void arrayDimensionCheckIsOneScanWithOneFlagPerColumn() {
        java.util.Map<String, Integer> dims = new java.util.LinkedHashMap<>();
        dims.put("Flat \"a\"", 0);
        dims.put("grid", 2);
        assertThat(PgSql.arrayDimensionCheck(TableId.of("s", "T"), dims)).isEqualTo(
                "SELECT bool_or(pg_catalog.array_ndims(\"Flat \"\"a\"\"\") <> 1), "
                        + "bool_or(pg_catalog.array_ndims(\"grid\") <> 2) FROM \"s\".\"T\"");
    }

    @Test
    void copyOfAClosedPartition() {
        assertThat(PgSql.copyPartition(T, List.of("id", "Name"), new CtidPartition(1, 2_500, 5_000L)))
                .isEqualTo("COPY (SELECT \"id\", \"Name\" FROM \"My Schema\".\"Order\"\"Items\" "
                        + "WHERE ctid >= '(2500,0)'::tid AND ctid < '(5000,0)'::tid) TO STDOUT");
    }

    @Test
    void copyOfTheOpenLastPartitionHasOnlyALowerBound() {
        assertThat(PgSql.copyPartition(TableId.of("public", "t"), List.of("a"), new CtidPartition(3, 7_500, null)))
                .isEqualTo("COPY (SELECT \"a\" FROM \"public\".\"t\" WHERE ctid >= '(7500,0)'::tid) TO STDOUT");
    }

    @Test
    void copyOfTheWholeTableHasNoWhere() {
        assertThat(PgSql.copyPartition(TableId.of("public", "t"), List.of("a", "b"), new CtidPartition(0, 0, null)))
                .isEqualTo("COPY (SELECT \"a\", \"b\" FROM \"public\".\"t\") TO STDOUT");
        assertThatThrownBy(() -> PgSql.copyPartition(T, List.of(), new CtidPartition(0, 0, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void binaryCopySelectsColumnsWithoutADecoderAsTheirOutputText() {
        assertThat(PgSql.copyPartitionBinary(T, List.of("id", "Ip \"x\""), java.util.Set.of("Ip \"x\""),
                new CtidPartition(1, 2_500, 5_000L)))
                .isEqualTo("COPY (SELECT \"id\", CASE WHEN pg_catalog.num_nonnulls(\"Ip \"\"x\"\"\") = 0 THEN NULL "
                        + "ELSE pg_catalog.format('%s', \"Ip \"\"x\"\"\") END FROM \"My Schema\".\"Order\"\"Items\" "
                        + "WHERE ctid >= '(2500,0)'::tid AND ctid < '(5000,0)'::tid) TO STDOUT (FORMAT binary)");
        assertThatThrownBy(() -> PgSql.copyPartitionBinary(T, List.of(), java.util.Set.of(),
                new CtidPartition(0, 0, null))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sessionSettings() {
        assertThat(PgSql.sessionSetStatements()).contains("SET TimeZone = 'UTC'", "SET DateStyle = 'ISO, YMD'",
                "SET IntervalStyle = 'postgres'", "SET lc_monetary = 'C'");
        assertThat(PgSql.sessionOptions()).contains("-c DateStyle=ISO,\\ YMD").contains("-c TimeZone=UTC");
    }

    @Test
    void catalogQueriesArePlaceholderStatements() {
        assertThat(PgSql.TABLE_COLUMNS).contains("attgenerated = ''").contains("ORDER BY a.attnum").contains("?");
        assertThat(PgSql.USER_TYPES).contains("pg_enum").contains("16384");
        assertThat(PgSql.exactRowCount(TableId.of("public", "t"))).isEqualTo("SELECT count(*) FROM \"public\".\"t\"");
    }
}
