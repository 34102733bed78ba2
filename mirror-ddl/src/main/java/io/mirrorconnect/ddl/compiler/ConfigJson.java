package io.mirrorconnect.ddl.compiler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * JSON forms of compiled connectors: the {@code compile} output {@code [{"name": ..., "config": {...}}]} and
 * the body of {@code PUT /connectors/<name>/config} (the bare config object). Pretty-printed, properties in
 * compile order, newline-terminated.
 */
public final class ConfigJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Two-space indent and '\n' line ends on every platform, so golden files compare byte for byte. */
    private static final ObjectWriter WRITER = MAPPER.writer(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private ConfigJson() {
    }

    public static String array(List<ConnectorConfig> connectors) {
        ArrayNode array = MAPPER.createArrayNode();
        for (ConnectorConfig c : connectors) {
            ObjectNode node = array.addObject();
            node.put("name", c.name());
            node.set("config", configNode(c.config()));
        }
        return write(array);
    }

    public static String config(ConnectorConfig connector) {
        return write(configNode(connector.config()));
    }

    private static ObjectNode configNode(Map<String, String> config) {
        ObjectNode node = MAPPER.createObjectNode();
        config.forEach(node::put);
        return node;
    }

    private static String write(Object node) {
        try {
            return WRITER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
