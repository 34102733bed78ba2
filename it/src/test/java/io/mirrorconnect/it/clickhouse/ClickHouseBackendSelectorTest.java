package io.mirrorconnect.it.clickhouse;

import static io.mirrorconnect.it.fixtures.ClickHouseBackendSelector.Backend.CHDB;
import static io.mirrorconnect.it.fixtures.ClickHouseBackendSelector.Backend.DOCKER;
import static io.mirrorconnect.it.fixtures.ClickHouseBackendSelector.Backend.URL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.mirrorconnect.it.fixtures.ClickHouseBackendSelector;
import io.mirrorconnect.it.fixtures.ClickHouseBackendSelector.Backend;
import org.junit.jupiter.api.Test;

class ClickHouseBackendSelectorTest {
    private static final String URL_VALUE = "http://default:pw@ch.example:8123";

    /** A Docker check that counts how often it was asked. */
    private static final class Docker implements BooleanSupplier {
        private final boolean available;
        private final AtomicInteger calls = new AtomicInteger();

        Docker(boolean available) {
            this.available = available;
        }

        @Override
        public boolean getAsBoolean() {
            calls.incrementAndGet();
            return available;
        }
    }

    private static Backend select(Map<String, String> env, Docker docker) {
        return ClickHouseBackendSelector.select(env, docker);
    }

    @Test
    void nothingSetAndNoDockerIsChdb() {
        Docker docker = new Docker(false);
        assertThat(select(Map.of(), docker)).isEqualTo(CHDB);
        assertThat(docker.calls).hasValue(1);
    }

    @Test
    void nothingSetWithDockerIsDocker() {
        assertThat(select(Map.of(), new Docker(true))).isEqualTo(DOCKER);
    }

    @Test
    void urlWinsOverDockerWithoutAskingDocker() {
        Docker docker = new Docker(true);
        assertThat(select(Map.of("CLICKHOUSE_URL", URL_VALUE), docker)).isEqualTo(URL);
        assertThat(docker.calls).as("the Docker check is slow where an engine is half there: not asked").hasValue(0);
    }

    @Test
    void blankValuesCountAsUnset() {
        assertThat(select(Map.of("CLICKHOUSE_URL", "  ", "MIRROR_CLICKHOUSE", ""), new Docker(false))).isEqualTo(CHDB);
    }

    @Test
    void forcedChdbIgnoresUrlAndDocker() {
        Docker docker = new Docker(true);
        assertThat(select(Map.of("MIRROR_CLICKHOUSE", "chdb", "CLICKHOUSE_URL", URL_VALUE), docker)).isEqualTo(CHDB);
        assertThat(docker.calls).hasValue(0);
    }

    @Test
    void forcedDockerIgnoresUrl() {
        assertThat(select(Map.of("MIRROR_CLICKHOUSE", " Docker ", "CLICKHOUSE_URL", URL_VALUE), new Docker(true)))
                .isEqualTo(DOCKER);
    }

    @Test
    void forcedDockerWithoutAnEngineFailsClearly() {
        assertThatThrownBy(() -> select(Map.of("MIRROR_CLICKHOUSE", "docker"), new Docker(false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MIRROR_CLICKHOUSE=docker").hasMessageContaining("no Docker engine");
    }

    @Test
    void forcedUrlNeedsTheUrl() {
        Docker docker = new Docker(true);
        assertThat(select(Map.of("MIRROR_CLICKHOUSE", "URL", "CLICKHOUSE_URL", URL_VALUE), docker)).isEqualTo(URL);
        assertThatThrownBy(() -> select(Map.of("MIRROR_CLICKHOUSE", "url"), docker))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CLICKHOUSE_URL");
        assertThat(docker.calls).hasValue(0);
    }

    @Test
    void unknownForcedValueNamesTheVariableAndTheChoices() {
        assertThatThrownBy(() -> select(Map.of("MIRROR_CLICKHOUSE", "podman"), new Docker(true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MIRROR_CLICKHOUSE must be chdb, docker or url, not 'podman'");
    }
}
