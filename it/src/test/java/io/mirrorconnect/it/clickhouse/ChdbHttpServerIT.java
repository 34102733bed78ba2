package io.mirrorconnect.it.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.internal.ClickHouseLZ4OutputStream;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.metadata.TableSchema;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseCityHash;
import com.clickhouse.data.ClickHouseFormat;
import io.mirrorconnect.it.fixtures.ClickHouseFixture;
import io.mirrorconnect.it.fixtures.Fixtures;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import net.jpountz.lz4.LZ4Factory;

/**
 * The official ClickHouse Java client (client-v2) against {@link ClickHouseFixture}: the chdb HTTP server, or the
 * real server named by {@code CLICKHOUSE_URL}. What the sink relies on: DDL, RowBinary inserts, FINAL,
 * ReplacingMergeTree versions and is_deleted, query parameters, per-query settings, error codes, durability
 * across a restart.
 */
class ChdbHttpServerIT {
    private static ClickHouseFixture ch;
    private static String db;

    @BeforeAll
    static void start() {
        ch = ClickHouseFixture.start();
        db = ch.createDatabase("chdb_it");
    }

    @AfterAll
    static void stop() {
        Fixtures.closeAll(ch);
    }

    @Test
    void pingsAndReportsServerInfo() {
        assertThat(ch.client().ping()).isTrue();
        List<List<String>> rows = ch.query("SELECT currentUser(), 1 + 1, 'héllo'");
        assertThat(rows).containsExactly(List.of(ch.user(), "2", "héllo"));
    }

    @Test
    void replacingMergeTreeKeepsTheNewestVersionUnderFinal() throws Exception {
        ch.execute("CREATE TABLE " + db + ".rmt (id Int64, name Nullable(String), _ver UInt64)"
                + " ENGINE = ReplacingMergeTree(_ver) ORDER BY id");
        RowBinary first = new RowBinary()
                .int64(1).nullableString("first").uint64(10)
                .int64(2).nullableString(null).uint64(10)
                .int64(1).nullableString("second").uint64(30);
        InsertResponse response = ch.client()
                .insert(db + ".rmt", first.stream(), ClickHouseFormat.RowBinary).get(60, TimeUnit.SECONDS);
        assertThat(response.getWrittenRows()).isEqualTo(3);
        // a replayed, older version arriving later must not win
        ch.client().insert(db + ".rmt", new RowBinary().int64(1).nullableString("stale").uint64(20).stream(),
                ClickHouseFormat.RowBinary).get(60, TimeUnit.SECONDS).close();

        assertThat(ch.query("SELECT id, name, _ver FROM " + db + ".rmt FINAL ORDER BY id"))
                .containsExactly(List.of("1", "second", "30"), Arrays.asList("2", null, "10"));
        assertThat(ch.query("SELECT count() FROM " + db + ".rmt WHERE name = 'stale'"))
                .as("without FINAL the older version is still stored").containsExactly(List.of("1"));
    }

    @Test
    void isDeletedColumnHidesDeletedRowsUnderFinal() throws Exception {
        ch.execute("CREATE TABLE " + db + ".hard (id Int64, v String, _ver UInt64, _del UInt8)"
                + " ENGINE = ReplacingMergeTree(_ver, _del) ORDER BY id");
        RowBinary rows = new RowBinary()
                .int64(1).string("a").uint64(1).uint8(0)
                .int64(2).string("b").uint64(1).uint8(0)
                .int64(2).string("b").uint64(2).uint8(1);
        ch.client().insert(db + ".hard", List.of("id", "v", "_ver", "_del"), rows.stream(), ClickHouseFormat.RowBinary)
                .get(60, TimeUnit.SECONDS).close();
        assertThat(ch.query("SELECT id, v FROM " + db + ".hard FINAL ORDER BY id")).containsExactly(List.of("1", "a"));
    }

    @Test
    void rowBinaryDataStartingWithWhitespaceBytesIsKept() throws Exception {
        ch.execute("CREATE TABLE " + db + ".ws (a Int8, b Int8) ENGINE = MergeTree ORDER BY tuple()");
        // statement in the URL, data in the body (client.insert with an InputStream)
        ch.client().insert(db + ".ws", new RowBinary().uint8('\n').uint8(' ').stream(), ClickHouseFormat.RowBinary)
                .get(60, TimeUnit.SECONDS).close();
        // statement and data both in the body, as client-v2's POJO insert sends them
        byte[] head = ("INSERT INTO " + db + ".ws \n FORMAT RowBinary \n").getBytes(StandardCharsets.UTF_8);
        byte[] data = new RowBinary().uint8(' ').uint8('\t').uint8('\r').uint8('\n').bytes();
        byte[] body = Arrays.copyOf(head, head.length + data.length);
        System.arraycopy(data, 0, body, head.length, data.length);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(ch.endpoint() + "/")).header("X-ClickHouse-User", ch.user())
                .header("X-ClickHouse-Key", ch.password()).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-ClickHouse-Summary").orElseThrow()).contains("\"written_rows\":\"2\"");
        assertThat(ch.query("SELECT a, b FROM " + db + ".ws ORDER BY a, b"))
                .containsExactly(List.of("10", "32"), List.of("13", "10"), List.of("32", "9"));
    }

    @Test
    void queryParametersAreBoundByTheServer() {
        ch.execute("CREATE TABLE " + db + ".params (k Int64, s String) ENGINE = MergeTree ORDER BY k");
        ch.execute("INSERT INTO " + db + ".params VALUES (1, 'it''s'), (2, 'b'), (3, 'c')");
        List<GenericRecord> records = ch.client().queryAll(
                "SELECT k, s FROM " + db + ".params WHERE (k, s) IN {keys:Array(Tuple(Int64, String))} ORDER BY k",
                Map.of("keys", "[(1,'it\\'s'),(3,'c')]"));
        assertThat(records).extracting(r -> r.getLong("k")).containsExactly(1L, 3L);
        assertThat(records.get(0).getString("s")).isEqualTo("it's");
    }

    @Test
    void perQuerySettingsApplyToThatQueryOnly() throws Exception {
        // a setting that changes results: with max_result_rows = 2 and the default overflow mode, 5 rows fail
        QuerySettings limited = new QuerySettings().serverSetting("max_result_rows", "2")
                .serverSetting("result_overflow_mode", "break");
        try (QueryResponse response = ch.client()
                .query("SELECT number FROM numbers(5) SETTINGS max_block_size = 1 FORMAT TabSeparated", limited)
                .get(60, TimeUnit.SECONDS)) {
            String rows = new String(response.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(rows.split("\n")).hasSizeLessThan(5);
        }
        try (QueryResponse response = ch.client().query("SELECT getSetting('max_result_rows') FORMAT TabSeparated",
                new QuerySettings().serverSetting("max_result_rows", "7")).get(60, TimeUnit.SECONDS)) {
            assertThat(new String(response.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim())
                    .isEqualTo("7");
        }
        assertThat(ch.query("SELECT getSetting('max_result_rows'), count() FROM numbers(5)"))
                .as("settings must not leak into later queries").containsExactly(List.of("0", "5"));
    }

    @Test
    void concurrentClientsAreServedOneStatementAtATime() throws Exception {
        ch.execute("CREATE TABLE " + db + ".concurrent (t Int32, i Int32) ENGINE = MergeTree ORDER BY (t, i)");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        RowBinary row = new RowBinary().int32(thread).int32(i);
                        ch.client().insert(db + ".concurrent", row.stream(), ClickHouseFormat.RowBinary)
                                .get(60, TimeUnit.SECONDS).close();
                        assertThat(ch.query("SELECT count() FROM " + db + ".concurrent WHERE t = " + thread))
                                .containsExactly(List.of(Integer.toString(i + 1)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ch.query("SELECT count(), uniqExact(t, i) FROM " + db + ".concurrent"))
                .containsExactly(List.of("90", "90"));
    }

    @Test
    void defaultDatabaseSettingIsHonoured() throws Exception {
        ch.execute("CREATE TABLE " + db + ".dbsel (x Int32) ENGINE = MergeTree ORDER BY x");
        ch.execute("INSERT INTO " + db + ".dbsel VALUES (7)");
        try (Client client = ch.clientBuilder().setDefaultDatabase(db).build()) {
            List<GenericRecord> rows = client.queryAll("SELECT x, currentDatabase() FROM dbsel");
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).getInteger(1)).isEqualTo(7);
            assertThat(rows.get(0).getString(2)).isEqualTo(db);
        }
        assertThat(ch.query("SELECT currentDatabase()")).containsExactly(List.of("default"));
    }

    @Test
    void formatClauseInTheQueryWins() throws Exception {
        try (QueryResponse response = ch.client().query("SELECT number AS n FROM numbers(2) FORMAT JSONEachRow")
                .get(60, TimeUnit.SECONDS)) {
            assertThat(response.getFormat()).isEqualTo(ClickHouseFormat.JSONEachRow);
            assertThat(new String(response.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"n\":0}\n{\"n\":1}\n");
        }
    }

    @Test
    void errorsSurfaceAsServerExceptionsWithClickHouseCodes() {
        ServerException unknownTable = serverError(() -> ch.query("SELECT * FROM " + db + ".does_not_exist"));
        assertThat(unknownTable.getCode()).isEqualTo(60); // UNKNOWN_TABLE
        assertThat(unknownTable).hasMessageContaining("does_not_exist");
        assertThat(serverError(() -> ch.execute("SELEC 1")).getCode()).isEqualTo(62); // SYNTAX_ERROR
        ServerException thrown = serverError(() -> ch.query("SELECT throwIf(1, 'boom from the test')"));
        assertThat(thrown.getCode()).isEqualTo(395); // FUNCTION_THROW_IF_VALUE_IS_NON_ZERO
        assertThat(thrown).hasMessageContaining("boom from the test");
    }

    @Test
    void badRowBinaryIsRejectedAndNothingIsWritten() throws Exception {
        ch.execute("CREATE TABLE " + db + ".atomic (id Int64, s String) ENGINE = MergeTree ORDER BY id");
        byte[] whole = new RowBinary().int64(1).string("ok").int64(2).bytes();
        byte[] truncated = Arrays.copyOf(whole, whole.length - 3);
        ServerException e = serverError(() -> ch.client().insert(db + ".atomic", new ByteArrayInputStream(truncated),
                ClickHouseFormat.RowBinary).get(60, TimeUnit.SECONDS));
        assertThat(e.getCode()).isEqualTo(33); // CANNOT_READ_ALL_DATA
        assertThat(ch.query("SELECT count() FROM " + db + ".atomic")).containsExactly(List.of("0"));
    }

    @Test
    void wrongPasswordIsAnAuthenticationError() {
        try (Client client = ch.clientBuilder().setPassword("definitely-wrong-" + ch.password()).build()) {
            assertThat(serverError(() -> client.queryAll("SELECT 1")).getCode()).isEqualTo(516);
        }
    }

    @Test
    void aPasswordProtectedServerChecksThePassword() {
        assumeThat(ch.isChdb()).as("starts its own chdb server").isTrue();
        try (ClickHouseFixture secured = ClickHouseFixture.startLocal("s3cret 'pw'")) {
            assertThat(secured.query("SELECT currentUser()")).containsExactly(List.of("default"));
            try (Client wrong = secured.clientBuilder().setPassword("").build()) {
                assertThat(serverError(() -> wrong.queryAll("SELECT 1")).getCode()).isEqualTo(516);
            }
        }
    }

    @Test
    void tableSchemaAndPojoInsertsWork() throws Exception {
        ch.execute("CREATE TABLE " + db + ".pojo (id Int64, name String) ENGINE = MergeTree ORDER BY id");
        try (Client client = ch.clientBuilder().setDefaultDatabase(db).build()) {
            TableSchema schema = client.getTableSchema("pojo", db);
            assertThat(schema.getColumns()).extracting(c -> c.getColumnName() + " " + c.getOriginalTypeName())
                    .containsExactly("id Int64", "name String");
            client.register(Item.class, schema);
            Item a = new Item();
            a.setId(1);
            a.setName("first\n line");
            Item b = new Item();
            b.setId(2);
            b.setName("");
            // the POJO path sends the statement and the RowBinary rows together in the body
            assertThat(client.insert("pojo", List.of(a, b)).get(60, TimeUnit.SECONDS).getWrittenRows()).isEqualTo(2);
        }
        assertThat(ch.query("SELECT id, name FROM " + db + ".pojo ORDER BY id"))
                .containsExactly(List.of("1", "first\n line"), List.of("2", ""));
    }

    @Test
    void explicitResponseFormatsAreHonoured() throws Exception {
        QuerySettings json = new QuerySettings().setFormat(ClickHouseFormat.JSONEachRow);
        try (QueryResponse response = ch.client().query("SELECT 1 AS x, 'a' AS y", json).get(60, TimeUnit.SECONDS)) {
            assertThat(new String(response.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"x\":1,\"y\":\"a\"}\n");
        }
        QuerySettings tsv = new QuerySettings().setFormat(ClickHouseFormat.TabSeparatedWithNames);
        try (QueryResponse response = ch.client().query("SELECT 1 AS x, 'a\tb' AS y", tsv).get(60, TimeUnit.SECONDS)) {
            assertThat(new String(response.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("x\ty\n1\ta\\tb\n");
        }
    }

    /** A POJO for the client's register/insert(List) path. */
    public static final class Item {
        private long id;
        private String name;

        public long getId() {
            return id;
        }

        public void setId(long id) {
            this.id = id;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    @Test
    void nativeLz4CompressionBothWaysForDdlInsertsQueriesAndErrors() throws Exception {
        // small LZ4 blocks, so requests span many blocks; responses over 1 MiB span several too
        try (Client client = ch.clientBuilder().compressClientRequest(true).compressServerResponse(true)
                .useHttpCompression(false).setLZ4UncompressedBufferSize(4096).build()) {
            client.execute("CREATE TABLE " + db + ".lz4 (id Int64, s String) ENGINE = MergeTree ORDER BY id")
                    .get(60, TimeUnit.SECONDS).close();
            RowBinary rows = new RowBinary();
            for (int i = 0; i < 20_000; i++) {
                rows.int64(i).string("row " + i + (i % 7 == 0 ? " \n\t\u00e9" : ""));
            }
            InsertResponse inserted = client.insert(db + ".lz4", rows.stream(), ClickHouseFormat.RowBinary)
                    .get(60, TimeUnit.SECONDS);
            assertThat(inserted.getWrittenRows()).isEqualTo(20_000);

            List<GenericRecord> back = client.queryAll("SELECT id, s FROM " + db + ".lz4 ORDER BY id");
            assertThat(back).hasSize(20_000);
            assertThat(back.get(7).getString("s")).isEqualTo("row 7 \n\t\u00e9");
            assertThat(back.get(19_999).getLong("id")).isEqualTo(19_999L);
            try (QueryResponse big = client.query("SELECT number, toString(number) FROM numbers(300000) FORMAT"
                    + " TabSeparated").get(60, TimeUnit.SECONDS)) {
                byte[] text = big.getInputStream().readAllBytes();
                assertThat(text.length).as("spans several 1 MiB blocks").isGreaterThan(3 << 20);
                assertThat(new String(text, StandardCharsets.UTF_8)).startsWith("0\t0\n1\t1\n")
                        .endsWith("299999\t299999\n");
            }
            ServerException unknown = serverError(() -> client.queryAll("SELECT * FROM " + db + ".no_such_table"));
            assertThat(unknown.getCode()).isEqualTo(60);
            assertThat(unknown).hasMessageContaining("no_such_table");
        }
        assertThat(ch.query("SELECT count(), sum(id) FROM " + db + ".lz4"))
                .as("read back without compression").containsExactly(List.of("20000", "199990000"));
    }

    @Test
    void compressionOffBothWaysStillWorks() throws Exception {
        try (Client client = ch.clientBuilder().compressClientRequest(false).compressServerResponse(false)
                .useHttpCompression(false).build()) {
            client.execute("CREATE TABLE " + db + ".plain (id Int64) ENGINE = MergeTree ORDER BY id")
                    .get(60, TimeUnit.SECONDS).close();
            client.insert(db + ".plain", new RowBinary().int64(5).int64(6).stream(), ClickHouseFormat.RowBinary)
                    .get(60, TimeUnit.SECONDS).close();
            assertThat(client.queryAll("SELECT sum(id) FROM " + db + ".plain").get(0).getLong(1)).isEqualTo(11L);
            assertThat(serverError(() -> client.queryAll("SELEC 1")).getCode()).isEqualTo(62);
        }
    }

    @Test
    void httpLz4CompressionBothWays() throws Exception {
        // useHttpCompression: Content-Encoding / Accept-Encoding lz4 (the LZ4 frame format) instead of native blocks
        try (Client client = ch.clientBuilder().useHttpCompression(true).compressClientRequest(true)
                .compressServerResponse(true).build()) {
            client.execute("CREATE TABLE " + db + ".httplz4 (id Int64, s String) ENGINE = MergeTree ORDER BY id")
                    .get(60, TimeUnit.SECONDS).close();
            client.insert(db + ".httplz4", new RowBinary().int64(1).string("framed").stream(),
                    ClickHouseFormat.RowBinary).get(60, TimeUnit.SECONDS).close();
            List<GenericRecord> rows = client.queryAll("SELECT id, s FROM " + db + ".httplz4");
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).getString("s")).isEqualTo("framed");
        }
    }

    @Test
    void corruptedChecksumInACompressedRequestIsRejected() throws Exception {
        ch.execute("CREATE TABLE " + db + ".corrupt (id Int64) ENGINE = MergeTree ORDER BY id");
        byte[] good = lz4Blocks(new RowBinary().int64(41).bytes());
        String insert = "INSERT INTO " + db + ".corrupt FORMAT RowBinary";

        HttpResponse<String> ok = postCompressed(insert, good, "");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);

        byte[] badChecksum = good.clone();
        badChecksum[3] ^= 0x10;
        HttpResponse<String> rejected = postCompressed(insert, badChecksum, "");
        assertThat(rejected.statusCode()).isEqualTo(500);
        assertThat(rejected.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("40");
        assertThat(rejected.body()).contains("Checksum doesn't match").contains("CHECKSUM_DOESNT_MATCH");

        byte[] badData = good.clone();
        badData[badData.length - 1] ^= 0x01; // the checksum covers the data too
        assertThat(postCompressed(insert, badData, "").headers().firstValue("X-ClickHouse-Exception-Code"))
                .hasValue("40");

        assertThat(ch.query("SELECT id FROM " + db + ".corrupt")).as("only the intact insert was written")
                .containsExactly(List.of("41"));
    }

    @Test
    void corruptedChecksumIsAcceptedWhenChecksummingIsDisabled() throws Exception {
        assumeThat(ch.isChdb()).as("a real server may forbid changing this setting").isTrue();
        ch.execute("CREATE TABLE " + db + ".nocheck (id Int64) ENGINE = MergeTree ORDER BY id");
        byte[] body = lz4Blocks(new RowBinary().int64(7).bytes());
        body[0] ^= 0x01;
        HttpResponse<String> r = postCompressed("INSERT INTO " + db + ".nocheck FORMAT RowBinary", body,
                "&http_native_compression_disable_checksumming_on_decompress=1");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(ch.query("SELECT id FROM " + db + ".nocheck")).containsExactly(List.of("7"));
    }

    @Test
    void uncompressedBlocksAreAcceptedAndBadFramesRejectedWithClickHouseCodes() throws Exception {
        ch.execute("CREATE TABLE " + db + ".frames (id Int64) ENGINE = MergeTree ORDER BY id");
        String insert = "INSERT INTO " + db + ".frames FORMAT RowBinary";
        byte[] data = new RowBinary().int64(3).int64(4).bytes();

        HttpResponse<String> none = postCompressed(insert, block(0x02, data, data.length), "");
        assertThat(none.statusCode()).as("method 0x02: a block stored as is").isEqualTo(200);

        HttpResponse<String> unknown = postCompressed(insert, block(0x7f, data, data.length), "");
        assertThat(unknown.headers().firstValue("X-ClickHouse-Exception-Code")).as(unknown.body())
                .hasValue("432"); // UNKNOWN_CODEC
        if (ch.isChdb()) {
            HttpResponse<String> zstd = postCompressed(insert, block(0x90, data, data.length), "");
            assertThat(zstd.headers().firstValue("X-ClickHouse-Exception-Code")).as("ZSTD is not implemented here")
                    .hasValue("48");
        }
        byte[] good = lz4Blocks(data);
        HttpResponse<String> truncated = postCompressed(insert, Arrays.copyOf(good, good.length - 2), "");
        assertThat(truncated.headers().firstValue("X-ClickHouse-Exception-Code")).as(truncated.body())
                .hasValue("33"); // CANNOT_READ_ALL_DATA
        assertThat(ch.query("SELECT id FROM " + db + ".frames ORDER BY id"))
                .containsExactly(List.of("3"), List.of("4"));
    }

    /** One native block by hand: checksum, method, sizes, payload (here the data itself). */
    private static byte[] block(int method, byte[] payload, int uncompressedSize) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16 + 9 + payload.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.position(16);
        b.put((byte) method).putInt(9 + payload.length).putInt(uncompressedSize).put(payload);
        long[] hash = ClickHouseCityHash.cityHash128(b.array(), 16, 9 + payload.length);
        b.putLong(0, hash[0]).putLong(8, hash[1]);
        return b.array();
    }

    /** data in ClickHouse's native LZ4 blocks, framed by the official client's own stream. */
    private static byte[] lz4Blocks(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ClickHouseLZ4OutputStream lz4 = new ClickHouseLZ4OutputStream(out,
                LZ4Factory.fastestInstance().fastCompressor(), 1 << 16)) {
            lz4.write(data);
        }
        return out.toByteArray();
    }

    /** POSTs a native-compressed body (decompress=1) with the statement in the URL; the answer is uncompressed. */
    private static HttpResponse<String> postCompressed(String statement, byte[] body, String extraParams)
            throws Exception {
        String url = ch.endpoint() + "/?decompress=1&query="
                + URLEncoder.encode(statement, StandardCharsets.UTF_8) + extraParams;
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                        .header("X-ClickHouse-User", ch.user()).header("X-ClickHouse-Key", ch.password())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void dataSurvivesARestartAndTheSameClientReconnects() throws Exception {
        assumeThat(ch.isExternal()).as("cannot restart an external server").isFalse();
        ch.execute("CREATE TABLE " + db + ".durable (id Int64, s String) ENGINE = MergeTree ORDER BY id");
        ch.client().insert(db + ".durable", new RowBinary().int64(1).string("kept").stream(),
                ClickHouseFormat.RowBinary).get(60, TimeUnit.SECONDS).close();
        int port = ch.port();

        ch.stop();
        assertThatThrownBy(() -> ch.query("SELECT 1")).isInstanceOf(RuntimeException.class);
        ch.restart();

        assertThat(ch.port()).isEqualTo(port);
        assertThat(ch.query("SELECT id, s FROM " + db + ".durable")).containsExactly(List.of("1", "kept"));

        ch.kill();
        ch.restart();
        assertThat(ch.query("SELECT id, s FROM " + db + ".durable")).containsExactly(List.of("1", "kept"));
    }

    /** The ServerException somewhere in what the call threw (the client wraps it differently per API). */
    private static ServerException serverError(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected a ClickHouse error").isNotNull();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ServerException) {
                return (ServerException) t;
            }
        }
        throw new AssertionError("no ServerException in the cause chain", thrown);
    }

    /** RowBinary by hand, so this test does not depend on the encoder under test elsewhere. */
    private static final class RowBinary {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        RowBinary int64(long v) {
            for (int i = 0; i < 8; i++) {
                out.write((int) (v >>> (8 * i)) & 0xFF);
            }
            return this;
        }

        RowBinary int32(int v) {
            for (int i = 0; i < 4; i++) {
                out.write((v >>> (8 * i)) & 0xFF);
            }
            return this;
        }

        RowBinary uint64(long v) {
            return int64(v);
        }

        RowBinary uint8(int v) {
            out.write(v);
            return this;
        }

        RowBinary string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            int len = b.length;
            do {
                int bits = len & 0x7F;
                len >>>= 7;
                out.write(len == 0 ? bits : bits | 0x80);
            } while (len != 0);
            out.write(b, 0, b.length);
            return this;
        }

        RowBinary nullableString(String s) {
            if (s == null) {
                out.write(1);
                return this;
            }
            out.write(0);
            return string(s);
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        ByteArrayInputStream stream() {
            return new ByteArrayInputStream(bytes());
        }
    }
}
