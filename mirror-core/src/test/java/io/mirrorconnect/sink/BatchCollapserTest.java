package io.mirrorconnect.sink;

import static io.mirrorconnect.sink.Records.change;
import static io.mirrorconnect.sink.Records.deleteKeyOnly;
import static io.mirrorconnect.sink.Records.deleteKeyInValue;
import static io.mirrorconnect.sink.Records.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.TableId;

/**
 * Golden-file tests of the collapser: each scenario's output is rendered as text and compared with
 * src/test/resources/golden/collapse/&lt;scenario&gt;.txt (regenerate with -Dgolden.update=true), plus direct
 * assertions on the properties that matter.
 */
class BatchCollapserTest {
    private static final TableId TABLE = TableId.of(null, "items");
    private static final Path GOLDEN = Path.of("src/test/resources/golden/collapse");

    private static CollapsedBatch collapse(WriteMode mode, List<String> uniqueKey, SinkRecord... records) {
        List<ChangeRow> rows = new ArrayList<>();
        TableBuffer buffer = new TableBuffer(TABLE);
        BatchCollapser c = new BatchCollapser(mode, new KeyExtractor(uniqueKey));
        for (SinkRecord r : records) {
            ChangeRow row = change(r);
            c.check(row);
            rows.add(row);
            buffer.add(row, 0);
        }
        return c.collapse(TABLE, rows, buffer.valueSchema());
    }

    private static CollapsedBatch upsertBatch(SinkRecord... records) {
        return collapse(WriteMode.UPSERT, List.of(), records);
    }

    static String render(CollapsedBatch b) {
        StringBuilder sb = new StringBuilder();
        sb.append("table ").append(b.table()).append(" mode ").append(b.mode().configValue())
                .append(" records ").append(b.records()).append(" rows ").append(b.rows().size())
                .append(" key ").append(b.keyFields())
                .append(" columns ").append(b.valueSchema() == null ? "?" : b.valueSchema().fields().stream().map(f -> f.name()).toList())
                .append(b.fromFirstOffset() ? " from-first-offset" : "").append('\n');
        for (CollapsedRow r : b.rows()) {
            sb.append(r.deleted() ? "DELETE " : "UPSERT ").append("key=").append(r.key())
                    .append(" version=").append(r.version())
                    .append(" from=").append(r.source().partition()).append('/').append(r.source().offset())
                    .append(" values=").append(r.values());
            if (!r.lookupFields().isEmpty()) {
                sb.append(" lookup=").append(new TreeSet<>(r.lookupFields()));
            }
            if (r.lookupAll()) {
                sb.append(" lookup=ALL");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void golden(String name, CollapsedBatch batch) throws IOException {
        String actual = render(batch);
        Path file = GOLDEN.resolve(name + ".txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file %s (regenerate with -Dgolden.update=true)", file).exists();
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void newestVersionPerKeyWins() throws IOException {
        CollapsedBatch b = upsertBatch(
                upsert(0, ChangeOp.SNAPSHOT, 0, 1, "a", "x"),
                upsert(1, ChangeOp.SNAPSHOT, 0, 2, "b", "y"),
                upsert(2, ChangeOp.UPDATE, 100, 1, "a2", "x2"),
                upsert(3, ChangeOp.UPDATE, 90, 2, "stale", "stale"),
                upsert(4, ChangeOp.UPDATE, 110, 2, "b2", "y2"));
        golden("newest-version-wins", b);
        assertThat(b.rows()).extracting(CollapsedRow::version).containsExactly(100L, 110L);
        assertThat(b.rows().get(1).values()).containsEntry("name", "b2");
    }

    @Test
    void lowerVersionArrivingLaterNeverWins() throws IOException {
        // a snapshot row (version 0) read after a streamed change of the same key
        CollapsedBatch b = upsertBatch(
                upsert(0, ChangeOp.UPDATE, 500, 7, "streamed", "s"),
                upsert(1, ChangeOp.SNAPSHOT, 0, 7, "snapshot", "old"));
        golden("lower-version-later", b);
        assertThat(b.rows()).singleElement().satisfies(r -> {
            assertThat(r.version()).isEqualTo(500);
            assertThat(r.values()).containsEntry("name", "streamed");
        });
    }

    @Test
    void equalVersionsGoToTheLaterOffset() throws IOException {
        CollapsedBatch b = upsertBatch(
                upsert(10, ChangeOp.SNAPSHOT, 0, 3, "first copy", "1"),
                upsert(11, ChangeOp.SNAPSHOT, 0, 3, "second copy", "2"));
        golden("equal-versions-later-offset", b);
        assertThat(b.rows()).singleElement().satisfies(r -> assertThat(r.source().offset()).isEqualTo(11));
    }

    @Test
    void deleteAfterInsertStaysADeleteWithTheLastKnownValues() throws IOException {
        CollapsedBatch b = upsertBatch(
                upsert(0, ChangeOp.INSERT, 100, 1, "a", "x"),
                deleteKeyOnly(1, 101, 1));
        golden("delete-after-insert", b);
        assertThat(b.rows()).singleElement().satisfies(r -> {
            assertThat(r.deleted()).isTrue();
            assertThat(r.version()).isEqualTo(101);
            assertThat(r.values()).containsEntry("name", "a").containsEntry("body", "x");
            assertThat(r.needsLookup()).isFalse();
        });
    }

    @Test
    void keyOnlyDeleteWithoutEarlierRowNeedsTheDestination() throws IOException {
        CollapsedBatch b = upsertBatch(deleteKeyOnly(5, 200, 9));
        golden("key-only-delete", b);
        assertThat(b.rows()).singleElement().satisfies(r -> {
            assertThat(r.deleted()).isTrue();
            assertThat(r.lookupAll()).isTrue();
            assertThat(r.values()).isEqualTo(Map.of("id", 9));
        });
    }

    @Test
    void deleteInTheValueSchemaWithOnlyTheKeySentIsKeyOnly() {
        CollapsedBatch alone = upsertBatch(deleteKeyInValue(5, 200, 9));
        assertThat(alone.rows()).singleElement().satisfies(r -> {
            assertThat(r.deleted()).isTrue();
            assertThat(r.lookupAll()).isTrue();
            assertThat(r.values()).isEqualTo(Map.of("id", 9));
        });
        CollapsedBatch afterInsert = upsertBatch(upsert(0, ChangeOp.INSERT, 100, 9, "a", "x"), deleteKeyInValue(1, 101, 9));
        assertThat(afterInsert.rows()).singleElement().satisfies(r -> {
            assertThat(r.deleted()).isTrue();
            assertThat(r.needsLookup()).isFalse();
            assertThat(r.values()).containsEntry("name", "a").containsEntry("body", "x"); // the last values, kept
        });
    }

    @Test
    void reinsertAfterDeleteIsAnInsert() throws IOException {
        CollapsedBatch b = upsertBatch(
                upsert(0, ChangeOp.INSERT, 100, 1, "a", "x"),
                deleteKeyOnly(1, 101, 1),
                upsert(2, ChangeOp.INSERT, 102, 1, "again", "z"));
        golden("reinsert-after-delete", b);
        assertThat(b.rows()).singleElement().satisfies(r -> {
            assertThat(r.deleted()).isFalse();
            assertThat(r.values()).containsEntry("name", "again");
        });
    }

    @Test
    void unchangedToastComesFromAnOlderRowInTheBatch() throws IOException {
        CollapsedBatch b = upsertBatch(
                upsert(0, ChangeOp.INSERT, 100, 1, "a", "big body"),
                upsert(1, ChangeOp.UPDATE, 101, 1, "a2", null, "body"),
                upsert(2, ChangeOp.UPDATE, 102, 1, "a3", null, "body"));
        golden("toast-from-batch", b);
        assertThat(b.rows()).singleElement().satisfies(r -> {
            assertThat(r.values()).containsEntry("name", "a3").containsEntry("body", "big body");
            assertThat(r.lookupFields()).isEmpty();
        });
    }

    @Test
    void unchangedToastWithoutOlderRowIsLookedUp() throws IOException {
        CollapsedBatch b = upsertBatch(
                upsert(0, ChangeOp.UPDATE, 101, 1, "a2", null, "body"),
                upsert(1, ChangeOp.UPDATE, 102, 1, "a3", null, "body"),
                deleteKeyOnly(2, 103, 1));
        golden("toast-lookup", b);
        assertThat(b.rows()).singleElement().satisfies(r -> {
            assertThat(r.deleted()).isTrue();
            assertThat(r.values()).doesNotContainKey("body").containsEntry("name", "a3");
            assertThat(r.lookupFields()).containsExactly("body");
        });
    }

    @Test
    void schemaEvolutionMidBatch() throws IOException {
        SinkRecord v2 = Records.record(0, 1, ChangeOp.UPDATE, 101, Records.key(1), Records.rowV2(1, "b", "y", "new"));
        CollapsedBatch b = upsertBatch(upsert(0, ChangeOp.INSERT, 100, 2, "a", "x"), v2);
        golden("schema-evolution", b);
        assertThat(b.valueSchema().fields()).extracting(f -> f.name()).containsExactly("id", "name", "body", "extra");
    }

    @Test
    void appendKeepsEveryRecord() throws IOException {
        CollapsedBatch b = collapse(WriteMode.APPEND, List.of(),
                upsert(0, ChangeOp.INSERT, 100, 1, "a", "x"),
                upsert(1, ChangeOp.UPDATE, 101, 1, "b", null, "body"),
                Records.record(0, 2, ChangeOp.SNAPSHOT, 0, null, Records.row(5, "keyless", "k")));
        golden("append", b);
        assertThat(b.rows()).hasSize(3);
        assertThat(b.rows().get(1).values()).containsEntry("body", "x");
        assertThat(b.fromFirstOffset()).isTrue();
    }

    @Test
    void uniqueKeyColumnsIdentifyKeylessRows() throws IOException {
        CollapsedBatch b = collapse(WriteMode.UPSERT, List.of("name"),
                Records.record(0, 0, ChangeOp.SNAPSHOT, 0, null, Records.row(1, "n", "first")),
                Records.record(0, 1, ChangeOp.SNAPSHOT, 0, null, Records.row(2, "n", "second")),
                Records.record(0, 2, ChangeOp.SNAPSHOT, 0, null, Records.row(3, "m", "third")));
        golden("unique-key-columns", b);
        assertThat(b.keyFields()).containsExactly("name");
        assertThat(b.rows()).extracting(r -> r.values().get("body")).containsExactly("second", "third");
    }

    @Test
    void upsertWithoutKeyIsRejectedNamingTheRecord() {
        BatchCollapser c = new BatchCollapser(WriteMode.UPSERT, new KeyExtractor(List.of()));
        ChangeRow keyless = change(Records.record(3, 42, ChangeOp.INSERT, 5, null, Records.row(1, "a", "b")));
        assertThatThrownBy(() -> c.check(keyless)).isInstanceOf(DataException.class)
                .hasMessageContaining("topic m.public.items partition 3 offset 42").hasMessageContaining("no key");
    }

    @Test
    void unknownUniqueKeyColumnIsRejected() {
        BatchCollapser c = new BatchCollapser(WriteMode.UPSERT, new KeyExtractor(List.of("nope")));
        ChangeRow row = change(Records.record(0, 1, ChangeOp.INSERT, 5, null, Records.row(1, "a", "b")));
        assertThatThrownBy(() -> c.check(row)).isInstanceOf(DataException.class)
                .hasMessageContaining("'nope'").hasMessageContaining("offset 1");
    }

    @Test
    void toastNameThatIsNotAFieldIsRejected() {
        BatchCollapser c = new BatchCollapser(WriteMode.UPSERT, new KeyExtractor(List.of()));
        ChangeRow row = change(upsert(8, ChangeOp.UPDATE, 5, 1, "a", null, "missing"));
        assertThatThrownBy(() -> c.check(row)).isInstanceOf(DataException.class).hasMessageContaining("'missing'");
    }

    /** Only a row written from its record as received offers the struct a writer reads by position. */
    @Test
    void structIsTheRecordsOwnOnlyForARowWrittenAsReceived() {
        SinkRecord asReceived = upsert(0, ChangeOp.SNAPSHOT, 0, 1, "a", null);
        SinkRecord oldDelete = upsert(1, ChangeOp.DELETE, 5, 2, "old", "row"); // a delete with the whole old row
        CollapsedBatch b = collapse(WriteMode.UPSERT, List.of(), asReceived,
                oldDelete,
                upsert(2, ChangeOp.UPDATE, 10, 3, "t", null, "body"), // unchanged TOAST: body is looked up
                deleteKeyOnly(3, 11, 4),
                upsert(4, ChangeOp.INSERT, 12, 5, "first", "x"), upsert(5, ChangeOp.UPDATE, 13, 5, "second", "y"));
        Map<Object, CollapsedRow> byKey = new java.util.HashMap<>();
        b.rows().forEach(r -> byKey.put(r.key().get(0), r));
        assertThat(byKey.get(1).struct()).isSameAs(asReceived.value());
        assertThat(byKey.get(2).struct()).isSameAs(oldDelete.value());
        assertThat(byKey.get(3).struct()).isNull();
        assertThat(byKey.get(4).struct()).isNull();
        assertThat(byKey.get(5).struct()).isNull(); // merged from two changes
        assertThat(byKey.get(5).values()).containsEntry("name", "second");
    }

    /**
     * A batch whose keys are all different is collapsed without grouping (each record its own row, values read
     * from its struct); the rows must be exactly those the grouping path gives, which one repeated key forces.
     */
    @Test
    void batchWithoutRepeatedKeysGivesTheRowsOfTheGroupingPath() {
        java.util.Random random = new java.util.Random(12);
        List<SinkRecord> unique = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int op = random.nextInt(5);
            unique.add(switch (op) {
                case 0 -> upsert(i, ChangeOp.SNAPSHOT, 0, i, "n" + i, random.nextBoolean() ? null : "b" + i);
                case 1 -> upsert(i, ChangeOp.UPDATE, 100 + i, i, null, null, "body"); // unchanged TOAST
                case 2 -> deleteKeyOnly(i, 100 + i, i);
                case 3 -> deleteKeyInValue(i, 100 + i, i);
                default -> upsert(i, ChangeOp.INSERT, 100 + i, i, "", "x");
            });
        }
        // the same records plus one more change of key 0 at the end: the grouping path
        List<SinkRecord> repeated = new ArrayList<>(unique);
        repeated.add(upsert(300, ChangeOp.UPDATE, 10_000, 0, "last", "last"));
        for (WriteMode mode : List.of(WriteMode.UPSERT, WriteMode.APPEND)) {
            CollapsedBatch fast = collapse(mode, List.of(), unique.toArray(SinkRecord[]::new));
            CollapsedBatch grouped = collapse(mode, List.of(), repeated.toArray(SinkRecord[]::new));
            assertThat(fast.rows()).hasSize(300);
            List<CollapsedRow> others = grouped.rows().stream().filter(r -> !r.key().equals(List.of(0))).toList();
            List<CollapsedRow> fastOthers = fast.rows().subList(1, 300);
            assertThat(fastOthers).hasSize(others.size());
            for (int i = 0; i < others.size(); i++) {
                CollapsedRow a = fastOthers.get(i);
                CollapsedRow b = others.get(i);
                assertThat(a.key()).isEqualTo(b.key());
                assertThat(a.deleted()).isEqualTo(b.deleted());
                assertThat(a.version()).isEqualTo(b.version());
                assertThat(a.commitTimeMicros()).isEqualTo(b.commitTimeMicros());
                assertThat(a.lookupAll()).isEqualTo(b.lookupAll());
                assertThat(a.lookupFields()).isEqualTo(b.lookupFields());
                assertThat(a.values()).isEqualTo(b.values());
                assertThat(new ArrayList<>(a.values().keySet())).isEqualTo(new ArrayList<>(b.values().keySet()));
                assertThat(a.source().offset()).isEqualTo(b.source().offset());
            }
            assertThat(fast.keySchema()).isEqualTo(grouped.keySchema());
            assertThat(fast.fromFirstOffset()).isTrue();
        }
    }
}
