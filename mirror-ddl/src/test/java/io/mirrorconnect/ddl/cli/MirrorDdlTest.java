package io.mirrorconnect.ddl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirrorconnect.ddl.connect.ConnectClient;
import io.mirrorconnect.ddl.connect.StubConnectServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MirrorDdlTest {
    static final Path EXAMPLES = locate();

    @TempDir
    Path tmp;

    private String out;
    private String err;

    static Path locate() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("config-examples"))) {
                return p.resolve("config-examples");
            }
        }
        throw new IllegalStateException("config-examples/ not found");
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = MirrorDdl.run(args, new PrintWriter(o), new PrintWriter(e), ConnectClient::new);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private String example(String name) {
        return EXAMPLES.resolve(name).toString();
    }

    @Test
    void compilePrintsTheGoldenJson() throws IOException {
        assertThat(run("compile", example("cdc-clickhouse.sql"))).isZero();
        assertThat(out).isEqualTo(Files.readString(EXAMPLES.resolve("cdc-clickhouse.expected.json")));
        assertThat(err).isEmpty();
    }

    @Test
    void compileSharesPeersAcrossFiles() throws IOException {
        Path peers = tmp.resolve("peers.sql");
        Path mirror = tmp.resolve("mirror.sql");
        Files.writeString(peers, "CREATE PEER pg FROM POSTGRES WITH (host = 'h', port = 5432, user = 'u',"
                + " password = 'p', database = 'd');\nCREATE PEER ch FROM CLICKHOUSE WITH (host = 'c', port = 8123,"
                + " user = 'u', database = 'd');\n");
        Files.writeString(mirror, "CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (public.t:t)"
                + " WITH (do_initial_copy = true);\n");
        assertThat(run("compile", peers.toString(), mirror.toString())).isZero();
        JsonNode json = new ObjectMapper().readTree(out);
        assertThat(json).hasSize(2);
        assertThat(json.get(0).get("name").asText()).isEqualTo("m-source");
        assertThat(json.get(1).get("config").get("clickhouse.host").asText()).isEqualTo("c");
    }

    @Test
    void compileOutWritesOnePutBodyPerConnector() throws IOException {
        Path dir = tmp.resolve("out");
        assertThat(run("compile", "--out", dir.toString(), example("qrep-xmin.sql"))).isZero();
        JsonNode source = new ObjectMapper().readTree(dir.resolve("xmin_mirror_1-source.json").toFile());
        JsonNode sink = new ObjectMapper().readTree(dir.resolve("xmin_mirror_1-sink.json").toFile());
        assertThat(source.get("watermark.column").asText()).isEqualTo("xmin");
        assertThat(sink.get("connector.class").asText()).isEqualTo("io.mirrorconnect.snowflake.SnowflakeSinkConnector");
        assertThat(out).contains("xmin_mirror_1-source.json", "xmin_mirror_1-sink.json");
    }

    @Test
    void avroConverters() throws IOException {
        assertThat(run("compile", "--avro", "--schema-registry-url", "http://sr:8081",
                example("cdc-exclude-columns.sql"))).isZero();
        JsonNode config = new ObjectMapper().readTree(out).get(1).get("config");
        assertThat(config.get("value.converter").asText()).isEqualTo("io.confluent.connect.avro.AvroConverter");
        assertThat(config.get("value.converter.schema.registry.url").asText()).isEqualTo("http://sr:8081");
        assertThat(config.has("value.converter.schemas.enable")).isFalse();
    }

    @Test
    void apicurioConverterOnBothConnectors() throws IOException {
        assertThat(run("compile", "--avro", "--avro-converter", "apicurio", "--schema-registry-url",
                "http://registry:8080", example("cdc-exclude-columns.sql"))).as(err).isZero();
        assertThat(err).isEmpty();
        for (JsonNode connector : new ObjectMapper().readTree(out)) {
            JsonNode config = connector.get("config");
            assertThat(config.get("value.converter").asText())
                    .isEqualTo("io.apicurio.registry.utils.converter.AvroConverter");
            assertThat(config.get("key.converter.apicurio.registry.url").asText())
                    .isEqualTo("http://registry:8080/apis/registry/v2");
            assertThat(config.get("value.converter.apicurio.registry.use-id").asText()).isEqualTo("contentId");
            assertThat(config.get("value.converter.apicurio.registry.as-confluent").asText()).isEqualTo("true");
        }
    }

    @Test
    void apicurioConverterRefusesTheConfluentCompatibleApi() {
        assertThat(run("compile", "--avro", "--avro-converter", "apicurio", "--schema-registry-url",
                "http://registry:8080/apis/ccompat/v7", example("cdc-exclude-columns.sql"))).isEqualTo(2);
        assertThat(err).contains("the Apicurio converter talks to the registry's /apis/registry/v2 API");
    }

    @Test
    void registryCredentialsReferencesPassThroughWithoutWarning() throws IOException {
        assertThat(run("compile", "--avro", "--schema-registry-url", "https://sr", "--schema-registry-user", "mirror",
                "--schema-registry-password", "${file:/etc/kafka/secrets.properties:registry_password}",
                example("cdc-exclude-columns.sql"))).as(err).isZero();
        assertThat(err).isEmpty();
        JsonNode config = new ObjectMapper().readTree(out).get(0).get("config");
        assertThat(config.get("value.converter.basic.auth.credentials.source").asText()).isEqualTo("USER_INFO");
        assertThat(config.get("value.converter.basic.auth.user.info").asText())
                .isEqualTo("mirror:${file:/etc/kafka/secrets.properties:registry_password}");
    }

    @Test
    void literalRegistryPasswordWorksButWarns() throws IOException {
        assertThat(run("compile", "--avro", "--avro-converter", "APICURIO", "--schema-registry-url", "http://r:8080",
                "--schema-registry-user", "mirror", "--schema-registry-password", "s3cret",
                example("cdc-exclude-columns.sql"))).isZero();
        assertThat(err).startsWith("mirror-ddl: warning: --schema-registry-password is a literal")
                .doesNotContain("s3cret");
        assertThat(new ObjectMapper().readTree(out).get(1).get("config").get("value.converter.apicurio.auth.password")
                .asText()).isEqualTo("s3cret");
    }

    @Test
    void registryOptionUsageErrors() {
        assertThat(run("compile", "--avro", "--schema-registry-url", "http://sr", "--schema-registry-user", "u",
                example("cdc-exclude-columns.sql"))).isEqualTo(2);
        assertThat(err).contains("--schema-registry-user and --schema-registry-password go together");
        assertThat(run("compile", "--avro-converter", "apicurio", example("cdc-exclude-columns.sql"))).isEqualTo(2);
        assertThat(err).contains("need --avro");
        assertThat(run("compile", "--avro", "--avro-converter", "karapace", "--schema-registry-url", "http://sr",
                example("cdc-exclude-columns.sql"))).isEqualTo(2);
        assertThat(err).contains("--avro-converter must be confluent or apicurio, got 'karapace'");
        assertThat(run("compile", "--avro", "--schema-registry-url", "http://sr", "--schema-registry-user", "a:b",
                "--schema-registry-password", "p", example("cdc-exclude-columns.sql"))).isEqualTo(2);
        assertThat(err).contains("--schema-registry-user must not contain ':'");
    }

    @Test
    void helpShowsProviderReferencesLiterally() {
        assertThat(run("compile", "--help")).isZero();
        assertThat(out).contains("${provider:path:key}");
    }

    @Test
    void producerOverrideFlags() throws IOException {
        assertThat(run("compile", "--no-producer-overrides", example("qrep-xmin.sql"))).as(err).isZero();
        assertThat(new ObjectMapper().readTree(out).get(0).get("config").has("producer.override.linger.ms")).isFalse();
        assertThat(run("compile", "--producer-override", "compression.type=zstd", "--producer-override",
                "linger.ms=50", example("qrep-xmin.sql"))).as(err).isZero();
        JsonNode source = new ObjectMapper().readTree(out).get(0).get("config");
        assertThat(source.get("producer.override.compression.type").asText()).isEqualTo("zstd");
        assertThat(source.get("producer.override.linger.ms").asText()).isEqualTo("50");
        assertThat(source.get("producer.override.batch.size").asText()).isEqualTo("1048576");
        assertThat(run("compile", "--producer-override", "linger.ms", example("qrep-xmin.sql"))).isEqualTo(2);
        assertThat(err).contains("--producer-override needs KEY=VALUE");
    }

    @Test
    void consumerOverrideFlags() throws IOException {
        assertThat(run("compile", "--no-consumer-overrides", example("qrep-xmin.sql"))).as(err).isZero();
        JsonNode sink = new ObjectMapper().readTree(out).get(1).get("config");
        assertThat(sink.has("consumer.override.allow.auto.create.topics")).isFalse();
        assertThat(run("compile", "--consumer-override", "fetch.max.wait.ms=100", example("qrep-xmin.sql")))
                .as(err).isZero();
        sink = new ObjectMapper().readTree(out).get(1).get("config");
        assertThat(sink.get("consumer.override.allow.auto.create.topics").asText()).isEqualTo("false");
        assertThat(sink.has("consumer.override.max.poll.records")).isFalse();
        assertThat(sink.get("consumer.override.fetch.max.wait.ms").asText()).isEqualTo("100");
        assertThat(run("compile", "--consumer-override", "max.poll.records=5000", example("qrep-xmin.sql")))
                .as(err).isZero();
        sink = new ObjectMapper().readTree(out).get(1).get("config");
        assertThat(sink.get("consumer.override.max.poll.records").asText()).isEqualTo("5000");
        assertThat(run("compile", "--consumer-override", "consumer.override=1", example("qrep-xmin.sql")))
                .isEqualTo(2);
        assertThat(err).contains("--consumer-override needs KEY=VALUE");
    }

    @Test
    void avroWithoutRegistryIsAUsageError() {
        assertThat(run("compile", "--avro", example("cdc-exclude-columns.sql"))).isEqualTo(2);
        assertThat(err).contains("--avro needs --schema-registry-url URL");
    }

    @Test
    void sqlErrorsExitWithTwoAndPointAtTheProblem() throws IOException {
        Path bad = tmp.resolve("bad.sql");
        Files.writeString(bad, "CREATE PEER pg FROM POSTGRES WITH (host = 'h', port = 5432, user = 'u',"
                + " password = 'p', database = 'd');\nCREATE PEER ch FROM CLICKHOUSE WITH (host = 'h', port = 8123,"
                + " user = 'u', database = 'd');\nCREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (public.a:a)\n"
                + "WITH (do_initial_copy = true, max_batch_size = 'x', sync_intervl = 5);\n", StandardCharsets.UTF_8);
        assertThat(run("compile", bad.toString())).isEqualTo(2);
        assertThat(out).isEmpty();
        String nl = System.lineSeparator();
        assertThat(err).isEqualTo(bad + ":4:48: error: option 'max_batch_size' in CREATE MIRROR m expects an"
                + " integer, got a string 'x'" + nl
                + "WITH (do_initial_copy = true, max_batch_size = 'x', sync_intervl = 5);" + nl
                + "                                               ^~~" + nl
                + bad + ":4:53: error: unknown option 'sync_intervl' in CREATE MIRROR m; did you mean"
                + " 'sync_interval'?" + nl
                + "WITH (do_initial_copy = true, max_batch_size = 'x', sync_intervl = 5);" + nl
                + "                                                    ^~~~~~~~~~~~" + nl
                + "2 errors" + nl);
    }

    @Test
    void missingFileIsReported() {
        assertThat(run("compile", tmp.resolve("nope.sql").toString())).isEqualTo(2);
        assertThat(err).contains("nope.sql: error: cannot read");
    }

    @ParameterizedTest
    @ValueSource(strings = {"compile", "apply", "drop", "pause", "resume", "status"})
    void everyCommandHasHelp(String command) {
        assertThat(run(command, "--help")).isZero();
        assertThat(out).startsWith("Usage: mirror-ddl " + command);
    }

    @Test
    void dryRunListsTheRestCalls() {
        assertThat(run("apply", "--dry-run", example("drop-pause-resume.sql"))).isZero();
        assertThat(out.lines()).containsExactly(
                "PUT /connectors/kept-source/config",
                "PUT /connectors/kept-sink/config",
                "PUT /connectors/temporary-source/config",
                "PUT /connectors/temporary-sink/config",
                "PUT /connectors/kept-source/pause",
                "PUT /connectors/kept-sink/pause",
                "PUT /connectors/kept-source/resume",
                "PUT /connectors/kept-sink/resume",
                "DELETE /connectors/temporary-source",
                "DELETE /connectors/temporary-sink",
                "DELETE /connectors/legacy_mirror-source  (IF EXISTS)",
                "DELETE /connectors/legacy_mirror-sink  (IF EXISTS)");
    }

    @Test
    void applyNeedsAConnectUrl() {
        assertThat(run("apply", example("cdc-clickhouse.sql"))).isEqualTo(2);
        assertThat(err).contains("Missing required option: '--connect-url=URL' (or --dry-run)");
    }

    @Test
    void applyExecutesEveryStatementAndIsIdempotent() throws IOException {
        try (StubConnectServer connect = new StubConnectServer()) {
            String url = connect.uri().toString();
            assertThat(run("apply", example("drop-pause-resume.sql"), "--connect-url", url)).as(err).isZero();
            assertThat(out.lines()).containsExactly(
                    "kept-source: created", "kept-sink: created",
                    "temporary-source: created", "temporary-sink: created",
                    "kept-source: paused", "kept-sink: paused",
                    "kept-source: resumed", "kept-sink: resumed",
                    "temporary-source: deleted", "temporary-sink: deleted",
                    "legacy_mirror-source: does not exist, skipped (IF EXISTS)",
                    "legacy_mirror-sink: does not exist, skipped (IF EXISTS)");
            assertThat(connect.connectors).containsOnlyKeys("kept-source", "kept-sink");
            JsonNode golden = new ObjectMapper().readTree(EXAMPLES.resolve("drop-pause-resume.expected.json").toFile());
            assertThat(connect.connectors.get("kept-sink").get("clickhouse.host"))
                    .isEqualTo(golden.get(1).get("config").get("clickhouse.host").asText());

            // cdc-clickhouse.sql says IF NOT EXISTS: a second apply leaves the connectors alone.
            assertThat(run("apply", example("cdc-clickhouse.sql"), "--connect-url", url)).isZero();
            assertThat(out.lines()).containsExactly("shop_cdc-source: created", "shop_cdc-sink: created");
            connect.connectors.get("shop_cdc-sink").put("tasks.max", "7");
            assertThat(run("apply", example("cdc-clickhouse.sql"), "--connect-url", url)).isZero();
            assertThat(out.lines()).containsExactly("shop_cdc-source: exists, left unchanged (IF NOT EXISTS)",
                    "shop_cdc-sink: exists, left unchanged (IF NOT EXISTS)");
            assertThat(connect.connectors.get("shop_cdc-sink")).containsEntry("tasks.max", "7");

            // Without IF NOT EXISTS, apply updates.
            assertThat(run("apply", example("qrep-xmin.sql"), "--connect-url", url)).isZero();
            assertThat(run("apply", example("qrep-xmin.sql"), "--connect-url", url)).isZero();
            assertThat(out.lines()).containsExactly("xmin_mirror_1-source: updated", "xmin_mirror_1-sink: updated");
        }
    }

    @Test
    void lifecycleCommandsAndStatus() throws IOException {
        try (StubConnectServer connect = new StubConnectServer()) {
            String url = connect.uri().toString();
            assertThat(run("apply", example("qrep-xmin.sql"), "--connect-url", url)).isZero();
            assertThat(run("pause", "XMIN_MIRROR_1", "--connect-url", url)).isZero();
            assertThat(out.lines()).containsExactly("xmin_mirror_1-source: paused", "xmin_mirror_1-sink: paused");
            connect.states.put("xmin_mirror_1-sink", "FAILED");
            assertThat(run("status", "xmin_mirror_1", "--connect-url", url)).isZero();
            assertThat(out.lines()).containsExactly(
                    "xmin_mirror_1-source                     PAUSED     127.0.0.1:8083",
                    "  task 0                                 PAUSED     127.0.0.1:8083",
                    "xmin_mirror_1-sink                       FAILED     127.0.0.1:8083",
                    "  task 0                                 FAILED     127.0.0.1:8083",
                    "    root cause: org.apache.kafka.connect.errors.ConnectException: boom",
                    "    (status --verbose prints the whole trace)");
            assertThat(run("resume", "xmin_mirror_1", "--connect-url", url)).isZero();
            assertThat(run("drop", "xmin_mirror_1", "--connect-url", url)).isZero();
            assertThat(connect.connectors).isEmpty();
            assertThat(run("drop", "xmin_mirror_1", "--connect-url", url)).isEqualTo(1);
            assertThat(err).isEqualTo("mirror-ddl: error: mirror xmin_mirror_1: connector xmin_mirror_1-source"
                    + " does not exist on " + url + " (use IF EXISTS / --if-exists to skip)" + System.lineSeparator());
            assertThat(run("drop", "xmin_mirror_1", "--if-exists", "--connect-url", url)).isZero();
            assertThat(run("status", "xmin_mirror_1", "--connect-url", url)).isEqualTo(1);
            assertThat(err).contains("mirror xmin_mirror_1 does not exist on " + url);
        }
    }

    /**
     * Issue 7: a failed sink task's trace starts with Connect's wrapper ("Exiting WorkerSinkTask due to
     * unrecoverable exception"); status must show the innermost cause and where in our code it happened.
     */
    @Test
    void statusShowsTheRootCauseOfAFailedTaskNotConnectsWrapper() throws IOException {
        try (StubConnectServer connect = new StubConnectServer()) {
            String url = connect.uri().toString();
            assertThat(run("apply", example("qrep-xmin.sql"), "--connect-url", url)).isZero();
            connect.states.put("xmin_mirror_1-sink", "FAILED");
            connect.failureTrace = trace("sink-null-array.txt");
            assertThat(run("status", "xmin_mirror_1", "--connect-url", url)).isZero();
            assertThat(out.lines()).containsExactly(
                    "xmin_mirror_1-source                     RUNNING    127.0.0.1:8083",
                    "  task 0                                 RUNNING    127.0.0.1:8083",
                    "xmin_mirror_1-sink                       FAILED     127.0.0.1:8083",
                    "  task 0                                 FAILED     127.0.0.1:8083",
                    "    root cause: io.mirrorconnect.clickhouse.rowbinary.RowBinaryEncodingException: column tags"
                            + " (Array(Nullable(String))): null, but the column is not Nullable",
                    "    at io.mirrorconnect.clickhouse.rowbinary.ColumnEncoder.write(ColumnEncoder.java:43)",
                    "    reported as: org.apache.kafka.connect.errors.ConnectException: mirror shop_cdc: cannot write"
                            + " record shop_cdc.public.articles[0]@172542 key {\"id\":172543}: column tags"
                            + " (Array(Nullable(String))): null, but the column is not Nullable (with"
                            + " errors.tolerance=all such records go to the errant-record reporter / dead letter queue)",
                    "    (status --verbose prints the whole trace)");
            assertThat(out).doesNotContain("Exiting WorkerSinkTask");
        }
    }

    @Test
    void statusVerbosePrintsTheWholeTrace() throws IOException {
        try (StubConnectServer connect = new StubConnectServer()) {
            String url = connect.uri().toString();
            assertThat(run("apply", example("qrep-xmin.sql"), "--connect-url", url)).isZero();
            connect.states.put("xmin_mirror_1-sink", "FAILED");
            String trace = trace("sink-null-array.txt");
            connect.failureTrace = trace;
            assertThat(run("status", "xmin_mirror_1", "--verbose", "--connect-url", url)).as(err).isZero();
            assertThat(out).contains("    root cause: io.mirrorconnect.clickhouse.rowbinary.RowBinaryEncodingException");
            for (String line : trace.strip().split("\n")) {
                assertThat(out).contains("    " + line);
            }
        }
    }

    private static String trace(String name) throws IOException {
        try (var in = MirrorDdlTest.class.getResourceAsStream("/traces/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void invalidConfigsChangeNothing() throws IOException {
        try (StubConnectServer connect = new StubConnectServer()) {
            connect.invalidProperty = "snowflake.account";
            assertThat(run("apply", example("qrep-xmin.sql"), "--connect-url", connect.uri().toString()))
                    .isEqualTo(1);
            String nl = System.lineSeparator();
            assertThat(err).isEqualTo("mirror-ddl: error: the Connect worker rejects the compiled configs, nothing"
                    + " was changed:" + nl + "  xmin_mirror_1-sink: snowflake.account: Invalid value myorg-test for"
                    + " configuration snowflake.account" + nl);
            assertThat(connect.connectors).isEmpty();
        }
    }

    @Test
    void missingPluginIsReported() throws IOException {
        try (StubConnectServer connect = new StubConnectServer()) {
            connect.plugins = java.util.Set.of("io.mirrorconnect.qrep.QRepSourceConnector");
            assertThat(run("apply", example("qrep-xmin.sql"), "--connect-url", connect.uri().toString()))
                    .isEqualTo(1);
            assertThat(err).contains("Failed to find any class that implements Connector and which name matches"
                    + " io.mirrorconnect.snowflake.SnowflakeSinkConnector");
            assertThat(connect.connectors).isEmpty();
        }
    }

    @Test
    void restErrorsExitWithOne() throws IOException {
        try (StubConnectServer connect = new StubConnectServer()) {
            connect.rejectMessage = "Connector configuration is invalid";
            assertThat(run("apply", example("qrep-xmin.sql"), "--connect-url", connect.uri().toString()))
                    .isEqualTo(1);
            assertThat(err).isEqualTo("mirror-ddl: error: PUT /connectors/xmin_mirror_1-source/config: HTTP 400:"
                    + " Connector configuration is invalid" + System.lineSeparator());
        }
    }
}
