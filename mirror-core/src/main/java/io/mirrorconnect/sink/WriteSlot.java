package io.mirrorconnect.sink;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * Where a sink task's batch writes run, one at a time: on one background thread the task owns (so the task reads
 * the next records while a batch is written), or inline on the task thread ({@code max.in.flight.writes=0}).
 *
 * <p>The slot holds at most one write. The task thread submits it and later collects its outcome ({@link #poll}
 * without waiting, {@link #await} waiting); it calls the writer itself only while the slot is empty, so writer
 * calls never overlap, and each happens-after the previous one (the future's completion orders them).
 */
final class WriteSlot {
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** How a write ended: {@code error} is null when it succeeded. */
    record Outcome(PendingWrite write, Throwable error) {
    }

    private final TableWriter writer;
    /** Null: writes run inline on the submitting thread. */
    private final ExecutorService executor;
    private PendingWrite current;
    private Future<?> future;

    private WriteSlot(TableWriter writer, ExecutorService executor) {
        this.writer = writer;
        this.executor = executor;
    }

    /** Writes on one background thread named after the mirror. */
    static WriteSlot background(TableWriter writer, String mirrorName) {
        String name = "mirror-" + mirrorName + "-sink-writer-" + THREADS.incrementAndGet();
        return new WriteSlot(writer, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }));
    }

    /** Writes inline on the task thread: {@link #submit} returns once the write ended. */
    static WriteSlot inline(TableWriter writer) {
        return new WriteSlot(writer, null);
    }

    /** True while a write was submitted and its outcome not yet collected. */
    boolean busy() {
        return current != null;
    }

    /** True while a submitted write has not ended (its outcome may be pending collection once it has). */
    boolean running() {
        return current != null && !future.isDone();
    }

    /** Starts writing {@code write}; the slot must be empty. */
    void submit(PendingWrite write) {
        if (current != null) {
            throw new IllegalStateException("a write is already in flight: " + current.description());
        }
        FutureTask<Void> task = new FutureTask<>(() -> writer.write(write.table(), write.batch()), null);
        current = write;
        future = task;
        if (executor == null) {
            task.run();
        } else {
            executor.execute(task);
        }
    }

    /** The outcome of the write if it has ended (the slot is then empty), else null (also when none was submitted). */
    Outcome poll() {
        return current != null && future.isDone() ? collect() : null;
    }

    /** Waits for the write to end and returns its outcome (null when none was submitted). */
    Outcome await() {
        try {
            return await(Long.MAX_VALUE);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e); // no bound
        }
    }

    /**
     * Waits up to {@code timeoutMs} for the write to end and returns its outcome (null when none was submitted).
     *
     * @throws TimeoutException when it is still running (it stays in the slot)
     */
    Outcome await(long timeoutMs) throws TimeoutException {
        if (current == null) {
            return null;
        }
        try {
            future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while " + current.description(), e);
        } catch (ExecutionException | CancellationException e) {
            // collected below
        }
        return collect();
    }

    private Outcome collect() {
        PendingWrite write = current;
        Throwable error = null;
        try {
            future.get();
        } catch (ExecutionException e) {
            error = e.getCause();
        } catch (CancellationException | InterruptedException e) {
            error = e;
        }
        current = null;
        future = null;
        return new Outcome(write, error);
    }

    /**
     * Ends the slot and closes the writer. A write still running after {@code timeoutMs} is abandoned: interrupted,
     * and the writer is closed on the slot's thread once it has ended (never while it runs).
     *
     * @return the abandoned write, or null
     */
    PendingWrite close(long timeoutMs) {
        PendingWrite abandoned = null;
        if (current != null) {
            try {
                await(timeoutMs);
            } catch (TimeoutException e) {
                abandoned = current;
                future.cancel(true);
                current = null;
                future = null;
            }
        }
        if (executor == null) {
            writer.close();
        } else if (abandoned == null) {
            executor.shutdown();
            writer.close();
        } else {
            executor.execute(writer::close);
            executor.shutdown();
        }
        return abandoned;
    }
}
