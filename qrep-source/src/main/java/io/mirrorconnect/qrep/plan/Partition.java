package io.mirrorconnect.qrep.plan;

/**
 * One partition of a cycle: watermark bounds as Postgres text. For a column watermark both bounds are inclusive
 * ({@code BETWEEN start AND end}); for xmin the start is exclusive and null for the first partition of the first
 * cycle (everything up to {@code end}, frozen rows included).
 */
public record Partition(int index, String start, String end) {
}
