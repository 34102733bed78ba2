package io.mirrorconnect.ddl.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small client for the Kafka Connect REST API (java.net.http + Jackson): create/update, delete, pause,
 * resume, status and validation of connectors. Every failure is a {@link ConnectRestException} naming the call
 * and carrying Connect's own error message. A 409 (the worker is rebalancing or its config is stale) is retried a
 * few times with a growing pause before it is reported.
 */
public final class ConnectClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int CONFLICT_RETRIES = 5;
    private static final long CONFLICT_BACKOFF_MS = 500;

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    public ConnectClient(URI base, Duration timeout) {
        this(base, timeout, HttpClient.newBuilder().connectTimeout(timeout).build());
    }

    public ConnectClient(URI base, Duration timeout, HttpClient http) {
        String s = Objects.requireNonNull(base, "base").toString();
        if (!s.startsWith("http://") && !s.startsWith("https://")) {
            throw new IllegalArgumentException("Connect URL must start with http:// or https://: " + s);
        }
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.timeout = timeout;
        this.http = http;
    }

    public URI base() {
        return base;
    }

    /** Whether the connector exists. */
    public boolean exists(String name) {
        try {
            call("GET", connectorPath(name), null);
            return true;
        } catch (ConnectRestException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    /** {@code PUT /connectors/<name>/config}: creates or updates; true when created. */
    public boolean putConfig(String name, Map<String, String> config) {
        return call("PUT", connectorPath(name) + "/config", toJson(config)).status() == 201;
    }

    private static String toJson(Map<String, String> config) {
        try {
            return MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code PUT /connector-plugins/<class>/config/validate}: the worker's verdict on a config, as
     * {@code property: message} lines (empty when valid). Fails when the plugin is not installed.
     */
    public List<String> validate(Map<String, String> config) {
        String cls = config.get("connector.class");
        if (cls == null) {
            throw new IllegalArgumentException("config has no connector.class");
        }
        String path = "/connector-plugins/" + URLEncoder.encode(cls, StandardCharsets.UTF_8) + "/config/validate";
        JsonNode n = json("PUT", path, call("PUT", path, toJson(config)));
        List<String> errors = new ArrayList<>();
        for (JsonNode c : n.path("configs")) {
            JsonNode v = c.path("value");
            for (JsonNode e : v.path("errors")) {
                errors.add(v.path("name").asText() + ": " + e.asText());
            }
        }
        if (errors.isEmpty() && n.path("error_count").asInt(0) > 0) {
            errors.add(n.path("error_count").asInt() + " error(s) reported without details");
        }
        return errors;
    }

    public void delete(String name) {
        call("DELETE", connectorPath(name), null);
    }

    public void pause(String name) {
        call("PUT", connectorPath(name) + "/pause", null);
    }

    public void resume(String name) {
        call("PUT", connectorPath(name) + "/resume", null);
    }

    public ConnectorStatus status(String name) {
        JsonNode n = json("GET", connectorPath(name) + "/status", call("GET", connectorPath(name) + "/status", null));
        List<ConnectorStatus.TaskState> tasks = new ArrayList<>();
        for (JsonNode t : n.path("tasks")) {
            tasks.add(new ConnectorStatus.TaskState(t.path("id").asInt(), state(t)));
        }
        return new ConnectorStatus(n.path("name").asText(name), n.path("type").asText(""),
                state(n.path("connector")), tasks);
    }

    private static ConnectorStatus.State state(JsonNode n) {
        return new ConnectorStatus.State(n.path("state").asText("UNKNOWN"), n.path("worker_id").asText(""),
                n.hasNonNull("trace") ? n.get("trace").asText() : null);
    }

    private static String connectorPath(String name) {
        return "/connectors/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record Response(int status, String body) {
    }

    private Response call(String method, String path, String jsonBody) {
        for (int attempt = 1; ; attempt++) {
            try {
                return callOnce(method, path, jsonBody);
            } catch (ConnectRestException e) {
                if (e.status() != 409 || attempt > CONFLICT_RETRIES) {
                    throw e;
                }
                try {
                    Thread.sleep(CONFLICT_BACKOFF_MS * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private Response callOnce(String method, String path, String jsonBody) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json");
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new ConnectRestException(method, path, 0, "no answer from " + base + " within "
                    + timeout.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new ConnectRestException(method, path, 0, "cannot connect to " + base
                    + " (is the Connect worker running and the URL right?)", e);
        } catch (IOException e) {
            throw new ConnectRestException(method, path, 0, "I/O error talking to " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectRestException(method, path, 0, "interrupted", e);
        }
        if (r.statusCode() / 100 != 2) {
            throw new ConnectRestException(method, path, r.statusCode(), errorMessage(r.body()), null);
        }
        return new Response(r.statusCode(), r.body());
    }

    /** Connect answers errors as {@code {"error_code": 400, "message": "..."}}; anything else is shown as is. */
    static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(empty response)";
        }
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n.hasNonNull("message")) {
                return n.get("message").asText();
            }
        } catch (IOException e) {
            // not JSON: fall through
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() > 500 ? oneLine.substring(0, 500) + "..." : oneLine;
    }

    private static JsonNode json(String method, String path, Response r) {
        try {
            return MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new ConnectRestException(method, path, r.status(), "response is not JSON: " + r.body(), e);
        }
    }
}
