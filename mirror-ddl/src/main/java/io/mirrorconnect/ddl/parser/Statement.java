package io.mirrorconnect.ddl.parser;

/** A parsed statement. {@code span} covers its first keyword. */
public sealed interface Statement
        permits CreatePeer, DropPeer, CreateMirror, DropMirror, PauseMirror, ResumeMirror {
    Span span();

    /** How the statement is named in messages, e.g. {@code CREATE MIRROR m}. */
    String title();
}
