package io.mirrorconnect.pgcdc.coordination;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.offsets.BlockRanges.Range;

/**
 * A block range of a table still to be read in a spread snapshot, with its estimated row count (what the
 * assignment balances).
 */
public record PlannedRange(TableId table, Range range, long estimatedRows) {
    public PlannedRange {
        if (estimatedRows < 0) {
            throw new IllegalArgumentException("negative row estimate for " + table + " " + range);
        }
    }
}
