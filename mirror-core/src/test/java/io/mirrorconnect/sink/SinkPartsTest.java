package io.mirrorconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.TableId;

class SinkPartsTest {

    @Test
    void tableMappingParsesQuotedDestinations() {
        Map<String, TableId> m = TableRouter.parseMapping(
                "pg.public.users:users, pg.public.odd_name:\"Odd, Name\".\"t:1\" ,pg.s.t:analytics.t");
        assertThat(m).containsExactly(
                Map.entry("pg.public.users", TableId.of(null, "users")),
                Map.entry("pg.public.odd_name", TableId.of("Odd, Name", "t:1")),
                Map.entry("pg.s.t", TableId.of("analytics", "t")));
    }

    @Test
    void tableMappingRejectsBadPairs() {
        assertThatThrownBy(() -> TableRouter.parseMapping("pg.public.users")).hasMessageContaining("topic:destination");
        assertThatThrownBy(() -> TableRouter.parseMapping("a:x,a:y")).hasMessageContaining("mapped twice");
        assertThatThrownBy(() -> TableRouter.parseMapping("bad topic:x")).hasMessageContaining("not a valid topic");
    }

    @Test
    void unknownTopicIsAClearError() {
        TableRouter r = new TableRouter(TableRouter.parseMapping("a:x"));
        assertThatThrownBy(() -> r.route("b")).isInstanceOf(DataException.class)
                .hasMessageContaining("topic 'b'").hasMessageContaining("[a]");
        assertThat(r.unmapped(List.of("a", "c", "b"))).containsExactly("b", "c");
    }

    @Test
    void retryBackoffDoublesUpToTheCap() {
        RetryPolicy p = new RetryPolicy(10, 1000, 60_000);
        assertThat(List.of(p.backoffMs(1), p.backoffMs(2), p.backoffMs(3), p.backoffMs(7), p.backoffMs(30)))
                .containsExactly(1000L, 2000L, 4000L, 60_000L, 60_000L);
        assertThat(p.mayRetry(10)).isTrue();
        assertThat(p.mayRetry(11)).isFalse();
    }

    @Test
    void offsetsAdvanceOnlyPastDurableRecords() {
        OffsetTracker t = new OffsetTracker();
        TopicPartition a = new TopicPartition("a", 0);
        TableId x = TableId.of(null, "x");
        t.buffered(a, 10, x);
        t.done(a, 11); // a tombstone behind a buffered record
        assertThat(t.committable()).isEmpty();
        assertThat(t.alreadyTaken(a, 11)).isTrue();
        assertThat(t.alreadyTaken(a, 12)).isFalse();
        t.written(t.cut(x));
        assertThat(t.committable()).isEqualTo(Map.of(a, new OffsetAndMetadata(12)));
        t.forget(Set.of(a));
        assertThat(t.committable()).isEmpty();
    }

    @Test
    void flushPolicyByRowsBytesAndTime() {
        TableBuffer b = new TableBuffer(TableId.of(null, "items"));
        b.add(Records.change(Records.upsert(0, ChangeOp.INSERT, 1, 1, "a", "x".repeat(1000))), 100);
        assertThat(new FlushPolicy(2, 1_000_000, 50, 0).due(b, 120, 120)).isFalse();
        assertThat(new FlushPolicy(2, 1_000_000, 50, 0).due(b, 150, 150)).isTrue();
        assertThat(new FlushPolicy(1, 1_000_000, 50, 0).full(b)).isTrue();
        assertThat(new FlushPolicy(2, 500, 50, 0).full(b)).isTrue();
        b.clear(200, false);
        assertThat(new FlushPolicy(1, 1, 0, 0).due(b, 1_000, 1_000)).isFalse();
    }

    @Test
    void idleFlushWaitsForTheConsumerToCatchUpAndForTheIdleTimeSinceTheLastFlush() {
        TableBuffer b = new TableBuffer(TableId.of(null, "items"));
        FlushPolicy p = new FlushPolicy(10, 1_000_000, 60_000, 1_000);
        b.add(Records.change(Records.upsert(0, ChangeOp.INSERT, 1, 1, "a", "x")), 0);
        assertThat(p.due(b, 49, 0)).as("not flushed before: caught up after 50 ms").isFalse();
        assertThat(p.due(b, 50, 0)).isTrue();
        assertThat(p.untilDue(b, 20, 0)).isEqualTo(30);
        b.clear(200, false);
        b.add(Records.change(Records.upsert(1, ChangeOp.INSERT, 2, 2, "b", "y")), 300);
        assertThat(p.due(b, 1_199, 300)).as("caught up, but flushed 999 ms ago").isFalse();
        assertThat(p.due(b, 1_200, 300)).isTrue();
        assertThat(p.untilDue(b, 600, 300)).isEqualTo(600);
        assertThat(p.due(b, 1_500, 1_480)).as("a record 20 ms ago: not caught up").isFalse();
        assertThat(p.untilDue(b, 1_500, 1_480)).isEqualTo(30);
        b.clear(1_500, true);
        b.add(Records.change(Records.upsert(2, ChangeOp.INSERT, 3, 3, "c", "z")), 1_600);
        assertThat(p.due(b, 1_800, 1_600)).as("a full flush 300 ms ago does not count; the partial one at 200 does")
                .isTrue();
    }

    @Test
    void configDefaultsAndCrossFieldChecks() {
        Map<String, String> props = new HashMap<>(Map.of("mirror.name", "m", "table.mapping", "t:x"));
        SinkCoreConfig c = SinkCoreConfig.of(props);
        assertThat(c.writeMode()).isEqualTo(WriteMode.UPSERT);
        assertThat(c.softDelete()).isFalse();
        assertThat(List.of(c.softDeleteColumn(), c.syncedAtColumn(), c.versionColumn()))
                .containsExactly("_PEERDB_IS_DELETED", "_PEERDB_SYNCED_AT", "_PEERDB_VERSION");
        assertThat(c.flushPolicy()).isEqualTo(new FlushPolicy(250_000, 64L * 1024 * 1024, 10_000, 0));
        assertThat(c.retryPolicy()).isEqualTo(new RetryPolicy(10, 1000, 60_000));

        props.put("synced.at.column", "_PEERDB_VERSION");
        assertThatThrownBy(() -> SinkCoreConfig.of(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("three different columns");
        props.remove("synced.at.column");
        props.put("write.mode", "sideways");
        assertThatThrownBy(() -> SinkCoreConfig.of(props)).isInstanceOf(ConfigException.class).hasMessageContaining("write.mode");
        props.put("write.mode", "APPEND");
        assertThat(SinkCoreConfig.of(props).writeMode()).isEqualTo(WriteMode.APPEND);
        props.put("table.mapping", "nocolon");
        assertThatThrownBy(() -> SinkCoreConfig.of(props)).isInstanceOf(ConfigException.class).hasMessageContaining("table.mapping");
    }
}
