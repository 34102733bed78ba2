package io.mirrorconnect.pgcdc.snapshot.plan;

import java.util.ArrayList;
import java.util.List;

import io.mirrorconnect.contract.TableId;

/**
 * Splits a table into CTID block ranges for a parallel snapshot, so that each partition holds about
 * {@code rowsPerPartition} rows. Pure.
 *
 * <p>Rows are assumed spread evenly over the heap's blocks (what {@code reltuples / relpages} says). The last
 * partition has no upper bound, so rows in blocks beyond {@code relpages} (the table grew since the statistics,
 * or relpages is stale) are always read. At most {@link #MAX_PARTITIONS} partitions.
 */
public final class SnapshotPlanner {
    public static final int MAX_PARTITIONS = 1000;

    private SnapshotPlanner() {
    }

    /**
     * @param table                  for error messages
     * @param relpages               the table's heap size in blocks; best the current
     *                               {@code pg_relation_size(t) / block_size} rather than {@code pg_class.relpages},
     *                               which is only as fresh as the last VACUUM/ANALYZE
     * @param reltuples              {@code pg_class.reltuples}; -1 (never analyzed, PG14+) or 0 means unknown
     * @param exactRowCountOrMinus1  the exact row count ({@code count(*)}) when reltuples is unknown, else -1
     * @param rowsPerPartition       wanted rows per partition, at least 1
     * @return partitions in block order, covering every block from 0 on; a single open-ended partition when the
     *         table is empty, has no blocks, or its row count is unknown
     */
    public static List<CtidPartition> plan(TableId table, long relpages, double reltuples, long exactRowCountOrMinus1,
                                           int rowsPerPartition) {
        if (rowsPerPartition < 1) {
            throw new IllegalArgumentException("snapshot of " + table + ": rows per partition must be at least 1, was "
                    + rowsPerPartition);
        }
        double rows = reltuples > 0 ? reltuples : exactRowCountOrMinus1;
        if (relpages <= 1 || rows <= rowsPerPartition || Double.isNaN(rows)) {
            return List.of(new CtidPartition(0, 0, null));
        }
        long wanted = (long) Math.ceil(rows / rowsPerPartition);
        long count = Math.min(Math.min(wanted, MAX_PARTITIONS), relpages);
        long blocksPerPartition = (relpages + count - 1) / count;
        // rounding up the block size may need fewer partitions to cover relpages
        count = (relpages + blocksPerPartition - 1) / blocksPerPartition;
        List<CtidPartition> out = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            long start = i * blocksPerPartition;
            Long end = i == count - 1 ? null : start + blocksPerPartition;
            out.add(new CtidPartition(i, start, end));
        }
        return out;
    }
}
