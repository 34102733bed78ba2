package io.mirrorconnect.ddl.analyzer;

import io.mirrorconnect.ddl.parser.Span;

/** A validated peer: name, type and its options with defaults applied. */
public record Peer(String name, PeerType type, ResolvedOptions options, Span span) {
}
