package io.mirrorconnect.qrep.read;

import org.apache.kafka.connect.data.Struct;

/** What partition readers hand to poll() through the bounded queue, in reading order. */
public sealed interface ReadEvent {
    /** One row; {@code last} marks the last row of its partition (the partition is finished with it). */
    record Row(int partition, Struct key, Struct value, boolean last) implements ReadEvent {
    }

    /** A partition without rows is finished. */
    record EmptyPartition(int partition) implements ReadEvent {
    }

    /** A reader failed; poll() fails the task with it. */
    record Failed(RuntimeException error) implements ReadEvent {
    }
}
