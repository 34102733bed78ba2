package io.mirrorconnect.ddl.parser;

import java.util.List;

/** {@code CREATE MIRROR m FROM src TO dst FOR $$ query $$ WITH (...)}; the query is the verbatim body. */
public record QRepMirror(Span span, Name name, boolean ifNotExists, Name source, Name target, String query,
        Span querySpan, List<OptionEntry> options) implements CreateMirror {
    public QRepMirror {
        options = List.copyOf(options);
    }
}
