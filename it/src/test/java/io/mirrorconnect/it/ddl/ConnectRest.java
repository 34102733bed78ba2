package io.mirrorconnect.it.ddl;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The few Connect REST calls the test reads the worker with (independent of the mirror-ddl client under test):
 * the connector list, a connector's stored config, the installed plugins, and the validate endpoint.
 */
final class ConnectRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One error the worker attached to a property. */
    record ValidationError(String property, String message) {
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ConnectRest(String base) {
        this.base = base;
    }

    List<String> connectors() {
        List<String> names = new ArrayList<>();
        call("GET", "/connectors", null).forEach(n -> names.add(n.asText()));
        return names;
    }

    Map<String, String> config(String connector) {
        Map<String, String> config = new TreeMap<>();
        call("GET", "/connectors/" + connector + "/config", null).fields()
                .forEachRemaining(f -> config.put(f.getKey(), f.getValue().asText()));
        return config;
    }

    List<String> pluginClasses() {
        List<String> classes = new ArrayList<>();
        call("GET", "/connector-plugins", null).forEach(n -> classes.add(n.path("class").asText()));
        return classes;
    }

    List<ValidationError> validate(Map<String, String> config) {
        String path = "/connector-plugins/" + URLEncoder.encode(config.get("connector.class"), StandardCharsets.UTF_8)
                + "/config/validate";
        List<ValidationError> errors = new ArrayList<>();
        try {
            for (JsonNode c : call("PUT", path, JSON.writeValueAsString(config)).path("configs")) {
                JsonNode v = c.path("value");
                v.path("errors").forEach(e -> errors.add(new ValidationError(v.path("name").asText(), e.asText())));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return errors;
    }

    private JsonNode call(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + ": HTTP " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
