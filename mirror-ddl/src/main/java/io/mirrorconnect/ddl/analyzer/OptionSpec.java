package io.mirrorconnect.ddl.analyzer;

import java.util.List;

/**
 * One option a statement accepts: its name, type, whether it is required, its default (text, or null), its
 * documentation, integer bounds, allowed values for enums, and whether a {@code ${provider:path:key}}
 * reference may stand for it (true for peer settings; false for options the compiler must compute with).
 */
public record OptionSpec(String name, OptionType type, boolean required, String defaultValue, String doc,
        long min, long max, List<String> allowed, boolean placeholderAllowed) {
    public OptionSpec {
        allowed = List.copyOf(allowed);
    }

    public static Builder of(String name, OptionType type) {
        return new Builder(name, type);
    }

    /** Fluent construction of specs. */
    public static final class Builder {
        private final String name;
        private final OptionType type;
        private boolean required;
        private String defaultValue;
        private String doc = "";
        private long min = Long.MIN_VALUE;
        private long max = Long.MAX_VALUE;
        private List<String> allowed = List.of();
        private boolean placeholderAllowed;

        private Builder(String name, OptionType type) {
            this.name = name;
            this.type = type;
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        public Builder defaultValue(String value) {
            this.defaultValue = value;
            return this;
        }

        public Builder doc(String text) {
            this.doc = text;
            return this;
        }

        public Builder range(long lo, long hi) {
            this.min = lo;
            this.max = hi;
            return this;
        }

        public Builder allowed(String... values) {
            this.allowed = List.of(values);
            return this;
        }

        public Builder placeholders() {
            this.placeholderAllowed = true;
            return this;
        }

        public OptionSpec build() {
            return new OptionSpec(name, type, required, defaultValue, doc, min, max, allowed, placeholderAllowed);
        }
    }
}
