package io.mirrorconnect.it.clickhousesink;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;

import io.mirrorconnect.contract.ChangeHeaders;
import io.mirrorconnect.contract.ChangeMetadata;
import io.mirrorconnect.contract.ChangeOp;

/**
 * Writes contract records to Kafka the way a Connect source would: key and value through JsonConverter
 * (schemas enabled), headers written by {@link ChangeHeaders} through the worker's default header converter.
 */
public final class ContractProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final JsonConverter keyConverter = new JsonConverter();
    private final JsonConverter valueConverter = new JsonConverter();
    private final SimpleHeaderConverter headerConverter = new SimpleHeaderConverter();

    public ContractProducer(KafkaProducer<byte[], byte[]> producer) {
        this.producer = producer;
        keyConverter.configure(Map.of("schemas.enable", "true"), true);
        valueConverter.configure(Map.of("schemas.enable", "true"), false);
        headerConverter.configure(Map.of());
    }

    public void send(String topic, ChangeOp op, long version, Struct key, Struct value, String... unchangedToast) {
        ConnectHeaders connectHeaders = new ConnectHeaders();
        ChangeHeaders.write(connectHeaders, new ChangeMetadata(op, version, 1_700_000_000_000_000L + version,
                new LinkedHashSet<>(Arrays.asList(unchangedToast))));
        RecordHeaders headers = new RecordHeaders();
        for (Header h : connectHeaders) {
            headers.add(h.key(), headerConverter.fromConnectHeader(topic, h.key(), h.schema(), h.value()));
        }
        Schema ks = key == null ? null : key.schema();
        Schema vs = value == null ? null : value.schema();
        byte[] k = key == null ? null : keyConverter.fromConnectData(topic, ks, key);
        byte[] v = value == null ? null : valueConverter.fromConnectData(topic, vs, value);
        producer.send(new ProducerRecord<>(topic, null, k, v, headers));
    }

    /** A record that does not follow the contract: no headers. */
    void sendWithoutHeaders(String topic, Struct key, Struct value) {
        producer.send(new ProducerRecord<>(topic, keyConverter.fromConnectData(topic, key.schema(), key),
                valueConverter.fromConnectData(topic, value.schema(), value)));
    }

    public void flush() {
        producer.flush();
    }

    static List<String> row(Object... values) {
        return Arrays.stream(values).map(v -> v == null ? null : String.valueOf(v)).toList();
    }

    @Override
    public void close() {
        producer.close();
    }
}
