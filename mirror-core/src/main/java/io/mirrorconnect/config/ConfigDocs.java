package io.mirrorconnect.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.types.Password;

/**
 * Renders a connector's {@link ConfigDef} as the Markdown reference in {@code docs/config/<module>.md} (pure).
 * Each connector module has a test comparing that file with this output; run it with
 * {@code -Dgolden.update=true} to regenerate the file.
 */
public final class ConfigDocs {
    static final String OTHER_GROUP = "Other";

    private ConfigDocs() {
    }

    /**
     * @param title     the page title, e.g. "clickhouse-sink configuration"
     * @param connector the connector class name shown under the title
     */
    public static String markdown(String title, String connector, ConfigDef def) {
        Map<String, List<ConfigKey>> groups = new LinkedHashMap<>();
        for (String g : def.groups()) {
            groups.put(g, new ArrayList<>());
        }
        for (ConfigKey key : def.configKeys().values()) {
            if (key.internalConfig) {
                continue;
            }
            groups.computeIfAbsent(key.group == null ? OTHER_GROUP : key.group, g -> new ArrayList<>()).add(key);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(title).append("\n\n");
        sb.append("`").append(connector).append("`\n\n");
        sb.append("<!-- Generated from the connector's ConfigDef by io.mirrorconnect.config.ConfigDocs; do not edit. -->\n");
        sb.append("<!-- Regenerate: run the module's ConfigDocsTest with -Dgolden.update=true. -->\n");
        for (Map.Entry<String, List<ConfigKey>> g : groups.entrySet()) {
            if (g.getValue().isEmpty()) {
                continue;
            }
            List<ConfigKey> keys = new ArrayList<>(g.getValue());
            keys.sort(Comparator.comparingInt((ConfigKey k) -> k.orderInGroup));
            sb.append("\n## ").append(g.getKey()).append("\n\n");
            sb.append("| property | type | default | valid values | importance | description |\n");
            sb.append("|---|---|---|---|---|---|\n");
            for (ConfigKey k : keys) {
                sb.append("| `").append(k.name).append("` | ")
                        .append(k.type.name().toLowerCase(Locale.ROOT)).append(" | ")
                        .append(defaultText(k)).append(" | ")
                        .append(k.validator == null ? "" : cell(k.validator.toString())).append(" | ")
                        .append(k.importance.name().toLowerCase(Locale.ROOT)).append(" | ")
                        .append(cell(k.documentation)).append(" |\n");
            }
        }
        return sb.toString();
    }

    private static String defaultText(ConfigKey k) {
        if (!k.hasDefault()) {
            return "required";
        }
        Object d = k.defaultValue;
        if (d == null) {
            return "null";
        }
        if (d instanceof Password p) {
            return p.value().isEmpty() ? "empty" : "(hidden)";
        }
        String text = ConfigDef.convertToString(d, k.type);
        return text == null || text.isEmpty() ? "empty" : "`" + text + "`";
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\r", "").replace("\n", " ");
    }
}
