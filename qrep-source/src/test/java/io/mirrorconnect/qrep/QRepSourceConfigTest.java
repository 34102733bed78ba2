package io.mirrorconnect.qrep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mirrorconnect.contract.TableId;

class QRepSourceConfigTest {
    private static Map<String, String> compiledSource(String example) throws IOException {
        JsonNode all = new ObjectMapper().readTree(Path.of("../config-examples/" + example + ".expected.json").toFile());
        Map<String, String> out = new HashMap<>();
        all.get(0).get("config").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"qrep-upsert", "qrep-xmin"})
    void acceptsExactlyWhatMirrorDdlCompiles(String example) throws IOException {
        Map<String, String> props = compiledSource(example);
        assertThat(props.get("connector.class")).isEqualTo(QRepSourceConnector.class.getName());
        QRepSourceConfig c = new QRepSourceConfig(props);
        assertThat(props.keySet().stream().filter(k -> !QRepSourceConfig.configDef().names().contains(k))
                        .filter(k -> !k.startsWith("producer.override.")) // the worker's, for the producer
                        .filter(k -> !k.startsWith("topic.creation."))) // the worker's, creating the topic
                .as("properties the source does not define")
                .isSubsetOf("connector.class", "tasks.max", "key.converter", "key.converter.schemas.enable",
                        "value.converter", "value.converter.schemas.enable", "header.converter");
        assertThat(c.topic()).isEqualTo(props.get("topic.name"));
    }

    @Test
    void upsertExampleTypedAccessors() throws IOException {
        QRepSourceConfig c = new QRepSourceConfig(compiledSource("qrep-upsert"));
        assertThat(c.mirrorName()).isEqualTo("events_qrep");
        assertThat(c.watermarkTable()).isEqualTo(TableId.of("public", "events"));
        assertThat(c.watermarkColumn()).isEqualTo("updated_at");
        assertThat(c.isXmin()).isFalse();
        assertThat(c.writeMode()).isEqualTo(QRepSourceConfig.WriteMode.UPSERT);
        assertThat(c.keyColumns()).containsExactly("id");
        assertThat(c.rowsPerPartition()).isEqualTo(100_000);
        assertThat(c.refreshIntervalMs()).isEqualTo(60_000);
        assertThat(c.parallelism()).isEqualTo(1);
        assertThat(c.taskIndex()).isZero();
        assertThat(c.taskCount()).isEqualTo(1);
    }

    @Test
    void xminExample() throws IOException {
        QRepSourceConfig c = new QRepSourceConfig(compiledSource("qrep-xmin"));
        assertThat(c.isXmin()).isTrue();
        assertThat(c.writeMode()).isEqualTo(QRepSourceConfig.WriteMode.APPEND);
        assertThat(c.keyColumns()).isEmpty();
    }

    private static Map<String, String> base() {
        Map<String, String> m = new HashMap<>();
        m.put("mirror.name", "m1");
        m.put("database.hostname", "h");
        m.put("database.dbname", "d");
        m.put("database.user", "u");
        m.put("query", "SELECT * FROM s.t WHERE id BETWEEN {{.start}} AND {{.end}}");
        m.put("watermark.table", "s.t");
        m.put("watermark.column", "id");
        return m;
    }

    @Test
    void aTemplateWithoutPlaceholdersIsRejectedNamingTheMirror() {
        Map<String, String> m = base();
        m.put("query", "SELECT * FROM s.t WHERE id >= {{.start}}");
        assertThatThrownBy(() -> new QRepSourceConfig(m)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mirror m1: the query must contain both {{.start}} and {{.end}} (missing {{.end}})");
    }

    @Test
    void xminQueriesHaveNoPlaceholders() {
        Map<String, String> m = base();
        m.put("watermark.column", "xmin");
        assertThatThrownBy(() -> new QRepSourceConfig(m)).hasMessageContaining("mirror m1: an xmin mirror's query");
        m.put("query", "SELECT * FROM s.t");
        assertThat(new QRepSourceConfig(m).isXmin()).isTrue();
    }

    @Test
    void overwriteNeedsInitialCopyOnlyAndUpsertNeedsKeys() {
        Map<String, String> m = base();
        m.put("write.mode", "overwrite");
        assertThatThrownBy(() -> new QRepSourceConfig(m)).hasMessageContaining("overwrite mode needs initial.copy.only");
        m.put("initial.copy.only", "true");
        assertThat(new QRepSourceConfig(m).writeMode()).isEqualTo(QRepSourceConfig.WriteMode.OVERWRITE);
        m.put("write.mode", "upsert");
        assertThatThrownBy(() -> new QRepSourceConfig(m)).hasMessageContaining("upsert mode needs unique.key.columns");
        m.put("unique.key.columns", "a, \"B c\"");
        assertThat(new QRepSourceConfig(m).keyColumns()).containsExactly("a", "B c");
    }

    @Test
    void aCtidWatermarkIsAOneShotCopy() {
        Map<String, String> m = base();
        m.put("watermark.column", "ctid");
        m.put("query", "SELECT * FROM s.t WHERE ctid BETWEEN {{.start}} AND {{.end}}");
        assertThatThrownBy(() -> new QRepSourceConfig(m)).hasMessageContaining("mirror m1: a ctid watermark copies "
                + "the table once in heap block ranges; it needs initial.copy.only=true");
        m.put("initial.copy.only", "true");
        assertThat(new QRepSourceConfig(m).isCtid()).isTrue();
    }

    @Test
    void topicDefaultsToTheContractsName() {
        assertThat(new QRepSourceConfig(base()).topic()).isEqualTo("m1.s.t");
    }

    @Test
    void validateReportsCrossFieldErrorsOnTheProperty() {
        Map<String, String> m = base();
        m.put("write.mode", "upsert");
        var values = new QRepSourceConnector().validate(m).configValues();
        assertThat(values.stream().filter(v -> v.name().equals("unique.key.columns")).findFirst().orElseThrow()
                .errorMessages()).anyMatch(e -> e.contains("upsert mode needs unique.key.columns"));
    }
}
