package io.mirrorconnect.pgcdc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

import io.mirrorconnect.contract.ChangeHeaders;
import io.mirrorconnect.contract.ChangeMetadata;
import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.contract.TopicNames;

/**
 * Builds the contract's SourceRecords (docs/record-contract.md): topic {@code <prefix>.<schema>.<table>}
 * ({@link TopicNames}), the headers, and partition 0 for records without a key so their order is kept; a truncate
 * goes to every partition of the topic.
 */
public final class ChangeRecordFactory {
    private final String prefix;
    private final boolean tombstonesOnDelete;
    private final int topicPartitions;
    /** The headers of snapshot records of {@link #snapshotHeadersTime} (one poll thread uses a factory). */
    private List<Header> snapshotHeaders;
    private long snapshotHeadersTime;

    public ChangeRecordFactory(String prefix) {
        this(prefix, false);
    }

    public ChangeRecordFactory(String prefix, boolean tombstonesOnDelete) {
        this(prefix, tombstonesOnDelete, 1);
    }

    /**
     * @param topicPartitions the partition count of the mirror's topics (Connect's
     *                        {@code topic.creation.default.partitions}): a truncate goes to each of them
     */
    public ChangeRecordFactory(String prefix, boolean tombstonesOnDelete, int topicPartitions) {
        if (topicPartitions < 1) {
            throw new IllegalArgumentException("topic partitions must be at least 1, not " + topicPartitions);
        }
        this.prefix = prefix;
        this.tombstonesOnDelete = tombstonesOnDelete;
        this.topicPartitions = topicPartitions;
    }

    /** How many partitions each of the mirror's topics has (so how many copies a truncate has). */
    public int topicPartitions() {
        return topicPartitions;
    }

    public String topic(TableId table) {
        return TopicNames.forTable(prefix, table);
    }

    /**
     * A snapshot record (op {@code s}, version 0): every record of a snapshot carries the same headers, so they are
     * built once per snapshot time and handed to each record, which copies them into headers of its own (Connect's
     * {@code ConnectRecord} copies any headers that are not a {@code ConnectHeaders}; headers are immutable).
     */
    public SourceRecord snapshotRecord(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String topic,
                                       Schema keySchema, Struct key, Schema valueSchema, Object value,
                                       long commitTimeMicros) {
        List<Header> headers = snapshotHeaders;
        if (headers == null || snapshotHeadersTime != commitTimeMicros) {
            ConnectHeaders h = new ConnectHeaders();
            ChangeHeaders.write(h, new ChangeMetadata(ChangeOp.SNAPSHOT, 0L, commitTimeMicros, Set.of()));
            List<Header> list = new ArrayList<>();
            h.forEach(list::add);
            headers = List.copyOf(list);
            snapshotHeaders = headers;
            snapshotHeadersTime = commitTimeMicros;
        }
        Integer partition = key == null ? 0 : null;
        return new SourceRecord(sourcePartition, sourceOffset, topic, partition, key == null ? null : keySchema,
                key, value == null ? null : valueSchema, value, commitTimeMicros / 1000, headers);
    }

    public SourceRecord record(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String topic,
                               Schema keySchema, Struct key, Schema valueSchema, Object value, ChangeOp op,
                               long version, long commitTimeMicros, Set<String> unchangedToast) {
        ConnectHeaders headers = new ConnectHeaders();
        ChangeHeaders.write(headers, new ChangeMetadata(op, version, commitTimeMicros, unchangedToast));
        Integer partition = key == null ? 0 : null;
        return new SourceRecord(sourcePartition, sourceOffset, topic, partition, key == null ? null : keySchema,
                key, value == null ? null : valueSchema, value, commitTimeMicros / 1000, headers);
    }

    /**
     * The tombstone that follows {@code delete} when {@code tombstones.on.delete} is on: same topic, partition,
     * key, source offset and headers, null value. Null when tombstones are off or the table has no key.
     */
    public SourceRecord tombstoneAfter(SourceRecord delete) {
        if (!tombstonesOnDelete || delete.key() == null) {
            return null;
        }
        return new SourceRecord(delete.sourcePartition(), delete.sourceOffset(), delete.topic(),
                delete.kafkaPartition(), delete.keySchema(), delete.key(), null, null, delete.timestamp(),
                delete.headers().duplicate());
    }

    /**
     * The truncate record sent to partition {@code partition} of the table's topic: op t, null key and value. A
     * truncate goes to every partition ({@link #topicPartitions()}), so that each sink task meets it in the order
     * of its own partitions' changes (docs/record-contract.md, "Truncate").
     */
    public SourceRecord truncate(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, TableId table,
                                 int partition, long version, long commitTimeMicros) {
        if (partition < 0 || partition >= topicPartitions) {
            throw new IllegalArgumentException("partition " + partition + " of " + topicPartitions);
        }
        ConnectHeaders headers = new ConnectHeaders();
        ChangeHeaders.write(headers, new ChangeMetadata(ChangeOp.TRUNCATE, version, commitTimeMicros, Set.of()));
        return new SourceRecord(sourcePartition, sourceOffset, topic(table), partition, null, null, null, null,
                commitTimeMicros / 1000, headers);
    }
}
