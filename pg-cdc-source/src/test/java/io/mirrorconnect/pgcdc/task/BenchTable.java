package io.mirrorconnect.pgcdc.task;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The 16-column table the source benchmarks load ({@code SnapshotBench}, {@code SourceCostBench}). */
final class BenchTable {
    private BenchTable() {
    }

    /** Creates {@code bench} with {@code rows} rows and analyzes it. */
    static void create(Connection c, int rows) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE bench (id bigint PRIMARY KEY, i1 int, i2 int, b1 bigint, n1 numeric(12,2), "
                    + "f1 double precision, t1 text, t2 text, v1 varchar(40), d1 date, ts1 timestamp, "
                    + "tz1 timestamptz, bo1 boolean, u1 uuid, j1 jsonb, t3 text)");
            st.execute("INSERT INTO bench SELECT g, g % 1000, g % 7, g * 10, (g % 10000) / 3.0, g / 7.0, "
                    + "md5(g::text), 'text ' || g, 'v' || (g % 100), DATE '2020-01-01' + (g % 1000), "
                    + "TIMESTAMP '2020-01-01' + g * INTERVAL '1 second', "
                    + "TIMESTAMPTZ '2020-01-01 00:00:00+00' + g * INTERVAL '1 minute', g % 2 = 0, "
                    + "md5(g::text)::uuid, jsonb_build_object('k', g), repeat('x', 20) "
                    + "FROM generate_series(1, " + rows + ") g");
            st.execute("VACUUM ANALYZE bench");
        }
    }
}
