package io.mirrorconnect.pgcdc.snapshot.plan;

/**
 * One snapshot partition of a table: the rows whose CTID block number is in
 * {@code [startBlock, endBlockExclusive)}.
 *
 * @param index             0-based position in the plan
 * @param startBlock        first heap block (inclusive)
 * @param endBlockExclusive first block after the range; null for the open-ended last partition, which also
 *                          reads every block added after the plan was made
 */
public record CtidPartition(int index, long startBlock, Long endBlockExclusive) {
    public CtidPartition {
        if (index < 0 || startBlock < 0) {
            throw new IllegalArgumentException("bad partition: index " + index + ", start block " + startBlock);
        }
        if (endBlockExclusive != null && endBlockExclusive <= startBlock) {
            throw new IllegalArgumentException("empty partition [" + startBlock + ", " + endBlockExclusive + ")");
        }
    }

    public boolean openEnded() {
        return endBlockExclusive == null;
    }

    /** True when the partition is the whole table (one open-ended partition from block 0). */
    public boolean wholeTable() {
        return startBlock == 0 && endBlockExclusive == null;
    }

    @Override
    public String toString() {
        return "#" + index + "[" + startBlock + ", " + (endBlockExclusive == null ? "end" : endBlockExclusive) + ")";
    }
}
