package io.mirrorconnect.sink;

import org.apache.kafka.connect.data.Schema;

import io.mirrorconnect.contract.TableId;

/**
 * What each destination implements. Calls never overlap, but they do not all come from one thread: with
 * {@code max.in.flight.writes=1} {@link #write} runs on the task's writer thread and every other call on the task
 * thread. Each call happens-after the previous one (the task waits for the write's future before any other call),
 * so a writer needs no locking, but it must not keep state confined to a thread ({@code ThreadLocal}s, a client
 * bound to the thread that opened it). A method that fails throws: the task asks {@link #isTransient} whether to
 * retry (with backoff, bounded) or to fail; a {@link RecordRejectedException} names the one record the destination
 * cannot take, which goes to the errant-record reporter or fails the task.
 */
public interface TableWriter extends AutoCloseable {

    /**
     * Makes sure {@code table} exists with a column for every field of {@code keySchema} and {@code valueSchema}
     * (plus the sink's own columns): creates it when absent and {@code auto.create} is on, adds missing columns
     * when {@code auto.evolve} is on, and fails otherwise. Called before every write; cheap when nothing changed.
     *
     * @param keySchema   the key's fields (null when rows have no key)
     * @param valueSchema every value field seen (null when only key-only deletes were seen)
     */
    void ensureTable(TableId table, Schema keySchema, Schema valueSchema);

    /**
     * Writes one collapsed batch (one insert per table per flush where the destination allows). May run on the
     * task's writer thread, which the task interrupts only when it stops and abandons a write that does not end.
     */
    void write(TableId table, CollapsedBatch batch);

    /** Empties the table (overwrite mode reading partition 0 of its topic from the start). */
    void truncate(TableId table);

    /**
     * Applies a source {@code TRUNCATE} whose version is {@code version}: removes every row whose version is lower
     * (what the source truncated), keeps the rows of later changes (higher versions). Version-guarded, so it is
     * idempotent and order-independent: the source sends a truncate to every partition of the topic, and each
     * sink task applies the copy of its own partitions after writing that partition's older rows
     * (docs/sink-core.md, "Several tasks"). A missing table is not an error (nothing to remove).
     */
    void truncateBefore(TableId table, long version);

    /** True for errors worth retrying: the destination is unreachable, overloaded, or timed out. */
    boolean isTransient(Throwable error);

    @Override
    void close();
}
