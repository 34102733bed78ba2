package io.mirrorconnect.qrep.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.qrep.plan.CyclePlan;
import io.mirrorconnect.qrep.plan.Partition;

class CycleProgressTest {
    private static final CyclePlan PLAN = new CyclePlan(4, null,
            List.of(new Partition(0, null, "740"), new Partition(1, "740", "790"), new Partition(2, "790", "801")),
            "801", 1_700_000_000_000_000L);

    @Test
    void finishedPartitionsAreLeftOutOfTheRestart() {
        CycleProgress p = CycleProgress.fresh(PLAN);
        assertThat(p.unfinished()).hasSize(3);
        p.markDone(1);
        assertThat(p.unfinished()).extracting(Partition::index).containsExactly(0, 2);
        assertThat(p.complete()).isFalse();
        p.markDone(0);
        p.markDone(2);
        assertThat(p.complete()).isTrue();
    }

    @Test
    void roundTripsThroughTheWorkersOffsetSerialization() {
        CycleProgress p = CycleProgress.fresh(PLAN);
        p.markDone(2);
        // Connect stores offsets schemaless through a JsonConverter: numbers come back as Long, lists as lists
        // and accepts only primitive values (OffsetUtils.validateFormat)
        assertThat(p.toOffset().values()).allMatch(v -> v == null || v instanceof String || v instanceof Number
                || v instanceof Boolean);
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), false);
        byte[] bytes = json.fromConnectData("offsets", null, p.toOffset());
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"done\":\"001\"");
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) json.toConnectData("offsets", bytes).value();
        CycleProgress r = CycleProgress.fromOffset(back);
        assertThat(r.plan()).isEqualTo(PLAN);
        assertThat(r.unfinished()).extracting(Partition::index).containsExactly(0, 1);
        assertThat(CycleProgress.fromOffset(null)).isNull();
        assertThat(p.toOffset()).containsEntry("starts", ",740,790").containsEntry("ends", "740,790,801");
    }

    @Test
    void aSinglePartitionWithoutStartRoundTrips() {
        CyclePlan one = new CyclePlan(1, null, List.of(new Partition(0, null, "42")), "42", 5);
        assertThat(CycleProgress.fromOffset(CycleProgress.fresh(one).toOffset()).plan()).isEqualTo(one);
        CyclePlan none = new CyclePlan(2, "42", List.of(), "42", 5);
        assertThat(CycleProgress.fromOffset(CycleProgress.fresh(none).toOffset()).plan()).isEqualTo(none);
    }
}
