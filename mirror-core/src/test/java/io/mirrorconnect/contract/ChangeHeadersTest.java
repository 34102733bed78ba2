package io.mirrorconnect.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChangeHeadersTest {

    static Stream<HeaderConverter> converters() {
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("converter.type", "header", "schemas.enable", "true"));
        StringConverter string = new StringConverter();
        string.configure(Map.of("converter.type", "header"));
        SimpleHeaderConverter simple = new SimpleHeaderConverter();
        simple.configure(Map.of());
        return Stream.of(simple, json, string);
    }

    /** Writes the headers, sends each through the converter as the worker does, and reads them back. */
    private static ChangeMetadata roundTrip(HeaderConverter converter, ChangeMetadata meta) {
        Headers written = new ConnectHeaders();
        ChangeHeaders.write(written, meta);
        Headers received = new ConnectHeaders();
        for (Header h : written) {
            byte[] bytes = converter.fromConnectHeader("t", h.key(), h.schema(), h.value());
            var back = converter.toConnectHeader("t", h.key(), bytes);
            received.add(h.key(), back.value(), back.schema());
        }
        return ChangeHeaders.read(received, "topic t partition 0 offset 1");
    }

    @ParameterizedTest
    @MethodSource("converters")
    void survivesEveryStockHeaderConverter(HeaderConverter converter) {
        for (ChangeOp op : ChangeOp.values()) {
            for (long version : new long[] {0L, 1L, 127L, 128L, 40_000L, 0x1_6B37_4D48L, Long.MAX_VALUE}) {
                ChangeMetadata meta = ChangeMetadata.of(op, version, 1_732_406_400_123_456L);
                assertThat(roundTrip(converter, meta)).isEqualTo(meta);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("converters")
    void unchangedToastNamesSurvive(HeaderConverter converter) {
        Set<String> names = new LinkedHashSet<>(List.of("body", "payload_json", "doc"));
        ChangeMetadata meta = new ChangeMetadata(ChangeOp.UPDATE, 99L, 5L, names);
        assertThat(roundTrip(converter, meta).unchangedToastFields()).containsExactlyInAnyOrderElementsOf(names);
        Set<String> one = Set.of("big_text");
        assertThat(roundTrip(converter, new ChangeMetadata(ChangeOp.UPDATE, 1L, 5L, one)).unchangedToastFields())
                .isEqualTo(one);
    }

    /** Column names Postgres allows as quoted identifiers: separators, brackets, quotes, escapes, non-ASCII. */
    private static final Set<String> ODD_NAMES = new LinkedHashSet<>(List.of("a, b", "[x]", "say \"hi\"", "back\\slash",
            "new\nline", "ünï ✓", "", " ", ",", "]", "\"", "{k:v}"));

    @ParameterizedTest
    @MethodSource("converters")
    void unchangedToastNamesWithSeparatorsAndQuotesSurvive(HeaderConverter converter) {
        ChangeMetadata meta = new ChangeMetadata(ChangeOp.UPDATE, 7L, 5L, ODD_NAMES);
        assertThat(roundTrip(converter, meta).unchangedToastFields()).containsExactlyInAnyOrderElementsOf(ODD_NAMES);
    }

    /** What a compiled sink (StringConverter) reads from a source whose worker writes with the default converter. */
    @org.junit.jupiter.api.Test
    void sinkStringConverterReadsWhatTheDefaultHeaderConverterWrote() {
        SimpleHeaderConverter simple = new SimpleHeaderConverter();
        simple.configure(Map.of());
        StringConverter string = new StringConverter();
        string.configure(Map.of("converter.type", "header"));
        ChangeMetadata meta = new ChangeMetadata(ChangeOp.UPDATE, 7L, 5L, ODD_NAMES);
        Headers written = new ConnectHeaders();
        ChangeHeaders.write(written, meta);
        Headers received = new ConnectHeaders();
        for (Header h : written) {
            byte[] bytes = simple.fromConnectHeader("t", h.key(), h.schema(), h.value());
            var back = string.toConnectHeader("t", h.key(), bytes);
            received.add(h.key(), back.value(), back.schema());
        }
        assertThat(ChangeHeaders.read(received, "topic t partition 0 offset 1")).isEqualTo(meta);
    }

    /** The text converters a source's headers are written with (ours compile StringConverter). */
    static Stream<HeaderConverter> textWriters() {
        StringConverter string = new StringConverter();
        string.configure(Map.of("converter.type", "header"));
        SimpleHeaderConverter simple = new SimpleHeaderConverter();
        simple.configure(Map.of());
        return Stream.of(string, simple);
    }

    /** Written by {@code writer} as the source's worker does, read by a compiled sink's ByteArrayConverter. */
    private static Headers writtenThenReadAsBytes(HeaderConverter writer, Headers written) {
        ByteArrayConverter bytes = new ByteArrayConverter();
        bytes.configure(Map.of("converter.type", "header"));
        Headers received = new ConnectHeaders();
        for (Header h : written) {
            var back = bytes.toConnectHeader("t", h.key(), writer.fromConnectHeader("t", h.key(), h.schema(), h.value()));
            assertThat(back.value()).as("ByteArrayConverter hands over the bytes").isInstanceOfAny(byte[].class);
            received.add(h.key(), back.value(), back.schema());
        }
        return received;
    }

    @ParameterizedTest
    @MethodSource("textWriters")
    void aSinksByteArrayConverterReadsWhatATextConverterWrote(HeaderConverter writer) {
        for (ChangeOp op : ChangeOp.values()) {
            for (long version : new long[] {0L, 1L, 9L, 10L, 127L, 40_000L, 999_999_999_999_999_999L,
                    1_000_000_000_000_000_000L, Long.MAX_VALUE}) {
                for (long commit : new long[] {0L, 1_732_406_400_123_456L, -1L, Long.MIN_VALUE}) {
                    ChangeMetadata meta = ChangeMetadata.of(op, version, commit);
                    Headers written = new ConnectHeaders();
                    ChangeHeaders.write(written, meta);
                    assertThat(ChangeHeaders.read(writtenThenReadAsBytes(writer, written), "w")).isEqualTo(meta);
                }
            }
        }
        ChangeMetadata odd = new ChangeMetadata(ChangeOp.UPDATE, 7L, 5L, ODD_NAMES);
        Headers written = new ConnectHeaders();
        ChangeHeaders.write(written, odd);
        assertThat(ChangeHeaders.read(writtenThenReadAsBytes(writer, written), "w")).isEqualTo(odd);
    }

    @ParameterizedTest
    @MethodSource("textWriters")
    void aListHeaderFromAnOlderSourceIsReadFromItsBytes(HeaderConverter writer) {
        assertThat(ChangeHeaders.read(writtenThenReadAsBytes(writer, olderSourcesHeaders()), "w").unchangedToastFields())
                .containsExactlyInAnyOrder("body", "doc");
    }

    /** The three contract headers as ByteArrayConverter hands them over: these bytes, unchanged. */
    private static Headers asBytes(String op, byte[] version, String commitTs) {
        Headers h = new ConnectHeaders();
        h.add(ChangeHeaders.OP, op.getBytes(StandardCharsets.UTF_8), null);
        h.add(ChangeHeaders.VERSION, version, null);
        h.add(ChangeHeaders.COMMIT_TS, commitTs.getBytes(StandardCharsets.UTF_8), null);
        return h;
    }

    @org.junit.jupiter.api.Test
    void headerBytesThatAreNotTheContractsTextAreReportedAsText() {
        Headers h = asBytes("u", new byte[] {0, 0, 0, 0, 0, 0, 0, 7}, "6"); // a binary long, not text
        assertThatThrownBy(() -> ChangeHeaders.read(h, "topic a partition 0 offset 9"))
                .isInstanceOf(ContractException.class)
                .hasMessageContaining("header " + ChangeHeaders.VERSION + " of topic a partition 0 offset 9")
                .hasMessageContaining("is not a 64-bit integer");
        Headers tooLong = asBytes("u", "9223372036854775808".getBytes(StandardCharsets.UTF_8), "6");
        assertThatThrownBy(() -> ChangeHeaders.read(tooLong, "w")).isInstanceOf(ContractException.class)
                .hasMessageContaining("'9223372036854775808'");
        Headers badOp = asBytes("x", "1".getBytes(StandardCharsets.UTF_8), "1");
        assertThatThrownBy(() -> ChangeHeaders.read(badOp, "w")).isInstanceOf(ContractException.class)
                .hasMessageContaining("unknown change operation code 'x'");
    }

    /** Records written by a source before the names were one encoded string: a list header. */
    @ParameterizedTest
    @MethodSource("converters")
    void aListHeaderFromAnOlderSourceIsStillRead(HeaderConverter converter) {
        Headers received = new ConnectHeaders();
        for (Header h : olderSourcesHeaders()) {
            byte[] bytes = converter.fromConnectHeader("t", h.key(), h.schema(), h.value());
            var back = converter.toConnectHeader("t", h.key(), bytes);
            received.add(h.key(), back.value(), back.schema());
        }
        assertThat(ChangeHeaders.read(received, "w").unchangedToastFields()).containsExactlyInAnyOrder("body", "doc");
    }

    /** The headers of a source from before the names were one encoded string: a list header. */
    private static Headers olderSourcesHeaders() {
        Headers written = new ConnectHeaders();
        written.addString(ChangeHeaders.OP, "u");
        written.addLong(ChangeHeaders.VERSION, 5L);
        written.addLong(ChangeHeaders.COMMIT_TS, 6L);
        written.addList(ChangeHeaders.UNCHANGED_TOAST, List.of("body", "doc"),
                org.apache.kafka.connect.data.SchemaBuilder.array(org.apache.kafka.connect.data.Schema.STRING_SCHEMA).build());
        return written;
    }

    @org.junit.jupiter.api.Test
    void missingHeaderNamesTheRecord() {
        Headers h = new ConnectHeaders();
        h.addString(ChangeHeaders.OP, "u");
        assertThatThrownBy(() -> ChangeHeaders.read(h, "topic orders partition 3 offset 17"))
                .isInstanceOf(ContractException.class)
                .hasMessageContaining("topic orders partition 3 offset 17")
                .hasMessageContaining(ChangeHeaders.VERSION);
    }

    @org.junit.jupiter.api.Test
    void theLastHeaderOfANameWinsAndOthersAreIgnored() {
        // as Headers.lastWithName: a single message transform may append a header of the same name after ours
        Headers h = new ConnectHeaders();
        h.addString(ChangeHeaders.OP, "c");
        h.addString("app.trace", "t-1");
        h.addLong(ChangeHeaders.VERSION, 7);
        h.addLong(ChangeHeaders.COMMIT_TS, 11);
        h.addString(ChangeHeaders.OP, "u");
        h.addLong(ChangeHeaders.VERSION, 9);
        ChangeMetadata m = ChangeHeaders.read(h, "w");
        assertThat(m.op()).isEqualTo(ChangeOp.UPDATE);
        assertThat(m.version()).isEqualTo(9);
        assertThat(m.commitTimeMicros()).isEqualTo(11);
        assertThat(m.unchangedToastFields()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void badOpCodeIsReported() {
        Headers h = new ConnectHeaders();
        h.addString(ChangeHeaders.OP, "x");
        h.addLong(ChangeHeaders.VERSION, 1);
        h.addLong(ChangeHeaders.COMMIT_TS, 1);
        assertThatThrownBy(() -> ChangeHeaders.read(h, "topic a partition 0 offset 0"))
                .isInstanceOf(ContractException.class)
                .hasMessageContaining("unknown change operation code 'x'");
    }
}
