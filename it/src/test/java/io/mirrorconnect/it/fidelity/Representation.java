package io.mirrorconnect.it.fidelity;

/**
 * A destination's documented representation of Postgres values: for each column and (canonical) value as the
 * record contract carries it, what the destination holds. Identity wherever the destination is exact; every lossy
 * mapping and every rejection is listed in docs/type-fidelity.md under the destination's column. Pure.
 */
@FunctionalInterface
public interface Representation {

    /**
     * @param column the source column
     * @param value  the canonical value after the source contract ({@link SourceContract}): null, a text, a list
     *               (arrays, nested for 2-D) or a map (hstore)
     */
    Expected expect(Column column, Object value);

    /** Every value as it is (a destination that holds everything exactly). */
    Representation EXACT = (column, value) -> Expected.value(value);
}
