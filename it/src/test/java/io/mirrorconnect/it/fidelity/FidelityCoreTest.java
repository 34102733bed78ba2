package io.mirrorconnect.it.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The suite's pure core: equality per kind, the source contract, ClickHouse's representation, the comparator. */
class FidelityCoreTest {

    @Test
    void equalityIsExactButSpellingAware() {
        assertThat(ValueKind.DECIMAL.same("1.50", "1.5")).isTrue();
        assertThat(ValueKind.DECIMAL.same("1.50", "1.51")).isFalse();
        assertThat(ValueKind.NUMERIC_TEXT.same("1.50", "1.5")).as("unbounded numeric keeps its text").isFalse();
        assertThat(ValueKind.FLOAT8.same("Infinity", "inf")).isTrue();
        assertThat(ValueKind.FLOAT8.same("NaN", "nan")).isTrue();
        assertThat(ValueKind.FLOAT8.same("-0", "0")).as("negative zero is its own value").isFalse();
        assertThat(ValueKind.FLOAT4.same("0.1", "0.1")).isTrue();
        assertThat(ValueKind.FLOAT4.same("0.1", "0.10000001")).as("the next float").isFalse();
        assertThat(ValueKind.TIMESTAMP.same("2024-01-01 00:00:00", "2024-01-01 00:00:00.000000")).isTrue();
        assertThat(ValueKind.TIMESTAMP.same("2024-01-01 00:00:00.000001", "2024-01-01 00:00:00")).isFalse();
        assertThat(ValueKind.TIMESTAMPTZ.same("2024-03-10 10:30:00.5+00", "2024-03-10 02:30:00.500000-08")).isTrue();
        assertThat(ValueKind.TIME.same("24:00:00", "24:00:00.000000")).isTrue();
        assertThat(ValueKind.TIME.same("12:34:56.5", "12:34:56.500001")).isFalse();
        assertThat(ValueKind.TIMETZ.same("12:34:56+05:30", "12:34:56.000000+05:30")).isTrue();
        assertThat(ValueKind.TIMETZ.same("12:00:00+02", "12:00:00+02:00")).isTrue();
        assertThat(ValueKind.TIMETZ.same("12:00:00+02", "10:00:00+00")).as("same instant, other offset").isFalse();
        assertThat(ValueKind.BYTEA.same("\\xff00", "FF00")).isTrue();
        assertThat(ValueKind.BOOLEAN.same("t", "true")).isTrue();
        assertThat(ValueKind.MONEY.same("-$1,234.50", "-1234.5")).isTrue();
        assertThat(ValueKind.TEXT.same("a ", "a")).isFalse();
        assertThat(ValueKind.INTEGER.same(null, "0")).isFalse();
    }

    @Test
    void arraysCompareElementByElementIncludingNullsAndDimensions() {
        Column c = Column.array("a", "integer", ValueKind.INTEGER);
        assertThat(Values.same(c, Arrays.asList("1", null), Arrays.asList("1", null))).isTrue();
        assertThat(Values.same(c, Arrays.asList("1", null), List.of("1"))).isFalse();
        assertThat(Values.same(c, List.of(List.of("1", "2")), List.of("1", "2"))).as("2-D is not 1-D").isFalse();
        assertThat(Values.same(c, null, List.of())).isFalse();
        assertThat(Values.firstDifference(c, List.of(List.of("1"), List.of("2", "3")), List.of(List.of("1"), List.of("2", "4"))))
                .isEqualTo("[1][1]: '3' vs '4'");
        assertThat(Values.firstDifference(c, List.of("1"), List.of())).isEqualTo("sizes 1 vs 0");
    }

    @Test
    void specialValuesBecomeNullOnlyWhereTheSourceSaysSo() {
        assertThat(SourceContract.carried(Column.scalar("n", "numeric(10,2)", ValueKind.DECIMAL), "NaN")).isNull();
        assertThat(SourceContract.carried(Column.scalar("n", "numeric", ValueKind.NUMERIC_TEXT), "NaN")).isEqualTo("NaN");
        assertThat(SourceContract.carried(Column.scalar("f", "real", ValueKind.FLOAT4), "Infinity")).isEqualTo("Infinity");
        assertThat(SourceContract.carried(Column.array("d", "date", ValueKind.DATE), Arrays.asList("infinity", "2000-01-01")))
                .isEqualTo(Arrays.asList(null, "2000-01-01"));
    }

    @Test
    void clickHouseRepresentation() {
        ClickHouseRepresentation r = new ClickHouseRepresentation();
        assertThat(r.expect(Column.array("a", "text", ValueKind.TEXT), null)).isEqualTo(Expected.value(List.of()));
        assertThat(r.expect(Column.scalar("h", "hstore", ValueKind.HSTORE), null)).isEqualTo(Expected.value(Map.of()));
        assertThat(r.expect(Column.scalar("d", "date", ValueKind.DATE), "1899-12-31")).isInstanceOf(Expected.Rejected.class);
        assertThat(r.expect(Column.scalar("d", "date", ValueKind.DATE), "1900-01-01")).isEqualTo(Expected.value("1900-01-01"));
        assertThat(r.expect(Column.scalar("t", "timestamp", ValueKind.TIMESTAMP), "2299-12-31 23:59:59.999999"))
                .isEqualTo(Expected.value("2299-12-31 23:59:59.999999"));
        assertThat(r.expect(Column.scalar("t", "timestamptz", ValueKind.TIMESTAMPTZ), "2299-12-31 23:59:59+00"))
                .isInstanceOf(Expected.Value.class);
        assertThat(r.expect(Column.scalar("t", "timestamptz", ValueKind.TIMESTAMPTZ), "2300-01-01 01:00:00+02"))
                .as("the instant counts: 2299-12-31 23:00 UTC").isInstanceOf(Expected.Value.class);
        assertThat(r.expect(Column.array("d", "date", ValueKind.DATE), List.of("2000-01-01", "0001-01-01")))
                .isInstanceOf(Expected.Rejected.class);
        assertThat(r.expect(Column.scalar("x", "text", ValueKind.TEXT), null)).isEqualTo(Expected.value(null));
    }

    @Test
    void comparatorNamesTableKeyColumnAndBothValuesAndCollectsEverything() {
        TableShape shape = TableShape.builder("t", "g").key("id")
                .column(Column.scalar("d", "date", ValueKind.DATE))
                .column(Column.scalar("s", "text", ValueKind.TEXT))
                .column(Column.generated("g", "integer", ValueKind.INTEGER, "id")).build();
        Map<String, Map<String, Object>> source = new LinkedHashMap<>();
        source.put("1", row("1", "2000-01-01", "a"));
        source.put("2", row("2", "0001-01-01", "b"));
        source.put("3", row("3", null, "c"));
        FidelityComparator.Expectation e = FidelityComparator.expect(shape, source, new ClickHouseRepresentation());
        assertThat(e.rejected()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("2");
            assertThat(r.columns()).containsExactly("d");
        });
        Map<String, Map<String, Object>> dest = new LinkedHashMap<>();
        dest.put("1", row("1", "2000-01-01", "A"));
        dest.put("2", row("2", null, "b"));
        List<Mismatch> m = FidelityComparator.compare(Phase.SNAPSHOT, "ch/soft", shape, e,
                new DestinationRows(true, java.util.Set.of("id", "d", "s"), dest));
        assertThat(m).extracting(Mismatch::toString).containsExactlyInAnyOrder(
                "SNAPSHOT ch/soft table t key id=1 column s: expected 'a', destination has 'A'",
                "SNAPSHOT ch/soft table t key id=3: expected the row, destination has no row",
                "SNAPSHOT ch/soft table t key id=2: expected no row (the destination cannot hold it: rejected), destination has a row '{id=2, d=null, s=b}'");
        assertThat(FidelityComparator.compare(Phase.SNAPSHOT, "ch/soft", shape, e,
                new DestinationRows(true, java.util.Set.of("id", "s"), Map.of())))
                .extracting(Mismatch::column).contains("d");
    }

    @Test
    void aRejectedChangeKeepsTheVersionTheDestinationHeldBefore() {
        TableShape shape = TableShape.builder("t", "g").key("id")
                .column(Column.scalar("d", "date", ValueKind.DATE))
                .column(Column.scalar("s", "text", ValueKind.TEXT)).build();
        Map<String, Map<String, Object>> before = new LinkedHashMap<>();
        before.put("1", row("1", "2000-01-01", "a"));
        FidelityComparator.Expectation earlier = FidelityComparator.expect(shape, before, new ClickHouseRepresentation());
        Map<String, Map<String, Object>> now = new LinkedHashMap<>();
        now.put("1", row("1", "0001-01-01", "a")); // updated to a date ClickHouse cannot hold
        now.put("2", row("2", "0001-01-01", "b")); // inserted with it
        FidelityComparator.Expectation e = FidelityComparator.expect(shape, now, new ClickHouseRepresentation())
                .keepingEarlierVersions(earlier.rows());
        assertThat(e.rows()).containsOnlyKeys("1");
        assertThat(e.rows().get("1")).isEqualTo(earlier.rows().get("1"));
        assertThat(e.rejected()).extracting(FidelityComparator.Rejection::key).containsExactly("2");
        Map<String, Map<String, Object>> dest = new LinkedHashMap<>();
        dest.put("1", row("1", "2000-01-01", "a"));
        assertThat(FidelityComparator.compare(Phase.UPDATES_AND_DELETES, "ch/hard", shape, e,
                new DestinationRows(true, java.util.Set.of("id", "d", "s"), dest))).isEmpty();
        dest.put("1", row("1", null, "a"));
        assertThat(FidelityComparator.compare(Phase.UPDATES_AND_DELETES, "ch/hard", shape, e,
                new DestinationRows(true, java.util.Set.of("id", "d", "s"), dest))).hasSize(1);
    }

    @Test
    void clickHouseCellsDecodeExactly() {
        Column bytea = Column.scalar("b", "bytea", ValueKind.BYTEA);
        Column text = Column.array("t", "text", ValueKind.TEXT);
        assertThat(ClickHouseFidelityDestination.decode(bytea, "Nullable(String)", "FF00")).isEqualTo("\\xff00");
        assertThat(ClickHouseFidelityDestination.decode(text, "Array(Nullable(String))", "[\"61\",null,\"\"]"))
                .isEqualTo(Arrays.asList("a", null, ""));
        assertThat((String) ClickHouseFidelityDestination.decode(Column.scalar("s", "text", ValueKind.TEXT), "String", "EFBFBD80"))
                .as("invalid UTF-8 is shown, not replaced").startsWith("<not UTF-8");
        assertThat(ClickHouseFidelityDestination.render("Array(Nullable(Date32))", "`c`", text, 0))
                .contains("arrayMap(x0 -> if(isNull(x0), 'null', concat('\"', hex(toString(x0)), '\"'))");
    }

    @Test
    void randomShapesAreReproducibleFromTheSeed() {
        assertThat(RandomShapes.table(42, "r")).isEqualTo(RandomShapes.table(42, "r"));
        assertThat(RandomShapes.table(42, "r").snapshot()).isNotEqualTo(RandomShapes.table(43, "r").snapshot());
    }

    @Test
    void oddIdentifiersAreQuoted() {
        assertThat(Sql.table("Odd \"Table\" Name")).isEqualTo("public.\"Odd \"\"Table\"\" Name\"");
        assertThat(Sql.lit("it's", "text")).isEqualTo("'it''s'::text");
        assertThat(ClickHouseFidelityDestination.ident("a`b\\")).isEqualTo("`a\\`b\\\\`");
        assertThat(FidelitySuite.keyOf("{\"schema\":{},\"payload\":{\"Row_ID\":3}}")).isEqualTo("3");
    }

    @Test
    void postgresArrayTextParses() {
        assertThat(PgArrayText.parse("{}")).isEmpty();
        assertThat(PgArrayText.parse("{1,NULL,\"NULL\",\"a b\",\"x\\\"y\",\"\"}"))
                .isEqualTo(Arrays.asList("1", null, "NULL", "a b", "x\"y", ""));
        assertThat(PgArrayText.parse("{{1,2},{NULL,4}}")).isEqualTo(List.of(List.of("1", "2"), Arrays.asList(null, "4")));
        assertThat(PgArrayText.parse("[0:1]={7,8}")).isEqualTo(List.of("7", "8"));
    }

    private static Map<String, Object> row(String id, String d, String s) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("d", d);
        r.put("s", s);
        return r;
    }
}
