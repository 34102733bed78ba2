package io.mirrorconnect.ddl.analyzer;

import io.mirrorconnect.ddl.parser.Span;

/** One error or warning at a place in the input. */
public record Diagnostic(Severity severity, String message, Span span) {
    public enum Severity {
        ERROR, WARNING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * {@code FILE:LINE:COL: error: message}, then the offending line and a caret ({@code ^~~~} under the span,
     * clipped to the line).
     */
    public String format() {
        var pos = span.start();
        String line = pos.file().line(pos.line());
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < pos.column() - 1 && i < line.length(); i++) {
            caret.append(line.charAt(i) == '\t' ? '\t' : ' ');
        }
        caret.append('^');
        int room = Math.max(0, line.length() - pos.column());
        int tildes = Math.min(span.length() - 1, room);
        caret.append("~".repeat(Math.max(0, tildes)));
        return pos + ": " + severity.label() + ": " + message + System.lineSeparator()
                + line + System.lineSeparator() + caret;
    }
}
