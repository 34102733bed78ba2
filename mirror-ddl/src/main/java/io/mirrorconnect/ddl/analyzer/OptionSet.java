package io.mirrorconnect.ddl.analyzer;

import io.mirrorconnect.ddl.parser.OptionEntry;
import io.mirrorconnect.ddl.parser.OptionValue;
import io.mirrorconnect.ddl.parser.Span;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options one kind of statement accepts, plus the PeerDB options Mirror Connect knows but does not support
 * (rejected with a reason, never ignored). {@link #resolve} validates a {@code WITH (...)} list and applies
 * defaults.
 */
public final class OptionSet {
    private final Map<String, OptionSpec> specs = new LinkedHashMap<>();
    private final Map<String, String> unsupported = new LinkedHashMap<>();

    public OptionSet(List<OptionSpec> specs, Map<String, String> unsupported) {
        for (OptionSpec s : specs) {
            this.specs.put(s.name(), s);
        }
        this.unsupported.putAll(unsupported);
    }

    public Map<String, OptionSpec> specs() {
        return Collections.unmodifiableMap(specs);
    }

    public Map<String, String> unsupported() {
        return Collections.unmodifiableMap(unsupported);
    }

    /**
     * Validates {@code entries} of the statement {@code title} and returns every known option with its value or
     * default. Errors go to {@code diagnostics}; {@code nameSpan} is where a missing option is reported.
     */
    public ResolvedOptions resolve(List<OptionEntry> entries, String title, Span nameSpan, Diagnostics diagnostics) {
        Map<String, ResolvedOption> given = new LinkedHashMap<>();
        java.util.Set<String> suggested = new java.util.HashSet<>();
        for (OptionEntry e : entries) {
            String key = e.key().value();
            OptionSpec spec = specs.get(key);
            if (spec == null) {
                String reason = unsupported.get(key);
                if (reason != null) {
                    diagnostics.error(e.key().span(), "option '" + key + "' in " + title
                            + " is not supported by Mirror Connect: " + reason);
                } else {
                    String message = "unknown option '" + key + "' in " + title;
                    var suggestion = Suggestions.closest(key, specs.keySet());
                    suggestion.ifPresent(suggested::add);
                    message += suggestion.map(s -> "; did you mean '" + s + "'?").orElse("");
                    diagnostics.error(e.key().span(), message);
                }
                continue;
            }
            if (given.containsKey(key)) {
                diagnostics.error(e.key().span(), "option '" + key + "' given twice in " + title);
                continue;
            }
            ResolvedOption value = convert(spec, e, title, diagnostics);
            if (value != null) {
                given.put(key, value);
            }
        }
        Map<String, ResolvedOption> out = new LinkedHashMap<>();
        for (OptionSpec spec : specs.values()) {
            ResolvedOption v = given.get(spec.name());
            if (v == null && spec.required() && !hasEntry(entries, spec.name()) && !suggested.contains(spec.name())) {
                diagnostics.error(nameSpan, title + " is missing required option '" + spec.name() + "'");
            }
            if (v == null && spec.defaultValue() != null) {
                v = new ResolvedOption(spec.defaultValue(), false, null);
            }
            if (v != null) {
                out.put(spec.name(), v);
            }
        }
        return new ResolvedOptions(out);
    }

    private static boolean hasEntry(List<OptionEntry> entries, String name) {
        return entries.stream().anyMatch(e -> e.key().value().equals(name));
    }

    private static ResolvedOption convert(OptionSpec spec, OptionEntry e, String title, Diagnostics diagnostics) {
        OptionValue v = e.value();
        Span at = e.key().span();
        String what = "option '" + spec.name() + "' in " + title;
        if (v.kind() == OptionValue.Kind.PLACEHOLDER) {
            if (!spec.placeholderAllowed()) {
                diagnostics.error(v.span(), what + " cannot be a config-provider reference: the compiler needs its"
                        + " value");
                return null;
            }
            return new ResolvedOption(v.text(), true, at, v.span());
        }
        String text = v.text();
        switch (spec.type()) {
            case STRING, SECRET -> {
                if (v.kind() == OptionValue.Kind.BOOLEAN) {
                    return wrongType(spec, v, what, diagnostics);
                }
                if (text.isEmpty() && spec.required()) {
                    diagnostics.error(v.span(), what + " must not be empty");
                    return null;
                }
                return new ResolvedOption(text, false, at, v.span());
            }
            case INTEGER -> {
                if (v.kind() != OptionValue.Kind.NUMBER && v.kind() != OptionValue.Kind.STRING
                        || !text.trim().matches("-?\\d+")) {
                    return wrongType(spec, v, what, diagnostics);
                }
                BigInteger n = new BigInteger(text.trim());
                if (n.compareTo(BigInteger.valueOf(spec.min())) < 0 || n.compareTo(BigInteger.valueOf(spec.max())) > 0) {
                    String range = spec.max() == Long.MAX_VALUE ? "at least " + spec.min()
                            : "between " + spec.min() + " and " + spec.max();
                    diagnostics.error(v.span(), what + " must be " + range + ", got " + text.trim());
                    return null;
                }
                return new ResolvedOption(n.toString(), false, at, v.span());
            }
            case BOOLEAN -> {
                String lower = text.trim().toLowerCase(Locale.ROOT);
                if (v.kind() == OptionValue.Kind.NUMBER || !(lower.equals("true") || lower.equals("false"))) {
                    return wrongType(spec, v, what, diagnostics);
                }
                return new ResolvedOption(lower, false, at, v.span());
            }
            case ENUM -> {
                String lower = text.trim().toLowerCase(Locale.ROOT);
                if (v.kind() == OptionValue.Kind.NUMBER || v.kind() == OptionValue.Kind.BOOLEAN
                        || !spec.allowed().contains(lower)) {
                    diagnostics.error(v.span(), what + " must be one of " + String.join(", ", spec.allowed())
                            + ", got '" + text + "'");
                    return null;
                }
                return new ResolvedOption(lower, false, at, v.span());
            }
            default -> throw new IllegalStateException(spec.type().toString());
        }
    }

    private static ResolvedOption wrongType(OptionSpec spec, OptionValue v, String what, Diagnostics diagnostics) {
        diagnostics.error(v.span(), what + " expects " + spec.type().description() + ", got "
                + v.kind().description() + " '" + v.text() + "'");
        return null;
    }
}
