package io.mirrorconnect.it.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.mirrorconnect.it.fixtures.ConnectFixture;
import io.mirrorconnect.it.fixtures.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worker boots and serves its REST API with the shipped plugin archives on plugin.path. */
class ConnectFixtureIT {
    static ConnectFixture connect;

    @BeforeAll
    static void start() {
        connect = ConnectFixture.start();
    }

    @AfterAll
    static void stop() {
        Fixtures.closeAll(connect);
    }

    @Test
    void restApiAnswers() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(connect.connectUrl() + "/connector-plugins")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("org.apache.kafka.connect");
    }
}
