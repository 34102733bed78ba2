package io.mirrorconnect.pgcdc.offsets;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.Lsn;

/**
 * The shapes of this connector's Connect source partitions and offsets (pure; no I/O).
 *
 * <p>Streaming: partition {@code {"mirror": m}}, offset {@code {"epoch", "commit_lsn", "lsn", "snapshotted"}}:
 * the record's transaction commit LSN and the change's own LSN (both as unsigned 64-bit numbers), plus the tables
 * whose snapshot was complete when streaming began. Changes at or before {@code (commit_lsn, lsn)} were delivered.
 *
 * <p>Snapshot: partition {@code {"mirror": m, "table": "schema.table"}}, offset {@code {"epoch", "done",
 * "complete"}}: the heap block ranges whose rows were all delivered, and whether the whole table was.
 *
 * <p>Spread snapshot (tasks.max &gt; 1): partition {@code {"mirror": m, "table": t, "slice": k}}, same offset;
 * the table's progress is the union of its partitions ({@link ProgressMerge}).
 *
 * <p>{@code epoch} is the consistent point of the slot the offsets belong to; offsets of another epoch (a
 * dropped and recreated slot) are ignored.
 */
public final class SourceOffsets {
    public static final String MIRROR = "mirror";
    public static final String TABLE = "table";
    public static final String EPOCH = "epoch";
    public static final String COMMIT_LSN = "commit_lsn";
    public static final String LSN = "lsn";
    public static final String SNAPSHOTTED = "snapshotted";
    public static final String DONE = "done";
    public static final String COMPLETE = "complete";
    public static final String SLICE = "slice";
    /** Snapshot slices (tasks of one spread snapshot) at most; bounds tasks.max and what the readers look up. */
    public static final int MAX_SNAPSHOT_SLICES = 64;

    private SourceOffsets() {
    }

    /*
     * Connect stores offsets under the serialized (JSON) partition map, so a partition's entries must always be
     * serialized in the same order: Map.of iterates in an order that changes from JVM to JVM, and a restarted
     * worker would then not find the offsets. Partitions are LinkedHashMaps with a fixed order, and that order is
     * the one a HashMap of the same keys iterates in: the worker's REST GET /connectors/NAME/offsets reads the
     * partitions back from the offsets topic (its JsonConverter returns a JSON object as a HashMap) and looks their
     * offsets up by serializing them again, so any other order shows a null offset there (SourceOffsetsTest).
     */
    public static Map<String, Object> streamPartition(String mirror) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(MIRROR, mirror);
        return Collections.unmodifiableMap(p);
    }

    public static Map<String, Object> snapshotPartition(String mirror, TableId table) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(MIRROR, mirror);
        p.put(TABLE, table.toString());
        return Collections.unmodifiableMap(p);
    }

    /**
     * The progress of one slice of a spread snapshot (several tasks reading one table's block ranges): each
     * task writes its own partition, so tasks never overwrite each other's progress; readers merge them.
     */
    public static Map<String, Object> snapshotSlicePartition(String mirror, TableId table, int slice) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(MIRROR, mirror);
        p.put(SLICE, slice); // a HashMap's order of these three keys (see above)
        p.put(TABLE, table.toString());
        return Collections.unmodifiableMap(p);
    }

    /**
     * The slice partition as builds before 2026-11-29 wrote it (entries mirror, table, slice): an equal map serialized
     * to other bytes, so Connect stores it under another key. Read, never written, so that a spread snapshot
     * under way across the upgrade keeps its slices' progress.
     */
    public static Map<String, Object> legacySnapshotSlicePartition(String mirror, TableId table, int slice) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(MIRROR, mirror);
        p.put(TABLE, table.toString());
        p.put(SLICE, slice);
        return Collections.unmodifiableMap(p);
    }

    /** A streaming position: the transaction's commit LSN and the change's LSN. */
    public record StreamPosition(long epoch, Lsn commitLsn, Lsn changeLsn, Set<TableId> snapshotted) {
        public StreamPosition {
            snapshotted = Set.copyOf(snapshotted);
        }

        public Map<String, Object> toOffset() {
            return streamOffset(epoch, commitLsn, changeLsn, joinTables(snapshotted));
        }

        /**
         * True when the change ({@code commitLsn}, {@code changeLsn}) was already delivered according to this
         * position: an older transaction, or an earlier-or-same change of the same transaction.
         */
        public boolean covers(Lsn txnCommitLsn, Lsn lsn) {
            int c = txnCommitLsn.compareTo(commitLsn);
            return c < 0 || (c == 0 && lsn.compareTo(changeLsn) <= 0);
        }

        public static StreamPosition fromOffset(Map<String, ?> offset) {
            if (offset == null || offset.get(COMMIT_LSN) == null) {
                return null;
            }
            return new StreamPosition(asLong(offset.get(EPOCH)), Lsn.valueOf(asLong(offset.get(COMMIT_LSN))),
                    Lsn.valueOf(asLong(offset.get(LSN))), parseTables((String) offset.get(SNAPSHOTTED)));
        }
    }

    /**
     * The offset of {@link StreamPosition#toOffset()}, with the snapshotted tables already joined
     * ({@link #joinTables}): a stream that keeps one set joins it once, not once per record.
     */
    public static Map<String, Object> streamOffset(long epoch, Lsn commitLsn, Lsn changeLsn, String snapshotted) {
        Map<String, Object> m = new HashMap<>(8);
        m.put(EPOCH, epoch);
        m.put(COMMIT_LSN, commitLsn.asLong());
        m.put(LSN, changeLsn.asLong());
        m.put(SNAPSHOTTED, snapshotted);
        return m;
    }

    /** Snapshot progress of one table. */
    public record SnapshotProgress(long epoch, BlockRanges done, boolean complete) {
        public Map<String, Object> toOffset() {
            Map<String, Object> m = new HashMap<>();
            m.put(EPOCH, epoch);
            m.put(DONE, done.serialize());
            m.put(COMPLETE, complete);
            return m;
        }

        public static SnapshotProgress fromOffset(Map<String, ?> offset) {
            if (offset == null || offset.get(DONE) == null) {
                return null;
            }
            return new SnapshotProgress(asLong(offset.get(EPOCH)), BlockRanges.parse((String) offset.get(DONE)),
                    Boolean.TRUE.equals(offset.get(COMPLETE)) || "true".equals(String.valueOf(offset.get(COMPLETE))));
        }
    }

    static long asLong(Object v) {
        if (v == null) {
            return 0L;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        return Long.parseLong(v.toString());
    }

    public static String joinTables(Set<TableId> tables) {
        StringBuilder sb = new StringBuilder();
        tables.stream().sorted().forEach(t -> {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(t);
        });
        return sb.toString();
    }

    public static Set<TableId> parseTables(String text) {
        List<TableId> list = TableId.parseList(text == null ? "" : text);
        return new LinkedHashSet<>(list);
    }
}
