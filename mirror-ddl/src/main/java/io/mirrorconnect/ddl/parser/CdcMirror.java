package io.mirrorconnect.ddl.parser;

import java.util.List;

/** {@code CREATE MIRROR m FROM src TO dst WITH TABLE MAPPING (...) WITH (...)}. */
public record CdcMirror(Span span, Name name, boolean ifNotExists, Name source, Name target,
        Span mappingSpan, List<TableMappingEntry> mappings, List<OptionEntry> options) implements CreateMirror {
    public CdcMirror {
        mappings = List.copyOf(mappings);
        options = List.copyOf(options);
    }
}
