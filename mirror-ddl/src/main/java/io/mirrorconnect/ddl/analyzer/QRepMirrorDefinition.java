package io.mirrorconnect.ddl.analyzer;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.ddl.parser.Span;

/** A validated query-replication mirror; the query is the verbatim {@code $$} body. */
public record QRepMirrorDefinition(String name, boolean ifNotExists, Peer source, Peer target, String query,
        TableId watermarkTable, TableId destinationTable, ResolvedOptions options, Span span)
        implements MirrorDefinition {
}
