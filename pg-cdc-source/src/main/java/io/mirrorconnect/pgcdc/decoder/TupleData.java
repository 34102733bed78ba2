package io.mirrorconnect.pgcdc.decoder;

import java.util.List;

/** A row image in a pgoutput Insert/Update/Delete: one {@link TupleValue} per column of the relation. */
public record TupleData(List<TupleValue> values) {
    public TupleData {
        values = List.copyOf(values);
    }

    public int size() {
        return values.size();
    }

    public TupleValue get(int index) {
        return values.get(index);
    }

    /**
     * The values as text, indexed like the relation's columns; null for SQL NULL and for unchanged TOAST
     * (tell them apart with {@link #unchangedToastIndexes()}).
     */
    public String[] texts() {
        String[] out = new String[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).text();
        }
        return out;
    }

    /** Indexes of the columns whose value is unchanged TOAST (kind 'u'); empty when there are none. */
    public int[] unchangedToastIndexes() {
        int n = 0;
        for (TupleValue v : values) {
            if (v.isUnchangedToast()) {
                n++;
            }
        }
        int[] out = new int[n];
        int j = 0;
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).isUnchangedToast()) {
                out[j++] = i;
            }
        }
        return out;
    }

    public boolean hasUnchangedToast() {
        for (TupleValue v : values) {
            if (v.isUnchangedToast()) {
                return true;
            }
        }
        return false;
    }
}
