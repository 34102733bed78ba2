package io.mirrorconnect.pgcdc.binary;

import static io.mirrorconnect.pgcdc.binary.PgBinaryValues.int32;

import java.util.ArrayList;
import java.util.List;

import io.mirrorconnect.pgcdc.types.PgValueException;

/**
 * Decodes Postgres's binary array format ({@code array_send}): int32 number of dimensions, int32 has-nulls flag,
 * int32 element type OID, per dimension int32 size and int32 lower bound, then every element row-major as int32
 * length (-1 for NULL) and its bytes. Gives the same nested lists as the text path (PgArrayParser): NULL elements
 * kept, lower bounds not carried, the empty array an empty list at any declared depth. Pure.
 */
public final class BinaryArrays {
    private static final int MAX_DIMENSIONS = 6;

    /** What a value with other dimensions than the column's schema nests becomes (the column's policy decides). */
    @FunctionalInterface
    public interface DimensionMismatch {
        Object handle(int actualDimensions);
    }

    private BinaryArrays() {
    }

    /**
     * @param declaredDimensions how many ARRAY levels the column's schema nests
     * @param element            converter of the (non-NULL) elements
     */
    public static Object decode(byte[] b, int off, int len, int declaredDimensions, BinaryConverter element,
                                DimensionMismatch mismatch) {
        if (len < 12) {
            throw new PgValueException("binary array has " + len + " bytes, expected at least 12");
        }
        int ndim = int32(b, off);
        if (ndim == 0) {
            return new ArrayList<>(0);
        }
        if (ndim < 0 || ndim > MAX_DIMENSIONS || len < 12 + 8 * ndim) {
            throw new PgValueException("binary array " + PgBinaryValues.show(b, off, len) + " has a bad header");
        }
        if (ndim != declaredDimensions) {
            return mismatch.handle(ndim);
        }
        int[] sizes = new int[ndim];
        for (int d = 0; d < ndim; d++) {
            sizes[d] = int32(b, off + 12 + 8 * d);
            if (sizes[d] < 0) {
                throw new PgValueException("binary array " + PgBinaryValues.show(b, off, len) + " has a bad size");
            }
        }
        int[] pos = {off + 12 + 8 * ndim};
        List<Object> out = level(b, off + len, sizes, 0, pos, element);
        if (pos[0] != off + len) {
            throw new PgValueException("binary array has " + (off + len - pos[0]) + " bytes after its elements");
        }
        return out;
    }

    private static List<Object> level(byte[] b, int end, int[] sizes, int d, int[] pos, BinaryConverter element) {
        int n = sizes[d];
        List<Object> out = new ArrayList<>(n);
        if (d + 1 < sizes.length) {
            for (int i = 0; i < n; i++) {
                out.add(level(b, end, sizes, d + 1, pos, element));
            }
            return out;
        }
        int p = pos[0];
        for (int i = 0; i < n; i++) {
            if (p + 4 > end) {
                throw new PgValueException("binary array ends inside its elements");
            }
            int l = int32(b, p);
            p += 4;
            if (l < 0) {
                out.add(null);
                continue;
            }
            if (p + l > end) {
                throw new PgValueException("binary array element of " + l + " bytes runs past the array's end");
            }
            out.add(element.convert(b, p, l));
            p += l;
        }
        pos[0] = p;
        return out;
    }
}
