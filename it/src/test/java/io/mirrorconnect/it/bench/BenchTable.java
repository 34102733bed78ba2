package io.mirrorconnect.it.bench;

import java.util.ArrayList;
import java.util.List;

import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * The benchmark's table, the shape of issue 12's: {@code public.wide}, a bigint key and five each of integer, text
 * and double precision columns (16 columns), as in ClickHouseSinkBenchIT and pg-cdc-source's SnapshotBench.
 */
final class BenchTable {
    static final String NAME = "wide";
    static final String QUALIFIED = "public." + NAME;

    private BenchTable() {
    }

    /** The 16 column names in table order. */
    static List<String> columns() {
        List<String> c = new ArrayList<>(List.of("id"));
        for (int i = 1; i <= 5; i++) {
            c.add("i" + i);
            c.add("s" + i);
            c.add("f" + i);
        }
        return c;
    }

    /** Creates the table and loads {@code rows} rows in one statement. */
    static void create(PostgresFixture pg, long rows) {
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + QUALIFIED + " (id bigint PRIMARY KEY");
        StringBuilder select = new StringBuilder("SELECT g");
        for (int i = 1; i <= 5; i++) {
            ddl.append(", i").append(i).append(" integer, s").append(i).append(" text, f").append(i)
                    .append(" double precision");
            select.append(", (g * ").append(i).append(")::integer")
                    .append(", 'value ' || g || '/").append(i).append('\'')
                    .append(", g / ").append(i).append(".0::double precision");
        }
        ddl.append(')');
        pg.execute(ddl.toString(),
                "INSERT INTO " + QUALIFIED + " " + select + " FROM generate_series(1, " + rows + ") g",
                "VACUUM ANALYZE " + QUALIFIED);
    }

    /**
     * {@code changes} single-row updates in transactions of {@code perTransaction} rows (ids 1.. wrapping over the
     * table), each a change record for a source.
     */
    static void update(PostgresFixture pg, long rows, long changes, long perTransaction) {
        List<String> statements = new ArrayList<>();
        for (long done = 0; done < changes; done += perTransaction) {
            long n = Math.min(perTransaction, changes - done);
            long from = done % rows + 1;
            long to = Math.min(rows, from + n - 1);
            statements.add("UPDATE " + QUALIFIED + " SET i1 = i1 + 1, s1 = s1 || '+' WHERE id BETWEEN " + from
                    + " AND " + to);
        }
        pg.execute(statements.toArray(String[]::new));
    }
}
