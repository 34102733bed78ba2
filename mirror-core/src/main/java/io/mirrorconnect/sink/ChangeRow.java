package io.mirrorconnect.sink;

import java.util.Objects;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

import io.mirrorconnect.contract.ChangeHeaders;
import io.mirrorconnect.contract.ChangeMetadata;
import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.ContractException;

/**
 * One contract record as a sink buffers it: the headers read through {@link ChangeHeaders#read}, the key and value
 * structs, and where it came from (topic, partition, offset) for error messages and offset tracking.
 *
 * <p>It does not keep Connect's {@link SinkRecord} unless asked to: in a worker that record also holds the consumed
 * bytes of key, value and headers and the converted headers (about 2.2 KB of a 16-column row's 3 KB of heap,
 * docs/perf/clickhouse-sink-profile.md). Only the errant-record reporter needs it (to send the original bytes to the
 * dead letter topic), so the task keeps it only when a reporter is configured.
 *
 * @param topic     the record's topic
 * @param partition the record's partition
 * @param offset    the record's offset
 * @param meta      operation, version, commit time, unchanged-TOAST fields
 * @param key       the key struct; null for tables without a key and for truncates
 * @param value     the new row (snapshot, insert, update), the old row or old key (delete), null (truncate)
 * @param keyOnly   true for a delete whose value is only the old key (default replica identity)
 * @param record    the original record, for the errant-record reporter; null when it was not kept
 */
public record ChangeRow(String topic, int partition, long offset, ChangeMetadata meta, Struct key, Struct value,
                        boolean keyOnly, SinkRecord record) {

    public ChangeRow {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(meta, "meta");
    }

    /** A row that keeps its record. */
    public ChangeRow(SinkRecord record, ChangeMetadata meta, Struct key, Struct value, boolean keyOnly) {
        this(record.topic(), record.kafkaPartition(), record.kafkaOffset(), meta, key, value, keyOnly, record);
    }

    /**
     * Reads a record and keeps it (see {@link #read(SinkRecord, boolean)}).
     *
     * @throws ContractException when the record does not follow docs/record-contract.md
     */
    public static ChangeRow read(SinkRecord record) {
        return read(record, true);
    }

    /**
     * Reads a record. Tombstones (null value, no truncate operation) are not rows: check
     * {@link #isTombstone} first.
     *
     * @param keepRecord keep the {@link SinkRecord} (for the errant-record reporter); otherwise only its key, value,
     *                   metadata and coordinates are kept
     * @throws ContractException when the record does not follow docs/record-contract.md
     */
    public static ChangeRow read(SinkRecord record, boolean keepRecord) {
        return read(record, keepRecord, null);
    }

    /**
     * Reads a record as {@link #read(SinkRecord, boolean)} does; when its metadata equals {@code previous} (the rows
     * of a snapshot, of one transaction), the row shares that instance instead of holding its own copy.
     */
    public static ChangeRow read(SinkRecord record, boolean keepRecord, ChangeMetadata previous) {
        ChangeMetadata read = ChangeHeaders.read(record.headers(), () -> where(record));
        ChangeMetadata meta = read.equals(previous) ? previous : read;
        Struct key = asStruct(record.key(), "key", record);
        Struct value = asStruct(record.value(), "value", record);
        SinkRecord kept = keepRecord ? record : null;
        if (meta.op() == ChangeOp.TRUNCATE) {
            return new ChangeRow(record.topic(), record.kafkaPartition(), record.kafkaOffset(), meta, null, null, false, kept);
        }
        if (value == null) {
            throw new ContractException("record " + where(record) + " (operation " + meta.op().code() + ") has no value");
        }
        boolean keyOnly = false;
        if (meta.op() == ChangeOp.DELETE && key != null) {
            Schema vs = value.schema();
            keyOnly = vs.equals(key.schema()) || (vs.name() != null && vs.name().endsWith(".Key"))
                    || onlyKeySent(vs, key.schema(), meta.unchangedToastFields());
        }
        return new ChangeRow(record.topic(), record.kafkaPartition(), record.kafkaOffset(), meta, key, value, keyOnly, kept);
    }

    /**
     * A delete in the value schema whose every non-key field is listed as not sent (the contract's delete under the
     * default replica identity: only the old key is known).
     */
    private static boolean onlyKeySent(Schema value, Schema key, java.util.Set<String> notSent) {
        for (org.apache.kafka.connect.data.Field f : value.fields()) {
            if (key.field(f.name()) == null && !notSent.contains(f.name())) {
                return false;
            }
        }
        return true;
    }

    /** A tombstone after a delete (docs/record-contract.md): sinks skip it. */
    public static boolean isTombstone(SinkRecord record) {
        if (record.value() != null) {
            return false;
        }
        Header op = record.headers().lastWithName(ChangeHeaders.OP);
        return op == null || op.value() == null || !ChangeOp.TRUNCATE.code().equals(ChangeHeaders.text(op.value()).trim());
    }

    /** "topic t partition p offset o", the way every error message names a record. */
    public static String where(SinkRecord record) {
        return "topic " + record.topic() + " partition " + record.kafkaPartition() + " offset " + record.kafkaOffset();
    }

    private static Struct asStruct(Object o, String what, SinkRecord record) {
        if (o == null || o instanceof Struct) {
            return (Struct) o;
        }
        throw new ContractException("the " + what + " of record " + where(record) + " is a " + o.getClass().getSimpleName()
                + ", not a Struct: the sink needs schemas (e.g. JsonConverter with schemas.enable=true, or AvroConverter)");
    }

    public String where() {
        return "topic " + topic + " partition " + partition + " offset " + offset;
    }

    public ChangeOp op() {
        return meta.op();
    }

    public long version() {
        return meta.version();
    }

    public boolean isDelete() {
        return meta.op() == ChangeOp.DELETE;
    }
}
