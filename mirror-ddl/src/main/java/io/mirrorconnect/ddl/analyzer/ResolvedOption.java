package io.mirrorconnect.ddl.analyzer;

import io.mirrorconnect.ddl.parser.Span;

/**
 * An option's effective value as text (booleans as {@code true}/{@code false}, integers in decimal, strings
 * as written), whether it is a config-provider reference, where its key was written (null for a default), and
 * where its value was written (null for a default).
 */
public record ResolvedOption(String value, boolean placeholder, Span span, Span valueSpan) {
    public ResolvedOption(String value, boolean placeholder, Span span) {
        this(value, placeholder, span, span);
    }

    public boolean isDefault() {
        return span == null;
    }
}
