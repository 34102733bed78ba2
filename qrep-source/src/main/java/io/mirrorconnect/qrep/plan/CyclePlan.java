package io.mirrorconnect.qrep.plan;

import java.util.List;

/**
 * One cycle: its partitions in watermark order, where the next cycle starts, and the version its records carry.
 *
 * @param start     the cycle's start (inclusive for a column watermark; exclusive, possibly null, for xmin)
 * @param next      the next cycle's start: the successor of the last partition's end (column watermark) or that
 *                  end itself (xmin, exclusive)
 * @param version   the {@code mirror.version} of every record of the cycle (see docs/qrep-source.md)
 */
public record CyclePlan(long cycle, String start, List<Partition> partitions, String next, long version) {
    public CyclePlan {
        partitions = List.copyOf(partitions);
    }

    public boolean isEmpty() {
        return partitions.isEmpty();
    }
}
