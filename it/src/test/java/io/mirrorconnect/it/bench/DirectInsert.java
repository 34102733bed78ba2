package io.mirrorconnect.it.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.mirrorconnect.it.fixtures.ClickHouseFixture;
import io.mirrorconnect.it.fixtures.PostgresFixture;

/**
 * The destination's ceiling: the bench table's rows, read from Postgres and encoded as RowBinary beforehand, sent
 * straight to the ClickHouse server ({@code INSERT INTO t (columns) FORMAT RowBinary} over HTTP, one request per
 * {@code rowsPerRequest} rows) into a table of the same definition as the one the sink created. Only the requests
 * are timed.
 */
final class DirectInsert {
    private final ClickHouseFixture clickhouse;
    private final HttpClient http = HttpClient.newHttpClient();

    DirectInsert(ClickHouseFixture clickhouse) {
        this.clickhouse = clickhouse;
    }

    /** Bodies of RowBinary, {@code rowsPerRequest} rows each, for the columns' destination types. */
    static List<byte[]> encode(PostgresFixture pg, List<String> columns, List<String> types, int rowsPerRequest)
            throws SQLException {
        List<byte[]> bodies = new ArrayList<>();
        RowBinaryRows out = new RowBinaryRows(types);
        try (Connection c = pg.connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.setFetchSize(10_000);
                try (ResultSet rs = st.executeQuery("SELECT " + String.join(", ", columns) + " FROM "
                        + BenchTable.QUALIFIED + " ORDER BY id")) {
                    int n = 0;
                    Object[] row = new Object[columns.size()];
                    while (rs.next()) {
                        for (int i = 0; i < row.length; i++) {
                            row[i] = rs.getObject(i + 1);
                        }
                        out.add(row);
                        if (++n == rowsPerRequest) {
                            bodies.add(out.take());
                            n = 0;
                        }
                    }
                    if (n > 0) {
                        bodies.add(out.take());
                    }
                }
            }
            c.commit();
        }
        return bodies;
    }

    /** Sends the bodies one after another; returns the seconds the requests took. */
    double insert(String database, String table, List<String> columns, List<byte[]> bodies)
            throws IOException, InterruptedException {
        String sql = "INSERT INTO `" + database + "`.`" + table + "` ("
                + columns.stream().map(c -> "`" + c + "`").collect(Collectors.joining(", ")) + ") FORMAT RowBinary";
        URI uri = URI.create(clickhouse.endpoint() + "/?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8));
        long start = System.nanoTime();
        for (byte[] body : bodies) {
            HttpRequest.Builder r = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("X-ClickHouse-User", clickhouse.user());
            if (!clickhouse.password().isEmpty()) {
                r.header("X-ClickHouse-Key", clickhouse.password());
            }
            HttpResponse<String> resp = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) {
                throw new IllegalStateException("direct insert: HTTP " + resp.statusCode() + " " + resp.body());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
