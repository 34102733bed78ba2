package io.mirrorconnect.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mirrorconnect.snowflake.writer.SnowflakeConnections;

class SnowflakeSinkConfigTest {
    private static Map<String, String> minimal() {
        Map<String, String> m = new HashMap<>();
        m.put("mirror.name", "m");
        m.put("table.mapping", "m.public.users:raw.users");
        m.put("snowflake.account", "myorg-acct");
        m.put("snowflake.user", "MIRROR");
        m.put("snowflake.password", "secret");
        m.put("snowflake.database", "ANALYTICS");
        return m;
    }

    /** Every Snowflake sink config mirror-ddl compiles (config-examples/*.expected.json) parses. */
    @Test
    void compiledExamplesParse() throws IOException {
        List<Map<String, String>> configs = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("../config-examples"), "*.expected.json")) {
            for (Path f : files) {
                collect(json.readTree(f.toFile()), configs);
            }
        }
        assertThat(configs).hasSizeGreaterThanOrEqualTo(2);
        for (Map<String, String> c : configs) {
            SnowflakeSinkConfig parsed = new SnowflakeSinkConfig(c);
            assertThat(parsed.tableMapping()).isNotEmpty();
            assertThat(parsed.account()).isNotBlank();
            assertThat(parsed.host()).isEqualTo(parsed.account() + ".snowflakecomputing.com");
            assertThat(SnowflakeSinkConfig.CONFIG_DEF.configKeys().keySet()).containsAll(
                    c.keySet().stream().filter(k -> k.startsWith("snowflake.")).toList());
        }
    }

    private static void collect(JsonNode node, List<Map<String, String>> out) {
        if (node.isObject()) {
            JsonNode cls = node.get("connector.class");
            if (cls != null && cls.asText().equals(SnowflakeSinkConnector.class.getName())) {
                Map<String, String> c = new HashMap<>();
                node.properties().forEach(e -> c.put(e.getKey(), e.getValue().asText()));
                out.add(c);
            }
            node.properties().forEach(e -> collect(e.getValue(), out));
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, out));
        }
    }

    @Test
    void secretsArePasswordsAndDefaultsApply() {
        for (String secret : List.of("snowflake.password", "snowflake.private.key", "snowflake.private.key.passphrase")) {
            assertThat(SnowflakeSinkConfig.CONFIG_DEF.configKeys().get(secret).type).as(secret).isEqualTo(ConfigDef.Type.PASSWORD);
        }
        SnowflakeSinkConfig c = new SnowflakeSinkConfig(minimal());
        assertThat(c.schema()).isEqualTo("PUBLIC");
        assertThat(c.keyPairAuth()).isFalse();
        assertThat(c.endpoint()).isEqualTo("https://myorg-acct.snowflakecomputing.com:443");
        assertThat(c.toString()).doesNotContain("secret");
    }

    @Test
    void keyPairAuthWhenAKeyIsGiven() {
        Map<String, String> m = minimal();
        m.put("snowflake.private.key", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----");
        m.put("snowflake.private.key.passphrase", "pp");
        SnowflakeSinkConfig c = new SnowflakeSinkConfig(m);
        assertThat(c.keyPairAuth()).isTrue();
        Properties p = SnowflakeConnections.properties(c);
        assertThat(p).containsEntry("authenticator", "SNOWFLAKE_JWT").containsEntry("private_key_pwd", "pp")
                .containsKey("private_key_base64").doesNotContainKey("password");
    }

    @Test
    void endpointOverridesAndJdbcProperties() {
        Map<String, String> m = minimal();
        m.put("snowflake.host", "127.0.0.1");
        m.put("snowflake.port", "8123");
        m.put("snowflake.ssl", "false");
        m.put("snowflake.jdbc.properties", "maxHttpRetries=1, disablePlatformDetection=true");
        SnowflakeSinkConfig c = new SnowflakeSinkConfig(m);
        assertThat(SnowflakeConnections.url(c)).isEqualTo("jdbc:snowflake://127.0.0.1:8123/");
        assertThat(SnowflakeConnections.properties(c)).containsEntry("ssl", "off").containsEntry("maxHttpRetries", "1")
                .containsEntry("disablePlatformDetection", "true").containsEntry("db", "ANALYTICS").containsEntry("schema", "PUBLIC");
    }

    @Test
    void workerWideEndpointDefaultsYieldToTheConnectorsOwn() {
        System.setProperty("mirror.snowflake.host", "proxy.internal");
        System.setProperty("mirror.snowflake.port", "8443");
        try {
            assertThat(new SnowflakeSinkConfig(minimal()).endpoint()).isEqualTo("https://proxy.internal:8443");
            Map<String, String> m = minimal();
            m.put("snowflake.host", "own.host");
            assertThat(new SnowflakeSinkConfig(m).endpoint()).isEqualTo("https://own.host:8443");
        } finally {
            System.clearProperty("mirror.snowflake.host");
            System.clearProperty("mirror.snowflake.port");
        }
    }

    @Test
    void badValuesNameTheirProperty() {
        Map<String, String> m = minimal();
        m.put("snowflake.jdbc.properties", "user=other");
        assertThatThrownBy(() -> new SnowflakeSinkConfig(m)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("snowflake.jdbc.properties: 'user' is set by the sink");
        Map<String, String> k = minimal();
        k.put("snowflake.private.key", "not a key");
        assertThatThrownBy(() -> new SnowflakeSinkConfig(k)).hasMessageContaining("snowflake.private.key: not a PEM key");
        Map<String, String> p = minimal();
        p.put("snowflake.private.key", "${file:/secrets/sf.properties:key}");
        assertThat(new SnowflakeSinkConfig(p).keyPairAuth()).as("config-provider placeholders pass through").isTrue();
    }
}
