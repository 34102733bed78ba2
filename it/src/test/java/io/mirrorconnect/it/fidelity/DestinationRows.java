package io.mirrorconnect.it.fidelity;

import java.util.Map;
import java.util.Set;

/**
 * Rows a destination holds for one source table, in canonical form (what {@link SourceReader} gives for the
 * source): values are null, text, lists (arrays) or maps (hstore).
 *
 * @param tableExists whether the destination table exists at all
 * @param columns     the source column names the destination table has (destination-only columns such as the
 *                    version, delete mark and synced-at columns are left out)
 * @param rows        by the key's canonical text; each row maps column names (of {@code columns}) to values
 */
public record DestinationRows(boolean tableExists, Set<String> columns, Map<String, Map<String, Object>> rows) {

    public static DestinationRows missingTable() {
        return new DestinationRows(false, Set.of(), Map.of());
    }

}
