package io.mirrorconnect.pgcdc.types;

/**
 * Converts one value from Postgres's text output format (what pgoutput v1 sends and {@code COPY ... TO STDOUT}
 * writes) to the Connect value its field schema expects.
 */
@FunctionalInterface
public interface ValueConverter {
    /**
     * @param pgText the value's text form; null for SQL NULL
     * @return the Connect value; null for SQL NULL
     * @throws PgValueException when the text is not a value of the column's type (or a special value the
     *                          {@link SpecialValuePolicy} refuses)
     */
    Object convert(String pgText);
}
