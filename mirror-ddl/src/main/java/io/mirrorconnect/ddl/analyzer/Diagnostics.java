package io.mirrorconnect.ddl.analyzer;

import io.mirrorconnect.ddl.lexer.SourceFile;
import io.mirrorconnect.ddl.parser.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every error and warning of a run, in the order found, so that one run reports them all. */
public final class Diagnostics {
    private final List<Diagnostic> all = new ArrayList<>();

    public void error(Span span, String message) {
        all.add(new Diagnostic(Diagnostic.Severity.ERROR, message, span));
    }

    public void warning(Span span, String message) {
        all.add(new Diagnostic(Diagnostic.Severity.WARNING, message, span));
    }

    public List<Diagnostic> all() {
        return List.copyOf(all);
    }

    public List<Diagnostic> errors() {
        return all.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
    }

    public List<Diagnostic> warnings() {
        return all.stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).toList();
    }

    public boolean hasErrors() {
        return all.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }

    /**
     * All diagnostics in reading order: by file (in the order files first appear) and then by position. The sort
     * is stable, so diagnostics at the same place keep the order they were found in.
     */
    public List<Diagnostic> sorted() {
        List<SourceFile> files = new ArrayList<>();
        for (Diagnostic d : all) {
            SourceFile f = d.span().start().file();
            if (!files.contains(f)) {
                files.add(f);
            }
        }
        List<Diagnostic> out = new ArrayList<>(all);
        out.sort(Comparator.<Diagnostic>comparingInt(d -> files.indexOf(d.span().start().file()))
                .thenComparingInt(d -> d.span().start().offset()));
        return out;
    }

    /** All diagnostics formatted in reading order, separated by line breaks. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : sorted()) {
            sb.append(d.format()).append(System.lineSeparator());
        }
        return sb.toString();
    }
}
