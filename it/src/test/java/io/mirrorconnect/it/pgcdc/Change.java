package io.mirrorconnect.it.pgcdc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;

import io.mirrorconnect.contract.ChangeHeaders;
import io.mirrorconnect.contract.ChangeMetadata;
import io.mirrorconnect.contract.ChangeOp;

/** One change record read back from Kafka through the worker's converters (JSON values, simple headers). */
record Change(String topic, int partition, long offset, Struct key, Object value, ChangeMetadata meta) {
    private static final JsonConverter KEYS = converter(true);
    private static final JsonConverter VALUES = converter(false);
    private static final SimpleHeaderConverter HEADERS = new SimpleHeaderConverter();

    private static JsonConverter converter(boolean isKey) {
        JsonConverter c = new JsonConverter();
        c.configure(Map.of("schemas.enable", "true"), isKey);
        return c;
    }

    static Change of(ConsumerRecord<byte[], byte[]> r) {
        SchemaAndValue k = r.key() == null ? SchemaAndValue.NULL : KEYS.toConnectData(r.topic(), r.key());
        SchemaAndValue v = r.value() == null ? SchemaAndValue.NULL : VALUES.toConnectData(r.topic(), r.value());
        ConnectHeaders h = new ConnectHeaders();
        for (Header header : r.headers()) {
            SchemaAndValue hv = HEADERS.toConnectHeader(r.topic(), header.key(), header.value());
            h.add(header.key(), hv);
        }
        ChangeMetadata meta = ChangeHeaders.read(h, r.topic() + "/" + r.partition() + "@" + r.offset());
        return new Change(r.topic(), r.partition(), r.offset(), (Struct) k.value(), v.value(), meta);
    }

    static List<Change> all(Collection<ConsumerRecord<byte[], byte[]>> records) {
        List<Change> out = new ArrayList<>();
        records.forEach(r -> out.add(of(r)));
        return out;
    }

    ChangeOp op() {
        return meta.op();
    }

    Struct valueStruct() {
        return (Struct) value;
    }

    /**
     * Applies changes the way a version-guarded sink does: per key, the record with the highest version wins
     * (ties: the later one); deletes remove the row; a truncate clears everything before it. Returns key -> row.
     */
    static Map<Object, Struct> fold(List<Change> changes, String keyField) {
        Map<Object, Long> versions = new HashMap<>();
        Map<Object, Struct> rows = new HashMap<>();
        for (Change c : changes) {
            if (c.op() == ChangeOp.TRUNCATE) {
                rows.clear();
                versions.clear();
                continue;
            }
            Object id = c.key().get(keyField);
            Long have = versions.get(id);
            if (have != null && have > c.meta().version()) {
                continue;
            }
            versions.put(id, c.meta().version());
            if (c.op() == ChangeOp.DELETE) {
                rows.remove(id);
            } else {
                Struct row = c.valueStruct();
                Struct previous = rows.get(id);
                if (previous != null && !c.meta().unchangedToastFields().isEmpty()) {
                    // unchanged TOAST: the sink keeps the stored value
                    for (String f : c.meta().unchangedToastFields()) {
                        if (previous.schema().field(f) != null) {
                            row.put(f, previous.get(f));
                        }
                    }
                }
                rows.put(id, row);
            }
        }
        return rows;
    }
}
