package io.mirrorconnect.pgcdc.snapshot;

import java.util.ArrayList;
import java.util.List;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.catalog.CatalogReader.TableStats;
import io.mirrorconnect.pgcdc.offsets.BlockRanges;
import io.mirrorconnect.pgcdc.offsets.BlockRanges.Range;
import io.mirrorconnect.pgcdc.snapshot.plan.CtidPartition;
import io.mirrorconnect.pgcdc.snapshot.plan.SnapshotPlanner;
import io.mirrorconnect.pgcdc.sql.PgSql;

/**
 * Plans what is left of a table's snapshot: the planner's CTID partitions minus the block ranges already
 * delivered (stored progress), and the COPY statement of a range. Pure.
 */
public final class SnapshotPlanning implements SnapshotRunner.Planner {
    private final long rowsPerPartition;
    private final SnapshotCopyFormat format;

    public SnapshotPlanning(long rowsPerPartition, SnapshotCopyFormat format) {
        this.rowsPerPartition = rowsPerPartition;
        this.format = format;
    }

    @Override
    public List<Range> ranges(TableJob job, TableStats stats) {
        return remaining(plan(job, stats), job.done());
    }

    List<CtidPartition> plan(TableJob job, TableStats stats) {
        return plan(job.table(), stats);
    }

    /** The planner's partitions of a table of the given size. */
    public List<CtidPartition> plan(TableId table, TableStats stats) {
        long blocks = Math.max(stats.blocks(), 0);
        return SnapshotPlanner.plan(table, blocks, estimatedTuples(stats), stats.exactCount(),
                (int) Math.min(Integer.MAX_VALUE, rowsPerPartition));
    }

    /** reltuples describes relpages blocks: scaled to the current size; -1 when unknown (then exactCount). */
    public static double estimatedTuples(TableStats stats) {
        long blocks = Math.max(stats.blocks(), 0);
        return stats.needsCount() ? -1 : stats.reltuples() * ((double) blocks / Math.max(1, stats.relpages()));
    }

    /** Whether any row is visible in the range: one TID range scan that stops at the first row. */
    public static String existsSql(TableId table, Range range) {
        String select = PgSql.selectPartition(table, List.of("ctid"), toPartition(0, range));
        return "SELECT EXISTS (" + select + ")";
    }

    /** The parts of the planned partitions not yet done, in block order. */
    public static List<Range> remaining(List<CtidPartition> plan, BlockRanges done) {
        List<Range> out = new ArrayList<>();
        for (CtidPartition p : plan) {
            Range r = new Range(p.startBlock(), p.openEnded() ? BlockRanges.UNBOUNDED : p.endBlockExclusive());
            out.addAll(done.missingFrom(r));
        }
        return out;
    }

    public static CtidPartition toPartition(int index, Range r) {
        return new CtidPartition(index, r.from(), r.unbounded() ? null : r.to());
    }

    @Override
    public String copySql(TableJob job, Range range) {
        return format == SnapshotCopyFormat.BINARY
                ? PgSql.copyPartitionBinary(job.table(), job.shape().includedColumnNames(),
                        job.shape().textInBinaryCopy(), toPartition(0, range))
                : PgSql.copyPartition(job.table(), job.shape().includedColumnNames(), toPartition(0, range));
    }

}
