package io.mirrorconnect.ddl.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectClientTest {
    private StubConnectServer connect;
    private ConnectClient client;

    @BeforeEach
    void start() throws IOException {
        connect = new StubConnectServer();
        client = new ConnectClient(connect.uri(), Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        connect.close();
    }

    @Test
    void putConfigCreatesThenUpdates() {
        assertThat(client.exists("m-source")).isFalse();
        assertThat(client.putConfig("m-source", Map.of("tasks.max", "1"))).isTrue();
        assertThat(client.putConfig("m-source", Map.of("tasks.max", "2"))).isFalse();
        assertThat(client.exists("m-source")).isTrue();
        assertThat(connect.connectors.get("m-source")).containsEntry("tasks.max", "2");
    }

    @Test
    void pauseResumeDeleteAndStatus() {
        client.putConfig("m-sink", Map.of("tasks.max", "1"));
        client.pause("m-sink");
        ConnectorStatus s = client.status("m-sink");
        assertThat(s.connector().state()).isEqualTo("PAUSED");
        assertThat(s.type()).isEqualTo("sink");
        assertThat(s.tasks()).extracting(t -> t.state().state()).containsExactly("PAUSED");
        client.resume("m-sink");
        assertThat(client.status("m-sink").connector().state()).isEqualTo("RUNNING");
        client.delete("m-sink");
        assertThat(connect.connectors).doesNotContainKey("m-sink");
    }

    @Test
    void connectErrorsAreReadable() {
        connect.rejectMessage = "Connector configuration is invalid and contains the following 1 error(s):\n"
                + "Missing required configuration \"clickhouse.host\"";
        assertThatThrownBy(() -> client.putConfig("m-sink", Map.of()))
                .isInstanceOf(ConnectRestException.class)
                .hasMessage("PUT /connectors/m-sink/config: HTTP 400: Connector configuration is invalid and"
                        + " contains the following 1 error(s):\nMissing required configuration \"clickhouse.host\"");
        assertThatThrownBy(() -> client.delete("nope"))
                .hasMessage("DELETE /connectors/nope: HTTP 404: Connector nope not found");
    }

    @Test
    void unreachableWorkerIsNamed() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ConnectClient down = new ConnectClient(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(5));
        assertThatThrownBy(() -> down.exists("x"))
                .isInstanceOf(ConnectRestException.class)
                .hasMessage("GET /connectors/x: cannot connect to http://127.0.0.1:" + port
                        + " (is the Connect worker running and the URL right?)");
    }

    @Test
    void conflictsAreRetried() {
        connect.conflicts = 2;
        assertThat(client.putConfig("m-source", Map.of("tasks.max", "1"))).isTrue();
        assertThat(connect.requests).containsExactly("PUT /connectors/m-source/config",
                "PUT /connectors/m-source/config", "PUT /connectors/m-source/config");
    }

    @Test
    void validateReportsPropertyErrors() {
        connect.invalidProperty = "clickhouse.port";
        assertThat(client.validate(Map.of("connector.class", "x.Sink", "name", "m-sink", "clickhouse.port", "abc")))
                .containsExactly("clickhouse.port: Invalid value abc for configuration clickhouse.port");
        connect.plugins = java.util.Set.of("x.Other");
        assertThatThrownBy(() -> client.validate(Map.of("connector.class", "x.Sink")))
                .hasMessage("PUT /connector-plugins/x.Sink/config/validate: HTTP 400: Failed to find any class that"
                        + " implements Connector and which name matches x.Sink");
    }

    @Test
    void rejectsNonHttpUrls() {
        assertThatThrownBy(() -> new ConnectClient(URI.create("localhost:8083"), Duration.ofSeconds(1)))
                .hasMessage("Connect URL must start with http:// or https://: localhost:8083");
    }

    @Test
    void nonJsonErrorBodiesAreShownAsText() {
        assertThat(ConnectClient.errorMessage("<html>\n<body>Bad gateway</body></html>"))
                .isEqualTo("<html> <body>Bad gateway</body></html>");
        assertThat(ConnectClient.errorMessage("")).isEqualTo("(empty response)");
    }
}
