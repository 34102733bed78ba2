package io.mirrorconnect.it.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds one row as SQL expressions per column: typed literals, arrays, raw expressions. Pure. */
final class Rows {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Function<String, String> typeOf;

    private Rows(Function<String, String> typeOf) {
        this.typeOf = typeOf;
    }

    /** A row whose columns' types come from {@link TypeSpec#SCALARS} / {@link TypeSpec#ARRAYS}. */
    static Rows spec() {
        return new Rows(column -> (column.startsWith("a_") ? TypeSpec.arrayNamed(column) : TypeSpec.scalarNamed(column)).pgType());
    }

    /** A row of a table with its own columns. */
    static Rows of(Map<String, String> types) {
        return new Rows(types::get);
    }

    /** A typed literal (null: SQL NULL). */
    Rows v(String column, String value) {
        values.put(column, Sql.lit(value, typeOf.apply(column)));
        return this;
    }

    /** A raw SQL expression. */
    Rows x(String column, String expression) {
        values.put(column, expression);
        return this;
    }

    /** {@code ARRAY[…]::type[]} of typed literals (null elements are NULL); no elements: the empty array. */
    Rows a(String column, String... elements) {
        String type = typeOf.apply(column);
        if (elements.length == 0) {
            values.put(column, "'{}'::" + type + "[]");
            return this;
        }
        List<String> parts = new ArrayList<>();
        for (String e : elements) {
            parts.add(Sql.lit(e, type));
        }
        values.put(column, "ARRAY[" + String.join(", ", parts) + "]::" + type + "[]");
        return this;
    }

    Map<String, String> values() {
        return values;
    }
}
