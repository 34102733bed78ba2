package io.mirrorconnect.it.bench.noop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/** Counts the records it is handed (already converted by the worker) and drops them. */
public final class NoopSinkTask extends SinkTask {
    static final String EXPECTED = "noop.expected.records";
    static final String DONE_FILE = "noop.done.file";

    private long expected;
    private Path doneFile;
    private long seen;
    private boolean done;

    @Override
    public void start(Map<String, String> props) {
        expected = Long.parseLong(props.get(EXPECTED));
        doneFile = Path.of(props.get(DONE_FILE));
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        seen += records.size();
        if (!done && seen >= expected) {
            done = true;
            try {
                Path tmp = doneFile.resolveSibling(doneFile.getFileName() + ".tmp");
                Files.writeString(tmp, System.currentTimeMillis() + " " + seen + "\n");
                Files.move(tmp, doneFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void stop() {
    }

    @Override
    public String version() {
        return "bench";
    }
}
