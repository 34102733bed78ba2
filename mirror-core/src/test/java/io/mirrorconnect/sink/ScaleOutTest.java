package io.mirrorconnect.sink;

import static io.mirrorconnect.sink.Records.key;
import static io.mirrorconnect.sink.Records.record;
import static io.mirrorconnect.sink.Records.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.sink.MirrorSinkTaskTest.MemoryWriter;
import io.mirrorconnect.sink.MirrorSinkTaskTest.TestTask;

/**
 * Several sink tasks writing one table (docs/sink-core.md, "Several tasks"): a source TRUNCATE arrives as one copy
 * per partition and is applied version-guarded, so however the tasks interleave, the table ends as the source.
 */
class ScaleOutTest {
    private final MirrorSinkTaskTest harness = new MirrorSinkTaskTest();

    /**
     * Source history, versions as LSNs: insert 1 (10), insert 2 (11), update 1 (12), insert 3 (13), insert 4 (14),
     * TRUNCATE (20), insert 2 again (21), insert 5 (22), update 5 (23), delete 2 (24), insert 6 (25). Keys 1, 3, 5
     * hash to partition 0, keys 2, 4, 6 to partition 1; the truncate goes to both. Source afterwards: 5 and 6.
     */
    static List<SinkRecord> partition0() {
        return List.of(record(0, 0, ChangeOp.INSERT, 10, key(1), row(1, "a", "x")),
                record(0, 1, ChangeOp.UPDATE, 12, key(1), row(1, "b", "x")),
                record(0, 2, ChangeOp.INSERT, 13, key(3), row(3, "c", "x")),
                record(0, 3, ChangeOp.TRUNCATE, 20, null, null),
                record(0, 4, ChangeOp.INSERT, 22, key(5), row(5, "e", "x")),
                record(0, 5, ChangeOp.UPDATE, 23, key(5), row(5, "e2", "x")));
    }

    static List<SinkRecord> partition1() {
        return List.of(record(1, 0, ChangeOp.INSERT, 11, key(2), row(2, "b", "x")),
                record(1, 1, ChangeOp.INSERT, 14, key(4), row(4, "d", "x")),
                record(1, 2, ChangeOp.TRUNCATE, 20, null, null),
                record(1, 3, ChangeOp.INSERT, 21, key(2), row(2, "b2", "x")),
                record(1, 4, ChangeOp.DELETE, 24, key(2), row(2, "b2", "x")),
                record(1, 5, ChangeOp.INSERT, 25, key(6), row(6, "f", "x")));
    }

    static final Map<Integer, String> SOURCE = Map.of(5, "e2", 6, "f");

    TestTask task(MemoryWriter destination) {
        return harness.start(Map.of("flush.interval.ms", "0"), destination);
    }

    /** The destination's live rows, id → name. */
    static Map<Integer, String> live(MemoryWriter w) {
        Map<Integer, String> out = new TreeMap<>();
        w.rows.forEach((k, r) -> {
            if (!r.deleted()) {
                out.put((Integer) r.values().get("id"), (String) r.values().get("name"));
            }
        });
        return out;
    }

    @Test
    void aTaskAheadTruncatesBeforeALaggingTaskWritesOlderRows() {
        MemoryWriter destination = new MemoryWriter();
        TestTask a = task(destination);
        TestTask b = task(destination);
        a.put(partition0()); // all of partition 0, its truncate copy included, before partition 1 starts
        b.put(partition1());
        assertThat(live(destination)).isEqualTo(SOURCE);
    }

    @Test
    void aTaskBehindDoesNotRemoveRowsWrittenAfterTheTruncate() {
        MemoryWriter destination = new MemoryWriter();
        TestTask a = task(destination);
        TestTask b = task(destination);
        b.put(partition1()); // partition 1, including the re-insert of 2 after the truncate, first
        a.put(partition0());
        assertThat(live(destination)).isEqualTo(SOURCE);
    }

    @Test
    void interleavedRecordByRecord() {
        for (int shift = 0; shift < 6; shift++) {
            MemoryWriter destination = new MemoryWriter();
            TestTask a = task(destination);
            TestTask b = task(destination);
            List<SinkRecord> p0 = partition0();
            List<SinkRecord> p1 = partition1();
            for (int i = 0; i < p0.size() + shift; i++) {
                if (i < p0.size()) {
                    a.put(List.of(p0.get(i)));
                }
                if (i - shift >= 0 && i - shift < p1.size()) {
                    b.put(List.of(p1.get(i - shift)));
                }
            }
            assertThat(live(destination)).as("partition 1 behind by %d record(s)", shift).isEqualTo(SOURCE);
        }
    }

    @Test
    void oneTaskWithBothPartitionsDeletesOncePerTruncateWhenNothingOlderCameBetween() {
        MemoryWriter destination = new MemoryWriter();
        TestTask t = task(destination);
        List<SinkRecord> p0 = partition0();
        List<SinkRecord> p1 = partition1();
        List<SinkRecord> all = new ArrayList<>(p0.subList(0, 3));
        all.addAll(p1.subList(0, 2));
        all.add(p0.get(3)); // truncate copy of partition 0
        all.add(p1.get(2)); // truncate copy of partition 1: nothing older written since, skipped
        all.addAll(p0.subList(4, 6));
        all.addAll(p1.subList(3, 6));
        t.put(all);
        assertThat(destination.truncatedBefore).containsExactly(20L);
        assertThat(live(destination)).isEqualTo(SOURCE);
    }

    @Test
    void oneTaskDeletesAgainWhenALaggingPartitionWroteOlderRowsAfterTheFirstCopy() {
        MemoryWriter destination = new MemoryWriter();
        TestTask t = task(destination);
        t.put(partition0()); // truncate applied once, then rows 22, 23
        t.put(partition1()); // rows 11 and 14 (older than the truncate) written, so its copy deletes again
        assertThat(destination.truncatedBefore).containsExactly(20L, 20L);
        assertThat(live(destination)).isEqualTo(SOURCE);
    }

    @Test
    void overwriteEmptiesTheTableOnlyAtOffsetZeroOfPartitionZero() {
        MemoryWriter destination = new MemoryWriter();
        TestTask t = harness.start(Map.of("write.mode", "overwrite", "flush.interval.ms", "0"), destination);
        t.put(List.of(record(1, 0, ChangeOp.SNAPSHOT, 7, null, row(1, "a", "x"))));
        assertThat(destination.truncates).as("offset 0 of partition 1 does not empty the table").isZero();
        t.put(List.of(record(0, 0, ChangeOp.SNAPSHOT, 7, null, row(2, "b", "x"))));
        assertThat(destination.truncates).isEqualTo(1);
    }
}
