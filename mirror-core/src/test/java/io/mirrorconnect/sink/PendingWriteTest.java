package io.mirrorconnect.sink;

import static io.mirrorconnect.sink.Records.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.TableId;

/** A cut batch is collapsed by its write, once: on the writer thread when the task pipelines its writes. */
class PendingWriteTest {
    private static final TableId TABLE = TableId.of(null, "items");

    private static List<ChangeRow> rows() {
        List<ChangeRow> rows = new ArrayList<>();
        rows.add(ChangeRow.read(upsert(0, ChangeOp.INSERT, 1, 1, "a", "x"), false));
        rows.add(ChangeRow.read(upsert(1, ChangeOp.UPDATE, 2, 1, "b", "y"), false));
        rows.add(ChangeRow.read(upsert(2, ChangeOp.INSERT, 3, 2, "c", "z"), false));
        return rows;
    }

    private static CollapsedBatch collapse(List<ChangeRow> rows) {
        return new BatchCollapser(WriteMode.UPSERT, new KeyExtractor(List.of())).collapse(TABLE, rows,
                rows.get(0).value().schema());
    }

    @Test
    void theRowsAreCollapsedOnceWhenFirstAskedForAndNotToDescribeTheWrite() {
        List<ChangeRow> rows = rows();
        AtomicInteger collapses = new AtomicInteger();
        PendingWrite write = PendingWrite.collapsing(TABLE, rows.size(), () -> {
            collapses.incrementAndGet();
            return collapse(rows);
        }, new OffsetTracker().cut(TABLE));

        assertThat(write.table()).isEqualTo(TABLE);
        assertThat(write.description()).isEqualTo("writing 3 record(s) to " + TABLE);
        assertThat(write.knownEmpty()).isFalse();
        assertThat(collapses).hasValue(0);

        CollapsedBatch batch = write.batch();
        assertThat(batch.rows()).hasSize(2); // key 1's two changes folded
        assertThat(batch.records()).isEqualTo(3);
        assertThat(write.batch()).isSameAs(batch);
        assertThat(collapses).hasValue(1);
        assertThat(write.description()).isEqualTo("writing 2 row(s) to " + TABLE);

        PendingWrite rest = write.without(batch.rows().get(0)).without(batch.rows().get(1));
        assertThat(rest.knownEmpty()).isTrue();
        assertThat(rest.segment()).isSameAs(write.segment());
        assertThat(rest.table()).isEqualTo(TABLE);
    }

    @Test
    void aCollapseThatFailsFailsAgainWhenAskedAgain() {
        AtomicInteger attempts = new AtomicInteger();
        PendingWrite write = PendingWrite.collapsing(TABLE, 1, () -> {
            attempts.incrementAndGet();
            throw new DataException("no key");
        }, new OffsetTracker().cut(TABLE));
        assertThatThrownBy(write::batch).isInstanceOf(DataException.class).hasMessage("no key");
        assertThatThrownBy(write::batch).isInstanceOf(DataException.class);
        assertThat(attempts).hasValue(2);
        assertThat(write.description()).isEqualTo("writing 1 record(s) to " + TABLE);
    }

    @Test
    void aPipelinedWriteCollapsesItsRowsOnTheWriterThread() {
        List<ChangeRow> rows = rows();
        AtomicReference<String> collapsedOn = new AtomicReference<>();
        AtomicReference<CollapsedBatch> written = new AtomicReference<>();
        TableWriter writer = new MirrorSinkTaskTest.MemoryWriter() {
            @Override
            public void write(TableId table, CollapsedBatch batch) {
                written.set(batch);
            }
        };
        WriteSlot slot = WriteSlot.background(writer, "pending-write-test");
        PendingWrite write = PendingWrite.collapsing(TABLE, rows.size(), () -> {
            collapsedOn.set(Thread.currentThread().getName());
            return collapse(rows);
        }, new OffsetTracker().cut(TABLE));
        slot.submit(write);
        WriteSlot.Outcome outcome = slot.await();
        slot.close(1000);

        assertThat(outcome.error()).isNull();
        assertThat(collapsedOn.get()).startsWith("mirror-pending-write-test-sink-writer-")
                .isNotEqualTo(Thread.currentThread().getName());
        assertThat(written.get()).isSameAs(outcome.write().batch());
        assertThat(written.get().rows()).extracting(r -> r.key().get(0)).containsExactly(1, 2);
    }

    @Test
    void theKeySchemaAndFirstOffsetAreReadWithoutCollapsing() {
        List<ChangeRow> rows = rows();
        BatchCollapser collapser = new BatchCollapser(WriteMode.UPSERT, new KeyExtractor(List.of()));
        Schema key = collapser.keySchema(rows);
        assertThat(key).isSameAs(collapser.collapse(TABLE, rows, null).keySchema()).isSameAs(Records.KEY);
        assertThat(BatchCollapser.fromFirstOffset(rows)).isTrue();
        assertThat(BatchCollapser.fromFirstOffset(rows.subList(1, 3))).isFalse();
        assertThat(collapser.keySchema(List.of())).isNull();
    }
}
