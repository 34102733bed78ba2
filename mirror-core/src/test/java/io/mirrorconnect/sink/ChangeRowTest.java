package io.mirrorconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;

import io.mirrorconnect.contract.ChangeOp;

class ChangeRowTest {

    /**
     * The record as a compiled sink receives it: each header written by the source's StringConverter and handed over
     * by the sink's ByteArrayConverter, as bytes.
     */
    private static SinkRecord withHeaderBytes(SinkRecord r) {
        StringConverter source = new StringConverter();
        source.configure(Map.of("converter.type", "header"));
        ByteArrayConverter sink = new ByteArrayConverter();
        sink.configure(Map.of("converter.type", "header"));
        ConnectHeaders bytes = new ConnectHeaders();
        for (Header h : r.headers()) {
            var back = sink.toConnectHeader(r.topic(), h.key(), source.fromConnectHeader(r.topic(), h.key(), h.schema(), h.value()));
            bytes.add(h.key(), back.value(), back.schema());
        }
        return r.newRecord(r.topic(), r.kafkaPartition(), r.keySchema(), r.key(), r.valueSchema(), r.value(),
                r.timestamp(), bytes);
    }

    @Test
    void aTruncateWhoseHeadersAreBytesIsNotATombstone() {
        SinkRecord truncate = withHeaderBytes(Records.record(0, 3, ChangeOp.TRUNCATE, 9, null, null));
        assertThat(truncate.headers().lastWithName("mirror.op").value()).isInstanceOf(byte[].class);
        assertThat(ChangeRow.isTombstone(truncate)).isFalse();
        assertThat(ChangeRow.read(truncate, false).op()).isEqualTo(ChangeOp.TRUNCATE);
        SinkRecord tombstone = new SinkRecord(Records.TOPIC, 0, Records.KEY, Records.key(1), null, null, 4);
        assertThat(ChangeRow.isTombstone(tombstone)).isTrue();
    }

    @Test
    void aChangeWhoseHeadersAreBytesReadsAsFromText() {
        SinkRecord text = Records.upsert(5, ChangeOp.UPDATE, 1_234_567_890_123L, 7, "n", "b", "body");
        SinkRecord bytes = withHeaderBytes(text);
        assertThat(ChangeRow.read(bytes, false).meta()).isEqualTo(ChangeRow.read(text, false).meta());
        assertThat(ChangeRow.read(bytes, false).meta().unchangedToastFields()).containsExactly("body");
    }
}
