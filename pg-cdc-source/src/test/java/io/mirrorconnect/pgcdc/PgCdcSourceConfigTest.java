package io.mirrorconnect.pgcdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.TableId;

class PgCdcSourceConfigTest {
    static Map<String, String> minimal() {
        Map<String, String> p = new HashMap<>();
        p.put("mirror.name", "m1");
        p.put("database.hostname", "db");
        p.put("database.user", "u");
        p.put("database.dbname", "d");
        p.put("table.include.list", "public.a, \"My Schema\".\"T.x\"");
        return p;
    }

    @Test
    void defaultsFollowTheCompiledConfigContract() {
        PgCdcSourceConfig c = new PgCdcSourceConfig(minimal());
        assertThat(c.port()).isEqualTo(5432);
        assertThat(c.sslMode()).isEqualTo("prefer");
        assertThat(c.topicPrefix()).isEqualTo("m1");
        assertThat(c.publicationName()).isEqualTo("mirrorconnect_pub_m1");
        assertThat(c.publicationUserSupplied()).isFalse();
        assertThat(c.slotName()).isEqualTo("mirrorconnect_slot_m1");
        assertThat(c.snapshotEnabled()).isTrue();
        assertThat(c.snapshotRowsPerPartition()).isEqualTo(250_000);
        assertThat(c.snapshotWorkersPerTable()).isEqualTo(8);
        assertThat(c.snapshotTablesInParallel()).isEqualTo(1);
        assertThat(c.maxBatchSize()).isEqualTo(250_000);
        assertThat(c.heartbeatIntervalMs()).isEqualTo(60_000);
        assertThat(c.tables()).containsExactly(TableId.of("public", "a"), TableId.of("My Schema", "T.x"));
    }

    @Test
    void topicPartitionsComeFromConnectsTopicCreationProperty() {
        assertThat(new PgCdcSourceConfig(minimal()).topicPartitions()).as("unset").isEqualTo(1);
        Map<String, String> p = minimal();
        p.put("topic.creation.default.partitions", "4");
        assertThat(new PgCdcSourceConfig(p).topicPartitions()).isEqualTo(4);
        p.put("topic.creation.default.partitions", "-1");
        assertThat(new PgCdcSourceConfig(p).topicPartitions()).as("the broker's default: unknown").isEqualTo(1);
        p.put("topic.creation.default.partitions", "0");
        assertThatThrownBy(() -> new PgCdcSourceConfig(p).topicPartitions()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("topic.creation.default.partitions");
    }

    @Test
    void acceptsEveryPropertyMirrorDdlEmits() {
        Map<String, String> p = minimal();
        p.put("database.port", "6543");
        p.put("database.password", "${file:/secrets:pw}");
        p.put("database.sslmode", "verify-full");
        p.put("database.sslrootcert", "-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----");
        p.put("topic.prefix", "pfx");
        p.put("column.exclude.list", "public.a.secret,\"My Schema\".\"T.x\".\"Big Col\"");
        p.put("publication.name", "my_pub");
        p.put("slot.name", "my_slot");
        p.put("snapshot.enabled", "false");
        p.put("snapshot.rows.per.partition", "1000");
        p.put("snapshot.max.parallel.workers", "2");
        p.put("snapshot.tables.in.parallel", "3");
        p.put("max.batch.size", "500");
        p.put("heartbeat.interval.ms", "1000");
        PgCdcSourceConfig c = new PgCdcSourceConfig(p);
        assertThat(c.password()).isEqualTo("${file:/secrets:pw}");
        assertThat(c.excludedColumns(TableId.of("public", "a"))).isEqualTo(Set.of("secret"));
        assertThat(c.excludedColumns(TableId.of("My Schema", "T.x"))).isEqualTo(Set.of("Big Col"));
        assertThat(c.publicationUserSupplied()).isTrue();
        assertThat(c.slotName()).isEqualTo("my_slot");
        assertThat(c.topicPrefix()).isEqualTo("pfx");
        assertThat(c.snapshotEnabled()).isFalse();
    }

    @Test
    void passwordIsASecret() {
        assertThat(PgCdcSourceConfig.CONFIG_DEF.configKeys().get("database.password").type)
                .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
    }

    @Test
    void badInputsNameTheProblem() {
        Map<String, String> p = minimal();
        p.put("table.include.list", "nosuchschema");
        assertThatThrownBy(() -> new PgCdcSourceConfig(p)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("has no schema");
        Map<String, String> q = minimal();
        q.put("column.exclude.list", "public.b.x");
        assertThatThrownBy(() -> new PgCdcSourceConfig(q)).hasMessageContaining("public.b")
                .hasMessageContaining("table.include.list");
        Map<String, String> r = minimal();
        r.put("slot.name", "Bad-Slot");
        assertThatThrownBy(() -> new PgCdcSourceConfig(r)).hasMessageContaining("slot.name");
    }

    @Test
    void defaultSlotNameIsFoldedIntoTheSlotAlphabet() {
        assertThat(PgCdcSourceConfig.defaultSlotName("Sales-EU")).isEqualTo("mirrorconnect_slot_sales_eu");
    }

    @Test
    void connectorValidationRejectsMoreTasksThanSnapshotSlices() {
        Map<String, String> p = minimal();
        p.put("tasks.max", "65");
        p.put("table.include.list", "x"); // bad too: validation stops before touching a database
        List<ConfigValue> values = new PgCdcSourceConnector().validate(p).configValues();
        assertThat(values.stream().filter(v -> v.name().equals("tasks.max")).findFirst().orElseThrow()
                .errorMessages()).anyMatch(m -> m.contains("must be between 1 and 64"));
        assertThat(values.stream().filter(v -> v.name().equals("table.include.list")).findFirst().orElseThrow()
                .errorMessages()).anyMatch(m -> m.contains("has no schema"));
    }

    @Test
    void connectorValidationAcceptsSeveralSnapshotTasks() {
        Map<String, String> p = minimal();
        p.put("tasks.max", "2");
        p.put("table.include.list", "x"); // stops validation before the database
        List<ConfigValue> values = new PgCdcSourceConnector().validate(p).configValues();
        assertThat(values.stream().filter(v -> v.name().equals("tasks.max")).flatMap(v -> v.errorMessages().stream()))
                .isEmpty();
        p.put("tasks.max", "0");
        assertThat(new PgCdcSourceConnector().validate(p).configValues().stream()
                .filter(v -> v.name().equals("tasks.max")).findFirst().orElseThrow().errorMessages())
                .anyMatch(m -> m.contains("must be between 1 and 64"));
    }
}
