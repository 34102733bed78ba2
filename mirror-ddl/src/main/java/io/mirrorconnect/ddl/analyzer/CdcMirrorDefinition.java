package io.mirrorconnect.ddl.analyzer;

import io.mirrorconnect.ddl.parser.Span;
import java.util.List;

/** A validated CDC mirror. */
public record CdcMirrorDefinition(String name, boolean ifNotExists, Peer source, Peer target,
        List<TableMapping> mappings, ResolvedOptions options, Span span) implements MirrorDefinition {
    public CdcMirrorDefinition {
        mappings = List.copyOf(mappings);
    }
}
