package io.mirrorconnect.ddl.parser;

/**
 * The value of a {@code key = value} option as written: its kind, its text (unquoted for strings) and where
 * it is. A string that is exactly one {@code ${provider:path:key}} reference has kind {@link Kind#PLACEHOLDER}.
 */
public record OptionValue(Kind kind, String text, Span span) {
    public enum Kind {
        STRING("a string"),
        NUMBER("a number"),
        BOOLEAN("a boolean"),
        IDENTIFIER("an identifier"),
        PLACEHOLDER("a config-provider reference");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** Whether {@code text} is a single config-provider reference such as {@code ${file:/s.properties:pw}}. */
    public static boolean isPlaceholder(String text) {
        return text.length() > 3 && text.startsWith("${") && text.endsWith("}")
                && text.indexOf('}') == text.length() - 1;
    }
}
