package io.mirrorconnect.ddl.parser;

import java.util.List;

/**
 * One TABLE MAPPING entry: {@code s.a:t.b} or {@code {from: s.a, to: t.b, exclude: [c1, c2]}}. {@code span}
 * covers the whole entry.
 */
public record TableMappingEntry(QualifiedName from, QualifiedName to, List<Name> exclude, Span span) {
    public TableMappingEntry {
        exclude = List.copyOf(exclude);
    }
}
