package io.mirrorconnect.it.fidelity;

import java.time.Duration;
import java.util.Map;

/**
 * The destination-specific part of the type-fidelity suite: everything else (shapes, source, Kafka, comparison,
 * phases) is shared. One instance serves one test class; it owns its destination (server, emulator or account)
 * and one namespace (database, dataset, schema) per {@link DeleteMode}. See docs/type-fidelity.md, "Adding a
 * destination".
 */
public interface FidelityDestination extends AutoCloseable {

    /** Short name used in messages and docs, e.g. {@code clickhouse}. */
    String name();

    /** The module whose plugin archive the Connect worker loads, e.g. {@code clickhouse-sink}. */
    String pluginModule();

    /**
     * The sink's {@code connector.class}, connection and destination-specific properties for a sink writing in
     * {@code mode} (its own namespace). The suite adds the sink-core properties itself: {@code mirror.name},
     * {@code topics}, {@code table.mapping} (destination table = the source table's name), {@code soft.delete},
     * {@code flush.interval.ms}, and the dead-letter queue ({@code errors.tolerance=all}, …); a destination may
     * override them by returning them here.
     */
    Map<String, String> sinkConfig(DeleteMode mode);

    /**
     * The rows the destination holds for a source table written in {@code mode}, converted to canonical values
     * ({@link DestinationRows}). Must read exact bytes (never decode binary data as text) and must not itself apply
     * the {@link #representation()}: the suite compares what is there with what the representation promises.
     */
    DestinationRows read(TableShape shape, DeleteMode mode, RowView view);

    /** What the destination holds for each Postgres value: identity where exact, documented mappings, rejections. */
    Representation representation();

    /** How long a phase may take to arrive (raise it for a slow emulator; the suite never sleeps it away). */
    default Duration catchUpTimeout() {
        return Duration.ofMinutes(3);
    }

    @Override
    default void close() {
    }
}
