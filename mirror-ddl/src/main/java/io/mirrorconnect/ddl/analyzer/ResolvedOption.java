package io.mirrorconnect.ddl.analyzer;

import io.mirrorconnect.ddl.parser.Span;

/**
 * An option's effective value as text (booleans as {@code true}/{@code false}, integers in decimal, strings
 * as written), whether it is a config-provider reference, and where its key was written (null for a default).
 */
public record ResolvedOption(String value, boolean placeholder, Span span) {
    public boolean isDefault() {
        return span == null;
    }
}
