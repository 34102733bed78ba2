package io.mirrorconnect.ddl.compiler;

import io.mirrorconnect.ddl.analyzer.ResolvedOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/** Appends connector properties in call order; refuses to set one twice (a compiler bug). */
final class PropertyWriter {
    private final Map<String, String> props = new LinkedHashMap<>();

    PropertyWriter put(String key, String value) {
        if (value == null) {
            throw new IllegalStateException("no value for " + key);
        }
        if (props.putIfAbsent(key, value) != null) {
            throw new IllegalStateException("property " + key + " set twice");
        }
        return this;
    }

    /** Puts the option's value when it has one (given or defaulted). */
    PropertyWriter putOption(String key, ResolvedOptions options, String option) {
        String v = options.text(option);
        if (v != null) {
            put(key, v);
        }
        return this;
    }

    Map<String, String> build() {
        return props;
    }
}
