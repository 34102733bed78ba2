package io.mirrorconnect.pgcdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.ChangeHeaders;
import io.mirrorconnect.contract.ChangeMetadata;
import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.TableId;

class ChangeRecordFactoryTest {
    private final ChangeRecordFactory f = new ChangeRecordFactory("mirror");

    @Test
    void topicIsPrefixSchemaTableSanitized() {
        assertThat(f.topic(TableId.of("public", "users"))).isEqualTo("mirror.public.users");
        assertThat(f.topic(TableId.of("My Schema", "Order Items!"))).isEqualTo("mirror.My_Schema.Order_Items_");
    }

    @Test
    void recordsCarryTheContractHeaders() {
        Schema ks = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
        Struct key = new Struct(ks).put("id", 1);
        SourceRecord r = f.record(Map.of("mirror", "m"), Map.of("lsn", 5L), "t", ks, key, ks, key, ChangeOp.UPDATE,
                42L, 1_700_000_000_000_000L, Set.of("big"));
        ChangeMetadata meta = ChangeHeaders.read(r.headers(), "test");
        assertThat(meta).isEqualTo(new ChangeMetadata(ChangeOp.UPDATE, 42L, 1_700_000_000_000_000L, Set.of("big")));
        assertThat(r.kafkaPartition()).isNull();
        assertThat(r.timestamp()).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void snapshotRecordsShareHeaderValuesButEachHasItsOwnHeaders() {
        Schema ks = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
        Struct one = new Struct(ks).put("id", 1);
        Struct two = new Struct(ks).put("id", 2);
        SourceRecord a = f.snapshotRecord(Map.of("mirror", "m"), Map.of("done", "0-1"), "t", ks, one, ks, one, 5_000L);
        SourceRecord b = f.snapshotRecord(Map.of("mirror", "m"), Map.of("done", "0-2"), "t", ks, two, ks, two, 5_000L);
        SourceRecord later = f.snapshotRecord(Map.of(), Map.of(), "t", ks, one, ks, one, 7_000L);
        // the same headers as record() writes for a snapshot row
        SourceRecord viaRecord = f.record(Map.of(), Map.of(), "t", ks, one, ks, one, ChangeOp.SNAPSHOT, 0L, 5_000L,
                Set.of());
        assertThat(ChangeHeaders.read(a.headers(), "a")).isEqualTo(ChangeHeaders.read(viaRecord.headers(), "r"))
                .isEqualTo(new ChangeMetadata(ChangeOp.SNAPSHOT, 0L, 5_000L, Set.of()));
        assertThat(a.headers()).containsExactlyElementsOf(viaRecord.headers());
        assertThat(ChangeHeaders.read(later.headers(), "later").commitTimeMicros()).isEqualTo(7_000L);
        assertThat(a.timestamp()).isEqualTo(5L);
        assertThat(b.sourceOffset()).isEqualTo(Map.of("done", "0-2"));
        // a transform adding a header to one record (Connect's headers are mutable) leaves the others alone
        a.headers().addString("extra", "x");
        assertThat(a.headers().size()).isEqualTo(4);
        assertThat(b.headers().size()).isEqualTo(3);
        assertThat(f.snapshotRecord(Map.of(), Map.of(), "t", ks, one, ks, one, 5_000L).headers().size()).isEqualTo(3);
    }

    @Test
    void keylessRecordsGoToPartitionZero() {
        Schema vs = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
        SourceRecord r = f.record(Map.of("mirror", "m"), Map.of(), "t", null, null, vs, new Struct(vs).put("id", 1),
                ChangeOp.INSERT, 1L, 1L, Set.of());
        assertThat(r.kafkaPartition()).isZero();
    }

    @Test
    void aTruncateIsAddressedToTheGivenPartition() {
        ChangeRecordFactory four = new ChangeRecordFactory("mirror", false, 4);
        assertThat(four.topicPartitions()).isEqualTo(4);
        SourceRecord t = four.truncate(Map.of("mirror", "m"), Map.of(), TableId.of("public", "t"), 3, 7L, 9_000L);
        assertThat(t.topic()).isEqualTo("mirror.public.t");
        assertThat(t.key()).isNull();
        assertThat(t.value()).isNull();
        assertThat(t.kafkaPartition()).isEqualTo(3);
        assertThat(t.timestamp()).isEqualTo(9L);
        assertThat(ChangeHeaders.read(t.headers(), "t")).isEqualTo(ChangeMetadata.of(ChangeOp.TRUNCATE, 7L, 9_000L));
        assertThatThrownBy(() -> four.truncate(Map.of(), Map.of(), TableId.of("public", "t"), 4, 7L, 0L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChangeRecordFactory("mirror", false, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tombstoneFollowsADeleteOnlyWhenAskedAndOnlyWithAKey() {
        Schema ks = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
        Struct key = new Struct(ks).put("id", 9);
        SourceRecord delete = f.record(Map.of("mirror", "m"), Map.of("lsn", 5L), "t", ks, key, ks, key,
                ChangeOp.DELETE, 42L, 7L, Set.of());
        assertThat(f.tombstoneAfter(delete)).as("tombstones are off by default").isNull();

        ChangeRecordFactory on = new ChangeRecordFactory("mirror", true);
        SourceRecord tombstone = on.tombstoneAfter(delete);
        assertThat(tombstone.key()).isEqualTo(key);
        assertThat(tombstone.value()).isNull();
        assertThat(tombstone.valueSchema()).isNull();
        assertThat(tombstone.topic()).isEqualTo("t");
        assertThat(tombstone.sourceOffset()).isEqualTo(delete.sourceOffset());
        assertThat(ChangeHeaders.read(tombstone.headers(), "t")).isEqualTo(ChangeMetadata.of(ChangeOp.DELETE, 42L, 7L));

        SourceRecord keyless = on.record(Map.of("mirror", "m"), Map.of(), "t", null, null, ks, key,
                ChangeOp.DELETE, 1L, 1L, Set.of());
        assertThat(on.tombstoneAfter(keyless)).isNull();
    }
}
