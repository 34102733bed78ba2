package io.mirrorconnect.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.sink.FlushPolicy;
import io.mirrorconnect.sink.WriteMode;

class ClickHouseSinkConfigTest {

    static Map<String, String> minimal() {
        return new HashMap<>(Map.of("mirror.name", "m", "table.mapping", "m.public.t:t", "clickhouse.host", "ch.example"));
    }

    @Test
    void defaultsFollowTheCompiledConfigContract() {
        ClickHouseSinkConfig c = new ClickHouseSinkConfig(minimal());
        assertThat(c.port()).isEqualTo(8123);
        assertThat(c.ssl()).isTrue();
        assertThat(c.user()).isEqualTo("default");
        assertThat(c.password().value()).isEmpty();
        assertThat(c.database()).isEqualTo("default");
        assertThat(c.compression()).isTrue();
        assertThat(c.endpoint()).isEqualTo("https://ch.example:8123");
        assertThat(c.writeMode()).isEqualTo(WriteMode.UPSERT);
        // ClickHouse's own batching defaults: smaller buffers than the core's, and the idle flush on
        assertThat(c.flushPolicy()).isEqualTo(new FlushPolicy(250_000, 16L * 1024 * 1024, 10_000, 1_000));
    }

    @Test
    void passwordIsSecretAndProviderReferencesPassThrough() {
        Map<String, String> p = minimal();
        p.put("clickhouse.password", "${file:/secrets.properties:ch}");
        ClickHouseSinkConfig c = new ClickHouseSinkConfig(p);
        assertThat(c.password().value()).isEqualTo("${file:/secrets.properties:ch}");
        assertThat(c.password().toString()).doesNotContain("secrets");
    }

    @Test
    void validateAttachesProblemsToTheirProperties() {
        Map<String, String> p = minimal();
        p.put("topics", "m.public.t,m.public.unmapped");
        p.put("clickhouse.ssl", "false");
        p.put("clickhouse.host", "127.0.0.1");
        p.put("clickhouse.port", "1"); // nothing listens there
        Config result = new ClickHouseSinkConnector().validate(p);
        Map<String, ConfigValue> byName = new HashMap<>();
        result.configValues().forEach(v -> byName.put(v.name(), v));
        assertThat(byName.get("table.mapping").errorMessages()).singleElement().asString().contains("m.public.unmapped");
        assertThat(byName.get("clickhouse.host").errorMessages()).singleElement().asString()
                .contains("cannot reach ClickHouse at http://127.0.0.1:1");
    }

    @Test
    void crossFieldProblemsLandOnTheirProperty() {
        Map<String, String> p = minimal();
        p.put("retry.backoff.ms", "5000");
        p.put("retry.backoff.max.ms", "10");
        Config result = new ClickHouseSinkConnector().validate(p);
        ConfigValue v = result.configValues().stream().filter(x -> x.name().equals("retry.backoff.max.ms")).findFirst().orElseThrow();
        assertThat(v.errorMessages()).singleElement().asString().contains("at least retry.backoff.ms");
    }

    @Test
    void rootCertificateGivenAsPemTextGoesToAPrivateFile() throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        String path = io.mirrorconnect.clickhouse.writer.ClickHouseClients.certificatePath(pem);
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of(path))).isEqualTo(pem);
        assertThat(io.mirrorconnect.clickhouse.writer.ClickHouseClients.certificatePath(" /etc/ssl/ca.pem ")).isEqualTo("/etc/ssl/ca.pem");
    }
}
