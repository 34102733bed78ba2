package io.mirrorconnect.ddl.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the Connect REST API's connector endpoints (the real worker is exercised in it/): keeps
 * connectors in memory, answers like Connect (201/200/204/202, {@code {"error_code", "message"}} errors), records
 * every request, and can be told to reject a config.
 */
public final class StubConnectServer implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public final Map<String, Map<String, String>> connectors = new LinkedHashMap<>();
    public final Map<String, String> states = new LinkedHashMap<>();
    public final List<String> requests = new ArrayList<>();
    public volatile String rejectMessage;
    /** Validation errors to report for this property of any config. */
    public volatile String invalidProperty;
    /** Connector classes the worker has; null: all. */
    public volatile java.util.Set<String> plugins;
    /** The trace a FAILED connector's task reports (Connect's {@code trace} field). */
    public volatile String failureTrace = "org.apache.kafka.connect.errors.ConnectException: boom\n\tat somewhere";
    /** How many of the next requests answer 409 (rebalance in progress). */
    public volatile int conflicts;
    private final HttpServer server;

    public StubConnectServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/connectors/", this::handle);
        server.createContext("/connector-plugins/", this::validate);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private synchronized void validate(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(ex.getRequestMethod() + " " + path);
        String cls = path.split("/")[2];
        if (plugins != null && !plugins.contains(cls)) {
            send(ex, 400, error(400, "Failed to find any class that implements Connector and which name matches "
                    + cls));
            return;
        }
        JsonNode body = MAPPER.readTree(ex.getRequestBody());
        ObjectNode result = MAPPER.createObjectNode().put("name", cls);
        var configs = result.putArray("configs");
        int errors = 0;
        if (!body.hasNonNull("name")) {
            // as a real worker: ConnectorConfig requires the connector's name in the validated config too
            configs.addObject().putObject("value").put("name", "name").putArray("errors")
                    .add("Missing required configuration \"name\" which has no default value.");
            errors++;
        }
        var names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            ObjectNode value = configs.addObject().putObject("value").put("name", name);
            var list = value.putArray("errors");
            if (name.equals(invalidProperty)) {
                list.add("Invalid value " + body.get(name).asText() + " for configuration " + name);
                errors++;
            }
        }
        result.put("error_count", errors);
        send(ex, 200, result.toString());
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        requests.add(method + " " + path);
        if (conflicts > 0) {
            conflicts--;
            send(ex, 409, error(409, "Cannot complete request momentarily due to stale configuration"));
            return;
        }
        String[] parts = path.substring("/connectors/".length()).split("/");
        String name = parts[0];
        String sub = parts.length > 1 ? parts[1] : "";
        boolean exists = connectors.containsKey(name);
        if (method.equals("PUT") && sub.equals("config")) {
            if (rejectMessage != null) {
                send(ex, 400, error(400, rejectMessage));
                return;
            }
            JsonNode body = MAPPER.readTree(ex.getRequestBody());
            Map<String, String> config = new LinkedHashMap<>();
            body.fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            connectors.put(name, config);
            states.putIfAbsent(name, "RUNNING");
            ObjectNode info = MAPPER.createObjectNode().put("name", name);
            info.set("config", MAPPER.valueToTree(config));
            send(ex, exists ? 200 : 201, info.toString());
            return;
        }
        if (!exists) {
            send(ex, 404, error(404, "Connector " + name + " not found"));
            return;
        }
        switch (method + " " + sub) {
            case "GET " -> send(ex, 200, MAPPER.createObjectNode().put("name", name).toString());
            case "DELETE " -> {
                connectors.remove(name);
                states.remove(name);
                send(ex, 204, null);
            }
            case "PUT pause" -> {
                states.put(name, "PAUSED");
                send(ex, 202, null);
            }
            case "PUT resume" -> {
                states.put(name, "RUNNING");
                send(ex, 202, null);
            }
            case "GET status" -> {
                String state = states.get(name);
                ObjectNode n = MAPPER.createObjectNode().put("name", name)
                        .put("type", name.endsWith("-sink") ? "sink" : "source");
                n.putObject("connector").put("state", state).put("worker_id", "127.0.0.1:8083");
                ObjectNode task = n.putArray("tasks").addObject().put("id", 0).put("worker_id", "127.0.0.1:8083");
                if (state.equals("FAILED")) {
                    task.put("state", "FAILED").put("trace", failureTrace);
                } else {
                    task.put("state", state);
                }
                send(ex, 200, n.toString());
            }
            default -> send(ex, 405, error(405, "HTTP 405 Method Not Allowed"));
        }
    }

    private static String error(int code, String message) {
        return MAPPER.createObjectNode().put("error_code", code).put("message", message).toString();
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
