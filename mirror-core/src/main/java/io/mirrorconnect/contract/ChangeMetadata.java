package io.mirrorconnect.contract;

import java.util.Objects;
import java.util.Set;

/**
 * The per-record facts every source writes and every sink reads, besides the key and value structs.
 *
 * @param op                   what the record means
 * @param version              increases with commit order for any one key (the change's WAL LSN; 0 for
 *                             snapshot rows, which sort before every streamed change)
 * @param commitTimeMicros     commit time of the source transaction, microseconds since the Unix epoch (UTC);
 *                             for snapshot rows, the time the snapshot started
 * @param unchangedToastFields value fields whose value was not sent (unchanged TOAST); their value is null in
 *                             the record and must not overwrite the destination
 */
public record ChangeMetadata(ChangeOp op, long version, long commitTimeMicros, Set<String> unchangedToastFields) {

    public ChangeMetadata {
        Objects.requireNonNull(op, "op");
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0, was " + version);
        }
        unchangedToastFields = unchangedToastFields == null ? Set.of() : Set.copyOf(unchangedToastFields);
    }

    public static ChangeMetadata of(ChangeOp op, long version, long commitTimeMicros) {
        return new ChangeMetadata(op, version, commitTimeMicros, Set.of());
    }
}
