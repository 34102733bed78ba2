package io.mirrorconnect.clickhouse.writer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;

import io.mirrorconnect.clickhouse.rowbinary.ColumnEncoder;
import io.mirrorconnect.clickhouse.rowbinary.RowBinaryEncoder;
import io.mirrorconnect.clickhouse.rowbinary.RowBinaryOutput;
import io.mirrorconnect.contract.ChangeHeaders;
import io.mirrorconnect.contract.ChangeMetadata;
import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.json.ExactJsonConverter;
import io.mirrorconnect.sink.BatchCollapser;
import io.mirrorconnect.sink.ChangeRow;
import io.mirrorconnect.sink.CollapsedBatch;
import io.mirrorconnect.sink.CollapsedRow;
import io.mirrorconnect.sink.KeyExtractor;
import io.mirrorconnect.sink.TableBuffer;
import io.mirrorconnect.sink.WriteMode;

/**
 * CPU per record of the sink's whole in-process path on one thread (not a test; run its main with the test
 * classpath): what the worker does per record (key, value and header conversion into a SinkRecord, as
 * {@code WorkerSinkTask.convertMessages} does), then the sink core (ChangeRow.read, buffering with the size
 * estimate, collapsing) and RowBinary encoding, for a 16-column table whose records were written by JsonConverter
 * with schemas and SimpleHeaderConverter (as a source task writes them). Times are the thread's CPU time. Variants: the value/key converter
 * (JsonConverter, ExactJsonConverter converting whole records, ExactJsonConverter's fast path) and the header
 * converter (SimpleHeaderConverter, the worker default; StringConverter).
 *
 * <pre>java -cp "$(cat cp.txt):clickhouse-sink/target/classes:clickhouse-sink/target/test-classes" \
 *     io.mirrorconnect.clickhouse.writer.SinkPathBench 200000 5</pre>
 */
public final class SinkPathBench {
    private static final String TOPIC = "bench.public.wide";
    /** Times are this thread's CPU time, so that other processes on a loaded machine do not count (GC threads don't either). */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private record Encoded(byte[] key, byte[] value, RecordHeaders headers, long offset) {
    }

    private SinkPathBench() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Schema key = SchemaBuilder.struct().name("bench.public.wide.Key").field("id", Schema.INT64_SCHEMA).build();
        SchemaBuilder vb = SchemaBuilder.struct().name("bench.public.wide.Value").optional()
                .field("id", SchemaBuilder.int64().optional().parameter("mirror.source.nullable", "false").build());
        for (int i = 1; i <= 5; i++) {
            vb.field("i" + i, Schema.OPTIONAL_INT32_SCHEMA).field("s" + i, Schema.OPTIONAL_STRING_SCHEMA)
                    .field("f" + i, Schema.OPTIONAL_FLOAT64_SCHEMA);
        }
        Schema value = vb.build();
        JsonConverter writer = new JsonConverter();
        writer.configure(Map.of("schemas.enable", "true"), false);
        SimpleHeaderConverter headerWriter = new SimpleHeaderConverter();
        headerWriter.configure(Map.of());
        List<Encoded> records = new ArrayList<>(rows);
        long bytes = 0;
        for (long id = 1; id <= rows; id++) {
            Struct v = new Struct(value).put("id", id);
            for (int i = 1; i <= 5; i++) {
                v.put("i" + i, (int) (id * i)).put("s" + i, "value " + id + "/" + i).put("f" + i, id / (double) i);
            }
            ConnectHeaders h = new ConnectHeaders();
            ChangeHeaders.write(h, ChangeMetadata.of(ChangeOp.SNAPSHOT, 0, 1_732_000_000_000_000L));
            RecordHeaders kafkaHeaders = new RecordHeaders();
            for (Header header : h) {
                kafkaHeaders.add(header.key(), headerWriter.fromConnectHeader(TOPIC, header.key(), header.schema(), header.value()));
            }
            Encoded e = new Encoded(writer.fromConnectData(TOPIC, key, new Struct(key).put("id", id)),
                    writer.fromConnectData(TOPIC, value, v), kafkaHeaders, id);
            bytes += e.key().length + e.value().length;
            records.add(e);
        }
        System.out.printf("%d records, %.0f bytes of key+value JSON per record%n", rows, bytes / (double) rows);
        TableLayout layout = TableLayout.of(key, value);
        String[] variants = args.length > 2 ? args[2].split(",")
                : new String[] {"json+simple", "exact-whole+simple", "exact+simple", "exact+string"};
        for (String variant : variants) {
            for (int round = 0; round < rounds; round++) {
                run(variant, round, records, layout);
            }
        }
    }

    private static void run(String variant, int round, List<Encoded> records, TableLayout layout) {
        Converter keyConverter = converter(variant, true);
        Converter valueConverter = converter(variant, false);
        HeaderConverter headerConverter = variant.endsWith("+string") ? new StringConverter() : new SimpleHeaderConverter();
        headerConverter.configure(Map.of("converter.type", "header"));
        int rows = records.size();

        long start = CPU.getCurrentThreadCpuTime();
        List<SinkRecord> converted = new ArrayList<>(rows);
        for (Encoded e : records) {
            SchemaAndValue k = keyConverter.toConnectData(TOPIC, e.headers(), e.key());
            SchemaAndValue v = valueConverter.toConnectData(TOPIC, e.headers(), e.value());
            ConnectHeaders headers = new ConnectHeaders();
            for (org.apache.kafka.common.header.Header h : e.headers()) {
                headers.add(h.key(), headerConverter.toConnectHeader(TOPIC, h.key(), h.value()));
            }
            converted.add(new SinkRecord(TOPIC, 0, k.schema(), k.value(), v.schema(), v.value(), e.offset(), null, null, headers));
        }
        long convertedAt = CPU.getCurrentThreadCpuTime();
        TableId table = TableId.of(null, "wide");
        TableBuffer buffer = new TableBuffer(table);
        for (SinkRecord r : converted) {
            buffer.add(ChangeRow.read(r), 0);
        }
        long bufferedAt = CPU.getCurrentThreadCpuTime();
        CollapsedBatch batch = new BatchCollapser(WriteMode.UPSERT, new KeyExtractor(List.of()))
                .collapse(table, buffer.rows(), buffer.valueSchema());
        long collapsedAt = CPU.getCurrentThreadCpuTime();
        List<ColumnEncoder> encoders = new ArrayList<>();
        for (TableLayout.Column c : layout.columns()) {
            encoders.add(RowBinaryEncoder.column(c.name(), c.type(), c.schema()));
        }
        RowBinaryOutput out = new RowBinaryOutput(1 << 20);
        for (CollapsedRow row : batch.rows()) {
            for (int i = 0; i < encoders.size(); i++) {
                encoders.get(i).write(out, row.values().get(layout.columns().get(i).field()));
            }
            out.writeInt64(row.version());
            out.writeUInt8(0);
            out.writeInt64(0);
            if (out.size() > 64 << 20) {
                out = new RowBinaryOutput(1 << 20); // as batches are sent, the buffer does not grow forever
            }
        }
        long encodedAt = CPU.getCurrentThreadCpuTime();
        System.out.printf("%-20s round %d: CPU ns/record convert %5.0f, read+buffer %4.0f, collapse %4.0f, encode %4.0f;"
                        + " total %5.0f ns = %7.0f records/s%n", variant, round,
                (convertedAt - start) / (double) rows, (bufferedAt - convertedAt) / (double) rows,
                (collapsedAt - bufferedAt) / (double) rows, (encodedAt - collapsedAt) / (double) rows,
                (encodedAt - start) / (double) rows, rows / ((encodedAt - start) / 1e9));
    }

    private static Converter converter(String variant, boolean isKey) {
        Converter c;
        if (variant.startsWith("json+")) {
            c = new JsonConverter();
        } else if (variant.startsWith("exact-whole+")) {
            System.setProperty("mirror.json.wholeRecords", "true");
            c = new ExactJsonConverter();
        } else {
            c = new ExactJsonConverter();
        }
        c.configure(Map.of("schemas.enable", "true"), isKey);
        System.clearProperty("mirror.json.wholeRecords");
        return c;
    }
}
