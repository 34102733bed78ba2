package io.mirrorconnect.ddl.analyzer;

import io.mirrorconnect.ddl.parser.Span;

/** A validated {@code CREATE MIRROR}, ready to compile. */
public sealed interface MirrorDefinition permits CdcMirrorDefinition, QRepMirrorDefinition {
    String name();

    boolean ifNotExists();

    Peer source();

    Peer target();

    /** The options with defaults applied. */
    ResolvedOptions options();

    Span span();
}
