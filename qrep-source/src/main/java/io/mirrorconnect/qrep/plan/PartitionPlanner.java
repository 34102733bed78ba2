package io.mirrorconnect.qrep.plan;

import java.util.ArrayList;
import java.util.List;

import io.mirrorconnect.pgcdc.snapshot.plan.CtidPartition;

/**
 * Turns a cycle's statistics into partitions (pure). The buckets' upper bounds come from NTILE over the rows past
 * the cycle's start, in the cycle's snapshot; partitions are chained so that together they cover every possible
 * watermark value from the cycle's start up to the last bucket's end, not just the values that existed when the
 * cycle was planned: a row committed later with a value inside the range (a late commit, held back by the
 * planner) still falls into exactly one partition.
 */
public final class PartitionPlanner {
    private PartitionPlanner() {
    }

    /** How many buckets: about rowsPerPartition rows each, at least one when there are rows. */
    public static int bucketCount(long rows, long rowsPerPartition) {
        if (rows <= 0) {
            return 0;
        }
        long k = (rows + rowsPerPartition - 1) / rowsPerPartition;
        return (int) Math.min(k, 100_000);
    }

    /** A bucket's upper bound and, for a column watermark, its successor (the next partition's inclusive start). */
    public record BucketEnd(String end, String successor) {
    }

    /**
     * Column watermark: partition i is [start_i, end_i] with start_0 = the cycle's start and start_i = the
     * successor of end_(i-1). Buckets with the same end as their predecessor (many rows of one value) add nothing
     * and are dropped.
     */
    public static CyclePlan columnPlan(long cycle, String cycleStart, List<BucketEnd> ends, long version) {
        List<Partition> out = new ArrayList<>();
        String start = cycleStart;
        String previousEnd = null;
        String next = cycleStart;
        for (BucketEnd b : ends) {
            if (b.end() == null || b.end().equals(previousEnd)) {
                continue;
            }
            out.add(new Partition(out.size(), start, b.end()));
            previousEnd = b.end();
            start = b.successor();
            next = b.successor();
        }
        return new CyclePlan(cycle, cycleStart, out, next, version);
    }

    /** xmin: partition i is (end_(i-1), end_i], the first starting after the cycle's (exclusive) start. */
    public static CyclePlan xminPlan(long cycle, String cycleStart, List<String> ends, long version) {
        List<Partition> out = new ArrayList<>();
        String start = cycleStart;
        for (String end : ends) {
            if (end == null || end.equals(start)) {
                continue;
            }
            out.add(new Partition(out.size(), start, end));
            start = end;
        }
        return new CyclePlan(cycle, cycleStart, out, start, version);
    }

    /**
     * The end of the last, open-ended block range: InvalidBlockNumber (2^32-1), above every block a table can have,
     * so (4294967295,0) is above every tid of a row.
     */
    public static final String NO_BLOCK = "4294967295";

    /**
     * ctid: pg-cdc-source's heap block ranges as partitions of block numbers [a, b], read as tids
     * {@code [(a,0), (b,0)]} (blocks a..b-1); the last ends above every block.
     */
    public static CyclePlan ctidPlan(List<CtidPartition> ranges, long version) {
        List<Partition> out = new ArrayList<>();
        for (CtidPartition r : ranges) {
            out.add(new Partition(r.index(), Long.toString(r.startBlock()),
                    r.openEnded() ? NO_BLOCK : Long.toString(r.endBlockExclusive())));
        }
        return new CyclePlan(1, "0", out, null, version);
    }

    /** The version of a new cycle: the planning clock, strictly above the previous cycle's version. */
    public static long nextVersion(long clockMicros, long previousVersion) {
        return Math.max(clockMicros, previousVersion + 1);
    }
}
