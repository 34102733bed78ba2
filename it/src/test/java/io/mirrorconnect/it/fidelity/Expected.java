package io.mirrorconnect.it.fidelity;

/** What a destination must hold for one source value: a canonical value, or nothing because it rejects the row. */
public sealed interface Expected {

    static Expected value(Object canonical) {
        return new Value(canonical);
    }

    static Expected rejected(String why) {
        return new Rejected(why);
    }

    /** The destination holds this canonical value (null, text, list or map). */
    record Value(Object canonical) implements Expected {
    }

    /**
     * The destination cannot hold the value: the sink must reject the row to the dead-letter queue with an error
     * naming the column, and write the other rows.
     */
    record Rejected(String why) implements Expected {
    }
}
