package io.mirrorconnect.ddl.analyzer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The options of one statement after validation, with defaults applied; lookups by lower-case name. */
public final class ResolvedOptions {
    private final Map<String, ResolvedOption> values;

    public ResolvedOptions(Map<String, ResolvedOption> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public ResolvedOption get(String name) {
        return values.get(name);
    }

    /** The value's text, or null when the option is absent and has no default. */
    public String text(String name) {
        ResolvedOption o = values.get(name);
        return o == null ? null : o.value();
    }

    public boolean isPlaceholder(String name) {
        ResolvedOption o = values.get(name);
        return o != null && o.placeholder();
    }

    /** A boolean value; false when absent or a placeholder (callers check {@link #isPlaceholder} first). */
    public boolean bool(String name) {
        ResolvedOption o = values.get(name);
        return o != null && !o.placeholder() && Boolean.parseBoolean(o.value());
    }

    /** An integer value; only for options that exist and are no placeholder. */
    public long integer(String name) {
        return Long.parseLong(values.get(name).value());
    }

    public Map<String, ResolvedOption> asMap() {
        return values;
    }
}
