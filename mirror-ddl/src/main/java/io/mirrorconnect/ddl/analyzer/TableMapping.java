package io.mirrorconnect.ddl.analyzer;

import io.mirrorconnect.contract.TableId;
import java.util.List;

/** One validated TABLE MAPPING entry: schema-qualified source, target as written, excluded columns. */
public record TableMapping(TableId source, TableId target, List<String> excludedColumns) {
    public TableMapping {
        excludedColumns = List.copyOf(excludedColumns);
    }
}
