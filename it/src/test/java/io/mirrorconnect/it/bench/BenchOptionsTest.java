package io.mirrorconnect.it.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    @Test
    void defaultsAreTheRunOfRecord() {
        BenchOptions o = BenchOptions.parse();
        assertThat(o).isEqualTo(new BenchOptions(500_000, 200_000, false, true, List.of(BenchConverter.JSON)));
        assertThat(o.avro()).isFalse();
    }

    @Test
    void sizesFlagsAndConverter() {
        BenchOptions o = BenchOptions.parse("100_000", "40000", "--no-debezium", "--converter", "avro", "--sweep");
        assertThat(o).isEqualTo(new BenchOptions(100_000, 40_000, true, false, List.of(BenchConverter.AVRO)));
        assertThat(o.avro()).isTrue();
    }

    @Test
    void aNullDestinationRunIsAddedOnlyWhenAskedFor() {
        assertThat(BenchOptions.parse().nullDestination()).isFalse();
        assertThat(BenchOptions.parse("--null-destination").nullDestination()).isTrue();
    }

    @Test
    void theComparedPairRunsThreeTimesUnlessToldOtherwise() {
        assertThat(BenchOptions.parse().repeat()).isEqualTo(3);
        assertThat(BenchOptions.parse("--repeat", "5").repeat()).isEqualTo(5);
        assertThat(BenchOptions.parse("--repeat=1").repeat()).isEqualTo(1);
        assertThatThrownBy(() -> BenchOptions.parse("--repeat", "0")).hasMessageContaining("odd and at least 1");
        assertThatThrownBy(() -> BenchOptions.parse("--repeat", "2")).hasMessageContaining("odd and at least 1");
        assertThatThrownBy(() -> BenchOptions.parse("--repeat")).hasMessageContaining("needs a number");
    }

    @Test
    void bothRunsJsonThenAvro() {
        assertThat(BenchOptions.parse("--converter=both").converters())
                .containsExactly(BenchConverter.JSON, BenchConverter.AVRO);
        assertThat(BenchOptions.parse("--converter", "json").converters()).containsExactly(BenchConverter.JSON);
    }

    @Test
    void probesAndProducerOverrides() {
        BenchOptions o = BenchOptions.parse("--sources-only", "--trace", "--jfr", "--producer", "compression.type=zstd",
                "--producer=producer.override.linger.ms=5");
        assertThat(o.sourcesOnly()).isTrue();
        assertThat(o.trace()).isTrue();
        assertThat(o.jfr()).isTrue();
        assertThat(o.producerOverrides()).containsExactly(java.util.Map.entry("compression.type", "zstd"),
                java.util.Map.entry("linger.ms", "5"));
        assertThat(BenchOptions.parse().warmup()).isTrue();
        assertThat(BenchOptions.parse("--no-warmup").warmup()).isFalse();
        assertThat(BenchOptions.parse()).extracting(BenchOptions::sourcesOnly, BenchOptions::trace, BenchOptions::jfr)
                .containsExactly(false, false, false);
        assertThatThrownBy(() -> BenchOptions.parse("--producer", "lz4")).hasMessageContaining("NAME=VALUE");
        assertThatThrownBy(() -> BenchOptions.parse("--producer")).hasMessageContaining("NAME=VALUE");
        assertThat(BenchOptions.parse("--source", "max.batch.size=10000").sourceOverrides())
                .containsExactly(java.util.Map.entry("max.batch.size", "10000"));
        assertThatThrownBy(() -> BenchOptions.parse("--source=x")).hasMessageContaining("--source needs NAME=VALUE");
        assertThat(BenchOptions.parse("--sink=max.batch.bytes=1048576").sinkOverrides())
                .containsExactly(java.util.Map.entry("max.batch.bytes", "1048576"));
        assertThatThrownBy(() -> BenchOptions.parse("--sink")).hasMessageContaining("--sink needs NAME=VALUE");
    }

    @Test
    void refusesWhatItCannotRun() {
        assertThatThrownBy(() -> BenchOptions.parse("--converter")).hasMessageContaining("json, avro or both");
        assertThatThrownBy(() -> BenchOptions.parse("--converter", "protobuf")).hasMessageContaining("protobuf");
        assertThatThrownBy(() -> BenchOptions.parse("--avro")).hasMessageContaining("unknown option --avro");
        assertThatThrownBy(() -> BenchOptions.parse("1", "2", "3")).hasMessageContaining("at most");
        assertThatThrownBy(() -> BenchOptions.parse("many")).hasMessageContaining("ROWS must be a number");
        assertThatThrownBy(() -> BenchOptions.parse("0")).hasMessageContaining("positive");
    }

    @Test
    void eachLaneHasItsOwnMirrorAndDebeziumPrefix() {
        assertThat(BenchConverter.JSON.mirror()).isNotEqualTo(BenchConverter.AVRO.mirror());
        assertThat(BenchConverter.JSON.debeziumPrefix()).isNotEqualTo(BenchConverter.AVRO.debeziumPrefix());
        assertThat(BenchConverter.AVRO.settings("http://127.0.0.1:8080").schemaRegistryUrl())
                .isEqualTo("http://127.0.0.1:8080/apis/registry/v2");
        assertThat(BenchConverter.JSON.settings("ignored").format())
                .isEqualTo(io.mirrorconnect.ddl.compiler.ConverterSettings.Format.JSON);
    }
}
