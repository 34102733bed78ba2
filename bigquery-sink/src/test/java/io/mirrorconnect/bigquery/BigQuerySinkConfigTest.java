package io.mirrorconnect.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.bigquery.schema.ArrayMapping;

class BigQuerySinkConfigTest {

    static Map<String, String> minimal() {
        Map<String, String> p = new HashMap<>();
        p.put("mirror.name", "m");
        p.put("table.mapping", "t:orders");
        p.put("bigquery.project", "proj");
        p.put("bigquery.dataset", "ds");
        return p;
    }

    @Test
    void defaults() {
        BigQuerySinkConfig c = new BigQuerySinkConfig(minimal());
        assertThat(c.auth()).isEqualTo("auto");
        assertThat(c.arrays()).isEqualTo(ArrayMapping.REPEATED);
        assertThat(c.stagingDataset("ds")).isEqualTo("ds");
        assertThat(c.grpcEndpoint()).isEmpty();
        assertThat(c.restEndpoint()).isEmpty();
        assertThat(c.privateKey()).isEmpty();
        assertThat(c.taskIndex()).isZero();
    }

    @Test
    void emulatorEndpoints() {
        Map<String, String> p = minimal();
        p.put("bigquery.rest.endpoint", "http://127.0.0.1:9050");
        p.put("bigquery.grpc.endpoint", "http://127.0.0.1:9060");
        p.put("bigquery.auth", "none");
        p.put("bigquery.staging.dataset", "scratch");
        BigQuerySinkConfig c = new BigQuerySinkConfig(p);
        assertThat(c.grpcHostPort()).isEqualTo("127.0.0.1:9060");
        assertThat(c.grpcPlaintext()).isTrue();
        assertThat(c.stagingDataset("ds")).isEqualTo("scratch");
        p.put("bigquery.grpc.endpoint", "bigquerystorage.googleapis.com:443");
        assertThat(new BigQuerySinkConfig(p).grpcPlaintext()).isFalse();
        p.put("bigquery.grpc.endpoint", "no-port");
        assertThatThrownBy(() -> new BigQuerySinkConfig(p)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bigquery.grpc.endpoint: expected host:port");
    }

    @Test
    void privateKeyEscapesBecomeLineBreaksAndTheKeyNeedsItsFields() {
        Map<String, String> p = minimal();
        p.put("bigquery.credentials.private_key", "-----BEGIN PRIVATE KEY-----\\nABC\\n-----END PRIVATE KEY-----\\n");
        assertThatThrownBy(() -> new BigQuerySinkConfig(p)).hasMessageContaining("bigquery.credentials.client_email: required");
        p.put("bigquery.credentials.client_email", "a@b");
        p.put("bigquery.credentials.private_key_id", "k");
        assertThat(new BigQuerySinkConfig(p).privateKey()).isEqualTo("-----BEGIN PRIVATE KEY-----\nABC\n-----END PRIVATE KEY-----\n");
        p.put("bigquery.credentials.private_key", "-----BEGIN PRIVATE KEY-----\nA\\nB\n");
        assertThat(new BigQuerySinkConfig(p).privateKey()).isEqualTo("-----BEGIN PRIVATE KEY-----\nA\\nB"); // ConfigDef trims
    }

    @Test
    void workerWideEndpointDefaultsApplyUnlessTheConnectorSetsItsOwn() {
        System.setProperty("mirror.bigquery.rest.endpoint", "http://127.0.0.1:9050");
        System.setProperty("mirror.bigquery.auth", "none");
        try {
            BigQuerySinkConfig c = new BigQuerySinkConfig(minimal());
            assertThat(c.restEndpoint()).isEqualTo("http://127.0.0.1:9050");
            assertThat(c.auth()).isEqualTo("none");
            Map<String, String> own = minimal();
            own.put("bigquery.rest.endpoint", "https://private.example");
            assertThat(new BigQuerySinkConfig(own).restEndpoint()).isEqualTo("https://private.example");
        } finally {
            System.clearProperty("mirror.bigquery.rest.endpoint");
            System.clearProperty("mirror.bigquery.auth");
        }
    }

    @Test
    void privateKeyIsASecret() {
        assertThat(BigQuerySinkConfig.CONFIG_DEF.configKeys().get("bigquery.credentials.private_key").type)
                .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
    }

    @Test
    void configProviderPlaceholdersPassThrough() {
        Map<String, String> p = minimal();
        p.put("bigquery.credentials.private_key", "${file:/secrets/bq.properties:private_key}");
        p.put("bigquery.credentials.client_email", "${file:/secrets/bq.properties:client_email}");
        p.put("bigquery.credentials.private_key_id", "${file:/secrets/bq.properties:private_key_id}");
        assertThat(new BigQuerySinkConfig(p).privateKey()).isEqualTo("${file:/secrets/bq.properties:private_key}");
    }

    @Test
    void validateAttachesProblemsToProperties() {
        Map<String, String> p = minimal();
        p.put("topics", "t,other");
        p.put("bigquery.auth", "none");
        p.put("bigquery.rest.endpoint", "http://127.0.0.1:1"); // nothing listens
        p.put("bigquery.timeout.ms", "2000");
        p.put("max.retries", "0");
        Config c = new BigQuerySinkConnector().validate(p);
        assertThat(errors(c, "table.mapping")).anyMatch(m -> m.contains("no destination for topic(s) [other]"));
        assertThat(errors(c, "bigquery.dataset")).anyMatch(m -> m.contains("proj.ds"));
    }

    @Test
    void taskConfigsCarryTheTaskIndex() {
        BigQuerySinkConnector connector = new BigQuerySinkConnector();
        connector.start(minimal());
        List<Map<String, String>> tasks = connector.taskConfigs(2);
        assertThat(tasks).extracting(t -> t.get(BigQuerySinkConfig.TASK_INDEX_CONFIG)).containsExactly("0", "1");
        assertThat(new BigQuerySinkConfig(tasks.get(1)).taskIndex()).isEqualTo(1);
    }

    private static List<String> errors(Config c, String name) {
        return c.configValues().stream().filter(v -> v.name().equals(name)).findFirst().map(ConfigValue::errorMessages).orElseThrow();
    }
}
