package io.mirrorconnect.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;

import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.api.Test;

/** Workers with plugin.discovery=service_load (Kafka's recommended mode) find the connector only through this manifest. */
class ServiceManifestTest {
    @Test
    void connectorIsDiscoverableByServiceLoader() {
        assertThat(ServiceLoader.load(SinkConnector.class).stream().map(ServiceLoader.Provider::type))
                .contains(BigQuerySinkConnector.class);
    }
}
