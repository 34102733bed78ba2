package io.mirrorconnect.qrep.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.qrep.watermark.Watermark;
import io.mirrorconnect.qrep.watermark.WatermarkKind;

class QRepSqlTest {
    private static final Watermark UPDATED_AT = new Watermark(TableId.of("public", "events"), "updated_at",
            WatermarkKind.TIMESTAMPTZ, -1);
    private static final Watermark XMIN = new Watermark(TableId.of("public", "Users"), "xmin", WatermarkKind.XMIN, -1);
    private static final String TEMPLATE = "SELECT id, kind FROM public.events WHERE\n"
            + "updated_at BETWEEN {{.start}} AND {{.end}};  ";

    @Test
    void placeholdersBecomeTheBoundSettingsCastToTheWatermarkType() {
        assertThat(QRepSql.partitionQuery(TEMPLATE, UPDATED_AT, true)).isEqualTo(
                "SELECT id, kind FROM public.events WHERE\nupdated_at BETWEEN "
                        + "CAST(current_setting('mirrorconnect.start') AS timestamptz) AND "
                        + "CAST(current_setting('mirrorconnect.end') AS timestamptz)");
        assertThat(QRepSql.SET_BOUNDS).isEqualTo("SELECT set_config('mirrorconnect.start', ?, true), "
                + "set_config('mirrorconnect.end', ?, true)");
    }

    @Test
    void xminAppendsTheAgeConditionOnANewLine() {
        assertThat(QRepSql.partitionQuery(" SELECT * FROM users -- all of them", XMIN, false)).isEqualTo(
                "SELECT * FROM users -- all of them\n"
                        + "WHERE age(xmin) >= age(CAST(current_setting('mirrorconnect.end') AS xid))");
        assertThat(QRepSql.partitionQuery("SELECT * FROM users", XMIN, true)).endsWith(
                "WHERE age(xmin) >= age(CAST(current_setting('mirrorconnect.end') AS xid)) "
                        + "AND age(xmin) < age(CAST(current_setting('mirrorconnect.start') AS xid))");
    }

    @Test
    void aSnapshotNameIsCheckedBeforeItIsQuoted() {
        assertThat(QRepSql.importSnapshot("00000003-0000001B-1")).isEqualTo(
                "SET TRANSACTION SNAPSHOT '00000003-0000001B-1'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QRepSql.importSnapshot("1'; DROP TABLE t; --"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ctidBoundsAreBlockNumbersMadeTids() {
        Watermark ctid = new Watermark(TableId.of("public", "big"), "ctid", WatermarkKind.CTID, -1);
        assertThat(QRepSql.partitionQuery("SELECT * FROM public.big WHERE ctid BETWEEN {{.start}} AND {{.end}}", ctid,
                true)).isEqualTo("SELECT * FROM public.big WHERE ctid BETWEEN "
                + "CAST('(' || current_setting('mirrorconnect.start') || ',0)' AS tid) AND "
                + "CAST('(' || current_setting('mirrorconnect.end') || ',0)' AS tid)");
    }

    @Test
    void copyWrapsTheQuery() {
        assertThat(QRepSql.copy("SELECT 1")).isEqualTo("COPY (\nSELECT 1\n) TO STDOUT");
    }

    @Test
    void planningQueriesQuoteIdentifiersAndBindValues() {
        assertThat(QRepSql.count(UPDATED_AT, true)).isEqualTo(
                "SELECT count(*) FROM \"public\".\"events\" WHERE \"updated_at\" >= CAST(? AS timestamptz)");
        assertThat(QRepSql.bucketEnds(UPDATED_AT, true)).isEqualTo(
                "SELECT max(w)::text, ((max(w)) + interval '1 microsecond')::text FROM (SELECT \"updated_at\" AS w, "
                        + "ntile(?) OVER (ORDER BY \"updated_at\") AS b FROM \"public\".\"events\" WHERE "
                        + "\"updated_at\" >= CAST(? AS timestamptz)) s GROUP BY b ORDER BY b");
        assertThat(QRepSql.count(XMIN, false)).isEqualTo(
                "SELECT count(*) FROM \"public\".\"Users\" WHERE age(xmin) > age(CAST(? AS xid))");
        assertThat(QRepSql.bucketEnds(XMIN, true)).isEqualTo(
                "SELECT DISTINCT ON (b) x::text FROM (SELECT xmin AS x, age(xmin) AS a, ntile(?) OVER "
                        + "(ORDER BY age(xmin) DESC) AS b FROM \"public\".\"Users\" WHERE age(xmin) > age(CAST(? AS xid))"
                        + " AND age(xmin) < age(CAST(? AS xid))) s ORDER BY b, a");
    }

    @Test
    void successorsPerWatermarkKind() {
        assertThat(WatermarkKind.INTEGER.successor("max(w)", -1)).isEqualTo("(max(w))::bigint + 1");
        assertThat(WatermarkKind.DATE.successor("max(w)", -1)).isEqualTo("(max(w)) + 1");
        assertThat(WatermarkKind.NUMERIC.successor("max(w)", 2)).isEqualTo("(max(w))::numeric + 1e-2");
        // unconstrained numeric: "just above max(w)", computed by Postgres when the bound is used
        assertThat(WatermarkKind.NUMERIC.successor("max(w)", -1)).isEqualTo("'>' || (max(w))::numeric");
        assertThat(WatermarkKind.NUMERIC.startBound("?", -1)).isEqualTo("(SELECT CASE WHEN left(b.s, 1) = '>' "
                + "THEN CAST(substr(b.s, 2) AS numeric) + CAST('0.' || repeat('0', 16382) || '1' AS numeric) "
                + "ELSE CAST(b.s AS numeric) END FROM (SELECT CAST(? AS text) AS s) b)");
        assertThat(WatermarkKind.NUMERIC.startBound("?", 2)).isEqualTo("CAST(? AS numeric)");
        assertThat(WatermarkKind.ofTypeName("int4")).isEqualTo(WatermarkKind.INTEGER);
        assertThat(WatermarkKind.ofTypeName("text")).isNull();
        assertThat(Watermark.numericScale(-1)).isEqualTo(-1);
        assertThat(Watermark.numericScale((12 << 16 | 2) + 4)).isEqualTo(2);
    }
}
