package io.mirrorconnect.pgcdc.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.Lsn;
import io.mirrorconnect.pgcdc.offsets.BlockRanges.Range;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets.SnapshotProgress;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets.StreamPosition;

class SourceOffsetsTest {
    @Test
    void streamPositionRoundTripsThroughJsonLikeMaps() {
        StreamPosition p = new StreamPosition(7L, Lsn.valueOf(1000), Lsn.valueOf(900),
                Set.of(TableId.of("public", "a"), TableId.of("My Schema", "b.c")));
        Map<String, Object> offset = new HashMap<>(p.toOffset());
        // Connect's JSON offset store hands integers back as Integer/Long and booleans as Boolean
        offset.put(SourceOffsets.EPOCH, 7);
        StreamPosition back = StreamPosition.fromOffset(offset);
        assertThat(back).isEqualTo(p);
        assertThat(StreamPosition.fromOffset(null)).isNull();
    }

    /**
     * The worker stores an offset under its key {@code [connector, partition]} written by its internal JsonConverter
     * (schemas off). Its REST {@code GET /connectors/NAME/offsets} reads the partitions back from that topic (a JSON
     * object comes back as a HashMap) and looks their offsets up by writing them again: a partition whose entries
     * come back in another order is written to other bytes and shows a null offset. So each partition's entries
     * are in the order a HashMap iterates them.
     */
    @Test
    void partitionsWriteTheSameBytesAfterTheWorkersJsonRoundTrip() {
        org.apache.kafka.connect.json.JsonConverter internal = new org.apache.kafka.connect.json.JsonConverter();
        internal.configure(Map.of("schemas.enable", "false"), true);
        TableId t = TableId.of("public", "orders");
        for (Map<String, Object> p : List.of(SourceOffsets.streamPartition("m"), SourceOffsets.snapshotPartition("m", t),
                SourceOffsets.snapshotSlicePartition("m", t, 0), SourceOffsets.snapshotSlicePartition("m", t, 63))) {
            byte[] written = internal.fromConnectData("offsets", null, List.of("mirror-m-source", p));
            Object back = internal.toConnectData("offsets", written).value();
            byte[] again = internal.fromConnectData("offsets", null, back);
            assertThat(new String(again, java.nio.charset.StandardCharsets.UTF_8)).as("%s", p)
                    .isEqualTo(new String(written, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void coversEarlierTransactionsAndEarlierChangesOfTheSameTransaction() {
        StreamPosition p = new StreamPosition(1, Lsn.valueOf(1000), Lsn.valueOf(900), Set.of());
        assertThat(p.covers(Lsn.valueOf(500), Lsn.valueOf(990))).isTrue();
        assertThat(p.covers(Lsn.valueOf(1000), Lsn.valueOf(899))).isTrue();
        assertThat(p.covers(Lsn.valueOf(1000), Lsn.valueOf(900))).isTrue();
        assertThat(p.covers(Lsn.valueOf(1000), Lsn.valueOf(901))).isFalse();
        assertThat(p.covers(Lsn.valueOf(2000), Lsn.valueOf(100))).isFalse();
    }

    @Test
    void coversComparesLsnsUnsigned() {
        StreamPosition p = new StreamPosition(1, Lsn.valueOf(1000), Lsn.valueOf(900), Set.of());
        assertThat(p.covers(Lsn.valueOf(-5L), Lsn.valueOf(1))).isFalse();
    }

    @Test
    void snapshotProgressRoundTrips() {
        SnapshotProgress s = new SnapshotProgress(3, BlockRanges.of(List.of(new Range(0, 10))), false);
        assertThat(SnapshotProgress.fromOffset(s.toOffset())).isEqualTo(s);
        assertThat(SnapshotProgress.fromOffset(Map.of())).isNull();
    }

    @Test
    void partitionsNameTheMirrorAndTable() {
        assertThat(SourceOffsets.streamPartition("m")).isEqualTo(Map.of("mirror", "m"));
        assertThat(SourceOffsets.snapshotPartition("m", TableId.of("public", "t")))
                .isEqualTo(Map.of("mirror", "m", "table", "public.t"));
        // Connect looks offsets up by the partition's serialized form: its key order must never vary
        assertThat(SourceOffsets.snapshotPartition("m", TableId.of("public", "t")).keySet())
                .containsExactly("mirror", "table");
    }
}
