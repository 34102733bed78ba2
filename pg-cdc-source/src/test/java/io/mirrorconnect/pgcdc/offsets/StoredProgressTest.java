package io.mirrorconnect.pgcdc.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.offsets.BlockRanges.Range;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets.SnapshotProgress;

class StoredProgressTest {
    private static final TableId T = TableId.of("public", "orders");

    /** Keeps offsets the way Connect's offset store does: by the bytes of the serialized {@code [name, partition]}. */
    private static final class ByteKeyedStore implements OffsetStorageReader {
        private final JsonConverter json = new JsonConverter();
        private final Map<ByteBuffer, Map<String, Object>> data = new HashMap<>();

        ByteKeyedStore() {
            json.configure(Map.of("schemas.enable", "false"), true);
        }

        private ByteBuffer key(Map<String, ?> partition) {
            return ByteBuffer.wrap(json.fromConnectData("offsets", null, List.of("c", partition)));
        }

        void put(Map<String, ?> partition, Map<String, Object> offset) {
            data.put(key(partition), offset);
        }

        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
            return data.get(key(partition));
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
            Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
            for (Map<String, T> p : partitions) {
                out.put(p, data.get(key(p))); // as Connect: every partition asked for, null when absent
            }
            return out;
        }
    }

    private static Map<String, Object> progress(long from, long to) {
        return new SnapshotProgress(5L, BlockRanges.of(List.of(new Range(from, to))), false).toOffset();
    }

    @Test
    void slicesWrittenInTheCurrentAndTheLegacyOrderAreBothRead() {
        ByteKeyedStore store = new ByteKeyedStore();
        store.put(SourceOffsets.snapshotPartition("m", T), progress(0, 10));
        store.put(SourceOffsets.snapshotSlicePartition("m", T, 1), progress(10, 20));
        store.put(SourceOffsets.legacySnapshotSlicePartition("m", T, 2), progress(20, 30));
        SnapshotProgress p = StoredProgress.read(store, "m", List.of(T)).get(T);
        assertThat(p.epoch()).isEqualTo(5L);
        assertThat(p.done()).isEqualTo(BlockRanges.of(List.of(new Range(0, 30))));
    }

    @Test
    void theTwoSpellingsOfASlicePartitionAreStoredUnderDifferentKeys() {
        ByteKeyedStore store = new ByteKeyedStore();
        store.put(SourceOffsets.legacySnapshotSlicePartition("m", T, 3), progress(0, 10));
        assertThat(SourceOffsets.legacySnapshotSlicePartition("m", T, 3))
                .isEqualTo(SourceOffsets.snapshotSlicePartition("m", T, 3));
        assertThat(store.offset(SourceOffsets.snapshotSlicePartition("m", T, 3))).isNull();
    }
}
