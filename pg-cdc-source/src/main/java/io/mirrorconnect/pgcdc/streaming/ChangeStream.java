package io.mirrorconnect.pgcdc.streaming;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.ChangeRecordFactory;
import io.mirrorconnect.pgcdc.Lsn;
import io.mirrorconnect.pgcdc.catalog.ShapeFactory;
import io.mirrorconnect.pgcdc.schema.TableSchema;
import io.mirrorconnect.pgcdc.decoder.PgOutputDecoder;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Begin;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Commit;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Delete;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Insert;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Relation;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Truncate;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.TypeMessage;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage.Update;
import io.mirrorconnect.pgcdc.decoder.TupleData;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets.StreamPosition;
import io.mirrorconnect.pgcdc.replication.LsnTracker;
import io.mirrorconnect.pgcdc.replication.ReplicationStream;
import io.mirrorconnect.pgcdc.types.PgValueException;

/**
 * Turns the pgoutput stream into contract records: keeps the relation cache, registers every transaction and
 * record with the {@link LsnTracker}, skips changes at or before the stored position, and confirms the tracker's
 * flushable LSN to the slot. Used only by the task's poll thread.
 */
public final class ChangeStream implements AutoCloseable {
    /** Sleeps between empty non-blocking reads within one poll: short at first, then 10 ms while idle. */
    private static final long[] IDLE_SLEEPS_MS = {1, 1, 2, 4, 8, 10};

    private static final Logger LOG = LoggerFactory.getLogger(ChangeStream.class);

    private record Rel(TableId table, TableSchema shape, Relation relation) {
    }

    private final ReplicationStream stream;
    private final LsnTracker tracker;
    private final StreamPosition resumeAfter;
    private final long epoch;
    private final Set<TableId> tables;
    private final Set<TableId> snapshotted;
    private final ShapeFactory shapes;
    private final Connection catalog;
    private final ChangeRecordFactory records;
    private final Map<String, Object> partition;
    private final Map<Integer, Rel> relations = new HashMap<>();

    /** {@code snapshotted} as the offsets write it (joined once). */
    private final String snapshottedText;

    private Begin txn;
    private long skipped;
    /** The transaction and change of the last record handed out (null before the first). */
    private Lsn lastCommit;
    private Lsn lastChange;

    public ChangeStream(ReplicationStream stream, LsnTracker tracker, StreamPosition resumeAfter, long epoch,
                        Set<TableId> tables, Set<TableId> snapshotted, ShapeFactory shapes, Connection catalog,
                        ChangeRecordFactory records, String mirror) {
        this.stream = stream;
        this.tracker = tracker;
        this.resumeAfter = resumeAfter;
        this.epoch = epoch;
        this.tables = Set.copyOf(tables);
        this.snapshotted = Set.copyOf(snapshotted);
        this.shapes = shapes;
        this.catalog = catalog;
        this.records = records;
        this.partition = SourceOffsets.streamPartition(mirror);
        this.snapshottedText = SourceOffsets.joinTables(this.snapshotted);
    }

    /**
     * Reads up to {@code max} records; returns early when the stream has nothing more waiting and something was
     * read, or after {@code idleWaitMs} without anything.
     */
    public List<SourceRecord> poll(int max, long idleWaitMs) throws SQLException, InterruptedException {
        List<SourceRecord> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + idleWaitMs;
        int emptyReads = 0;
        while (out.size() < max) {
            ByteBuffer buf = stream.readPending();
            if (buf == null) {
                if (!out.isEmpty() || System.currentTimeMillis() >= deadline) {
                    break;
                }
                stream.confirm(tracker.flushable());
                // readPending() does not block: wait briefly first (a backlog being decoded arrives in bursts with
                // short gaps, and a fixed 10 ms after each gap bounded the drain rate), longer while it stays quiet
                Thread.sleep(IDLE_SLEEPS_MS[Math.min(emptyReads++, IDLE_SLEEPS_MS.length - 1)]);
                continue;
            }
            Lsn lsn = stream.lastReceiveLsn();
            handleOrRetry(PgOutputDecoder.decode(buf), lsn, out);
        }
        stream.confirm(tracker.flushable());
        return out;
    }

    /** Confirms what Kafka has acknowledged so far. */
    public void confirm() throws SQLException {
        stream.confirm(tracker.flushable());
    }

    /**
     * Handles one message; a value the cached shape cannot read (e.g. an enum label added since, when Postgres
     * sent no new Relation or Type message) makes it re-read the types, rebuild the shapes and try once more.
     */
    void handleOrRetry(PgOutputMessage m, Lsn lsn, List<SourceRecord> out) throws SQLException {
        try {
            handle(m, lsn, out);
        } catch (PgValueException e) {
            LOG.info("re-reading types after: {}", e.getMessage());
            shapes.refreshTypes(catalog);
            rebuildShapes();
            handle(m, lsn, out);
        }
    }

    void handle(PgOutputMessage m, Lsn lsn, List<SourceRecord> out) throws SQLException {
        if (m instanceof Begin b) {
            txn = b;
            tracker.begin(b.finalLsn());
        } else if (m instanceof Commit c) {
            tracker.commit(c.commitLsn());
            txn = null;
        } else if (m instanceof Relation r) {
            relation(r);
        } else if (m instanceof TypeMessage) {
            shapes.refreshTypes(catalog);
        } else if (m instanceof Insert i) {
            Rel rel = rel(i.relationOid());
            if (rel != null && !skip(lsn)) {
                Struct value = rel.shape().valueStruct(i.newTuple().texts());
                // key fields are converted by the same converters as their value fields: take them from the value
                emit(out, rel, ChangeOp.INSERT, rel.shape().keyStructFromValue(value), value, lsn, Set.of(), lsn);
            }
        } else if (m instanceof Update u) {
            Rel rel = rel(u.relationOid());
            if (rel != null && !skip(lsn)) {
                update(rel, u, lsn, out);
            }
        } else if (m instanceof Delete d) {
            Rel rel = rel(d.relationOid());
            if (rel != null && !skip(lsn)) {
                delete(rel, d.oldKind(), d.oldTuple(), lsn, lsn, out);
            }
        } else if (m instanceof Truncate t) {
            List<Rel> truncated = new ArrayList<>();
            for (int oid : t.relationOids()) {
                Rel rel = rel(oid);
                if (rel != null) {
                    truncated.add(rel);
                }
            }
            if (!skip(lsn)) {
                // one copy per table and topic partition; only the last carries the truncate's own position, so
                // a restart before every copy was delivered sends them all again (sinks apply them idempotently)
                int partitions = records.topicPartitions();
                for (int i = 0; i < truncated.size(); i++) {
                    for (int p = 0; p < partitions; p++) {
                        boolean last = i == truncated.size() - 1 && p == partitions - 1;
                        Lsn position = last ? lsn : Lsn.valueOf(lsn.asLong() - 1);
                        out.add(records.truncate(partition, offset(position), truncated.get(i).table(), p,
                                lsn.asLong(), txn.commitTimeMicros()));
                        tracker.recordSent(txn.finalLsn());
                    }
                }
            }
        }
        // Origin and LogicalMessage (our heartbeats) carry nothing to deliver.
    }

    private void relation(Relation r) throws SQLException {
        TableId table = TableId.of(r.namespace().isEmpty() ? "pg_catalog" : r.namespace(), r.name());
        if (!tables.contains(table)) {
            relations.put(r.relationOid(), new Rel(table, null, r));
            return;
        }
        TableSchema shape = shapes.forRelation(catalog, r, table);
        Rel previous = relations.put(r.relationOid(), new Rel(table, shape, r));
        if (previous != null && previous.shape() != null
                && !Objects.equals(previous.shape().valueSchema(), shape.valueSchema())) {
            LOG.info("table {} changed shape: columns are now {}", table,
                    shape.columns().stream().map(c -> c.name() + " " + c.typeName()).toList());
        }
    }

    private void rebuildShapes() throws SQLException {
        for (Map.Entry<Integer, Rel> e : relations.entrySet()) {
            Rel r = e.getValue();
            if (r.shape() != null) {
                e.setValue(new Rel(r.table(), shapes.forRelation(catalog, r.relation(), r.table()), r.relation()));
            }
        }
    }

    private Rel rel(int oid) {
        Rel rel = relations.get(oid);
        if (rel == null) {
            throw new IllegalStateException("change for relation " + oid + " arrived before its Relation message");
        }
        return rel.shape() == null ? null : rel;
    }

    private boolean skip(Lsn lsn) {
        if (resumeAfter != null && resumeAfter.covers(txn.finalLsn(), lsn)) {
            skipped++;
            if (skipped % 10_000 == 1) {
                LOG.info("skipping changes delivered before the restart (up to transaction {}, change {}); {} skipped so far",
                        resumeAfter.commitLsn(), resumeAfter.changeLsn(), skipped);
            }
            return true;
        }
        return false;
    }

    private void update(Rel rel, Update u, Lsn lsn, List<SourceRecord> out) {
        TableSchema shape = rel.shape();
        String[] texts = u.newTuple().texts();
        int[] unchanged = u.newTuple().unchangedToastIndexes();
        if (unchanged.length > 0 && u.oldKind() == 'O' && u.oldTuple() != null) {
            // REPLICA IDENTITY FULL: the old row carries the values the new one left out
            String[] old = u.oldTuple().texts();
            List<Integer> still = new ArrayList<>();
            for (int i : unchanged) {
                if (u.oldTuple().get(i).kind() == 't') {
                    texts[i] = old[i];
                } else {
                    still.add(i);
                }
            }
            unchanged = still.stream().mapToInt(Integer::intValue).toArray();
        }
        // every value is converted before anything is emitted: a conversion that fails (and is retried after the
        // types are re-read, see handleOrRetry) must not leave half of this update's records behind
        Struct value = shape.valueStruct(texts);
        Struct key = shape.keyStructFromValue(value);
        if (u.oldTuple() != null && shape.keySchema() != null) {
            Struct oldKey = shape.keyStruct(u.oldTuple().texts());
            if (oldKey != null && !oldKey.equals(key)) {
                // the key changed: the old key's row is gone (delete converts before it emits)
                delete(rel, u.oldKind(), u.oldTuple(), lsn, Lsn.valueOf(lsn.asLong() - 1), out);
            }
        }
        emit(out, rel, ChangeOp.UPDATE, key, value, lsn, shape.fieldNames(unchanged), lsn);
    }

    private void delete(Rel rel, char oldKind, TupleData old, Lsn lsn, Lsn position, List<SourceRecord> out) {
        TableSchema shape = rel.shape();
        String[] texts = old.texts();
        Struct key = shape.keyStruct(texts);
        if (oldKind == 'O') {
            int[] unchanged = old.unchangedToastIndexes();
            emit(out, rel, ChangeOp.DELETE, key, shape.valueStruct(texts), lsn, shape.fieldNames(unchanged),
                    position);
        } else {
            // only the old key is known: the value schema (one schema per topic's values, which a schema registry's
            // compatibility rules accept) with the key fields set and every other field listed as not sent
            emit(out, rel, ChangeOp.DELETE, key, shape.valueStruct(texts), lsn, shape.nonKeyFieldNames(), position);
        }
        SourceRecord tombstone = records.tombstoneAfter(out.get(out.size() - 1));
        if (tombstone != null) {
            out.add(tombstone);
            tracker.recordSent(txn.finalLsn());
        }
    }

    private void emit(List<SourceRecord> out, Rel rel, ChangeOp op, Struct key, Struct value, Lsn lsn,
                      Set<String> unchanged, Lsn position) {
        TableSchema shape = rel.shape();
        out.add(records.record(partition, offset(position), shape.topic(), shape.keySchema(), key,
                shape.valueSchema(), value, op, lsn.asLong(), txn.commitTimeMicros(), unchanged));
        tracker.recordSent(txn.finalLsn());
    }

    private Map<String, Object> offset(Lsn position) {
        lastCommit = txn.finalLsn();
        lastChange = position;
        return SourceOffsets.streamOffset(epoch, lastCommit, position, snapshottedText);
    }

    /** The position of the last record handed out (null before the first): where a reconnect resumes after. */
    public StreamPosition lastPosition() {
        return lastCommit != null ? new StreamPosition(epoch, lastCommit, lastChange, snapshotted) : resumeAfter;
    }

    @Override
    public void close() {
        stream.close();
    }
}
