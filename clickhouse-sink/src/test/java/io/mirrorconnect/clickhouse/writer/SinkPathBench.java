package io.mirrorconnect.clickhouse.writer;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.management.ObjectName;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.InternalSinkRecord;
import org.apache.kafka.connect.runtime.errors.ProcessingContext;
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
 * The sink's in-process path on one thread, as a worker runs it (not a test; run its main with the test
 * classpath). Two measures:
 * <ul>
 * <li><b>CPU per record</b> (this thread's CPU time): what the worker does per record (key, value and header
 * conversion into an {@link InternalSinkRecord} holding its {@link ConsumerRecord}, as
 * {@code WorkerSinkTask.convertMessages} does), then the sink core ({@code ChangeRow.read}, buffering with the size
 * estimate, collapsing) and RowBinary encoding. Variants: the value/key converter (JsonConverter,
 * ExactJsonConverter converting whole records, ExactJsonConverter's fast path) and the header converter
 * (SimpleHeaderConverter, the worker default; StringConverter, the compiled one).</li>
 * <li><b>heap per buffered row</b> ({@code heap} as a variant): the records converted by ExactJsonConverter and
 * StringConverter headers, buffered in a {@link TableBuffer} the way {@code MirrorSinkTask} buffers them (with and
 * without keeping the records for an errant-record reporter), the converted list dropped; the heap after a full
 * GC with the buffer alive minus without it, per row; then the same with the collapsed batch alive too (the
 * flush's peak), the buffer's size estimate, and the largest classes of the histogram.</li>
 * </ul>
 * The table is the 16-column bench table ({@code id bigint} key, five each of int, text, double), written by
 * JsonConverter with schemas and SimpleHeaderConverter as a source task writes it; with {@code dupEvery} = n &gt; 0,
 * every n-th record updates the previous key, so that collapsing has duplicates to fold.
 *
 * <pre>java -Xmx3g -cp "mirror-core/target/classes:clickhouse-sink/target/classes:clickhouse-sink/target/test-classes:$(cat cp.txt)" \
 *     io.mirrorconnect.clickhouse.writer.SinkPathBench 200000 4 exact+string,heap 0   # rows, rounds, variants, dupEvery</pre>
 */
public final class SinkPathBench {
    private static final String TOPIC = "bench.public.wide";
    /** Times are this thread's CPU time, so that other processes on a loaded machine do not count (GC threads don't either). */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    /** This JVM's CPU time, all threads: the GC's work for what the buffer keeps alive counts here. */
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** Records per {@code put()}: the compiled {@code consumer.override.max.poll.records}. */
    private static final int POLL = 2000;

    private record Encoded(byte[] key, byte[] value, RecordHeaders headers, long offset) {
    }

    private SinkPathBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String[] variants = args.length > 2 ? args[2].split(",")
                : new String[] {"json+simple", "exact-whole+simple", "exact+simple", "exact+string", "heap"};
        int dupEvery = args.length > 3 ? Integer.parseInt(args[3]) : 0;
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
            boolean dup = dupEvery > 0 && id % dupEvery == 0;
            long k = dup ? id - 1 : id;
            Struct v = new Struct(value).put("id", k);
            for (int i = 1; i <= 5; i++) {
                v.put("i" + i, (int) (id * i)).put("s" + i, "value " + id + "/" + i).put("f" + i, id / (double) i);
            }
            ConnectHeaders h = new ConnectHeaders();
            ChangeHeaders.write(h, dupEvery > 0 ? ChangeMetadata.of(dup ? ChangeOp.UPDATE : ChangeOp.INSERT, id, 1_732_000_000_000_000L)
                    : ChangeMetadata.of(ChangeOp.SNAPSHOT, 0, 1_732_000_000_000_000L));
            RecordHeaders kafkaHeaders = new RecordHeaders();
            for (Header header : h) {
                kafkaHeaders.add(header.key(), headerWriter.fromConnectHeader(TOPIC, header.key(), header.schema(), header.value()));
            }
            Encoded e = new Encoded(writer.fromConnectData(TOPIC, key, new Struct(key).put("id", k)),
                    writer.fromConnectData(TOPIC, value, v), kafkaHeaders, id);
            bytes += e.key().length + e.value().length;
            records.add(e);
        }
        System.out.printf("%d records, %.0f bytes of key+value JSON per record, every %d-th a duplicate key%n", rows,
                bytes / (double) rows, dupEvery);
        TableLayout layout = TableLayout.of(key, value);
        for (String variant : variants) {
            if (variant.equals("heap")) {
                heap(records);
                continue;
            }
            for (int round = 0; round < rounds; round++) {
                run(variant, round, records, layout);
            }
        }
    }

    private static void run(String variant, int round, List<Encoded> records, TableLayout layout) {
        Converter keyConverter = converter(variant, true);
        Converter valueConverter = converter(variant, false);
        HeaderConverter headerConverter = headerConverter(variant);
        int rows = records.size();

        long gcBefore = gcMillis();
        long processBefore = PROCESS.getProcessCpuTime();
        long start = CPU.getCurrentThreadCpuTime();
        // as the worker does: convert one poll's records, hand them to the sink, drop them; the buffer holds the rest
        TableId table = TableId.of(null, "wide");
        TableBuffer buffer = new TableBuffer(table);
        ChangeMetadata previous = null; // as MirrorSinkTask shares equal metadata between consecutive rows
        long convertNs = 0;
        long bufferNs = 0;
        for (int from = 0; from < rows; from += POLL) {
            long t0 = CPU.getCurrentThreadCpuTime();
            List<SinkRecord> polled = convert(records.subList(from, Math.min(rows, from + POLL)), keyConverter,
                    valueConverter, headerConverter);
            long t1 = CPU.getCurrentThreadCpuTime();
            for (SinkRecord r : polled) {
                ChangeRow row = ChangeRow.read(r, false, previous);
                previous = row.meta();
                buffer.add(row, 0);
            }
            bufferNs += CPU.getCurrentThreadCpuTime() - t1;
            convertNs += t1 - t0;
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
        long process = PROCESS.getProcessCpuTime() - processBefore;
        System.out.printf("%-14s round %d: thread CPU ns/record convert %5.0f, read+buffer %4.0f, collapse %4.0f, encode %4.0f;"
                        + " total %5.0f ns = %7.0f records/s (%d rows); process CPU (GC included) %5.0f ns/record, GC %d ms%n",
                variant, round, convertNs / (double) rows, bufferNs / (double) rows,
                (collapsedAt - bufferedAt) / (double) rows, (encodedAt - collapsedAt) / (double) rows,
                (encodedAt - start) / (double) rows, rows / ((encodedAt - start) / 1e9), batch.rows().size(),
                process / (double) rows, gcMillis() - gcBefore);
    }

    /**
     * As {@code WorkerSinkTask} does: a ConsumerRecord with its own copies of the bytes (the consumer's), converted
     * into an InternalSinkRecord that keeps the ConsumerRecord for the errant-record reporter.
     */
    private static List<SinkRecord> convert(List<Encoded> records, Converter keyConverter, Converter valueConverter,
                                            HeaderConverter headerConverter) {
        List<SinkRecord> converted = new ArrayList<>(records.size());
        for (Encoded e : records) {
            RecordHeaders kafkaHeaders = new RecordHeaders();
            for (org.apache.kafka.common.header.Header h : e.headers()) {
                kafkaHeaders.add(new RecordHeader(h.key(), h.value().clone()));
            }
            ConsumerRecord<byte[], byte[]> consumed = new ConsumerRecord<>(TOPIC, 0, e.offset(), 0L, TimestampType.CREATE_TIME,
                    e.key().length, e.value().length, e.key().clone(), e.value().clone(), kafkaHeaders, Optional.empty());
            SchemaAndValue k = keyConverter.toConnectData(TOPIC, consumed.headers(), consumed.key());
            SchemaAndValue v = valueConverter.toConnectData(TOPIC, consumed.headers(), consumed.value());
            ConnectHeaders headers = new ConnectHeaders();
            for (org.apache.kafka.common.header.Header h : consumed.headers()) {
                headers.add(h.key(), headerConverter.toConnectHeader(TOPIC, h.key(), h.value()));
            }
            converted.add(new InternalSinkRecord(new ProcessingContext<>(consumed), new SinkRecord(TOPIC, 0, k.schema(),
                    k.value(), v.schema(), v.value(), e.offset(), 0L, TimestampType.CREATE_TIME, headers)));
        }
        return converted;
    }

    /** Heap per buffered row, without and with keeping the records (errant-record reporter configured). */
    private static void heap(List<Encoded> records) throws Exception {
        for (boolean keepRecords : new boolean[] {false, true}) {
            for (int round = 0; round < 2; round++) {
                Converter keyConverter = converter("exact+string", true);
                Converter valueConverter = converter("exact+string", false);
                HeaderConverter headerConverter = headerConverter("exact+string");
                long baseline = usedAfterGc();
                TableId table = TableId.of(null, "wide");
                TableBuffer buffer = buffer(table, convert(records, keyConverter, valueConverter, headerConverter), keepRecords);
                long buffered = usedAfterGc();
                String histogram = round == 1 ? histogram(20) : null;
                CollapsedBatch batch = new BatchCollapser(WriteMode.UPSERT, new KeyExtractor(List.of()))
                        .collapse(table, buffer.rows(), buffer.valueSchema());
                long collapsed = usedAfterGc();
                int n = buffer.size();
                System.out.printf("heap, keep records %-5s round %d: %d rows buffered %.0f bytes/row (estimate %.0f bytes/row,"
                                + " %.0f MiB for the batch); with the collapsed batch (%d rows) %.0f bytes/row%n", keepRecords,
                        round, n, (buffered - baseline) / (double) n, buffer.estimatedBytes() / (double) n,
                        (buffered - baseline) / 1048576.0, batch.rows().size(), (collapsed - baseline) / (double) n);
                if (histogram != null) {
                    System.out.println(histogram);
                }
                batch = null;
                buffer.clear(System.currentTimeMillis(), true);
            }
        }
    }

    /** In its own frame, so that no local of the caller (an interpreted loop's iterator) keeps the records alive. */
    private static TableBuffer buffer(TableId table, List<SinkRecord> converted, boolean keepRecords) {
        TableBuffer buffer = new TableBuffer(table);
        ChangeMetadata previous = null;
        for (SinkRecord r : converted) {
            ChangeRow row = ChangeRow.read(r, keepRecords, previous);
            previous = row.meta();
            buffer.add(row, 0);
        }
        return buffer;
    }

    private static long gcMillis() {
        long ms = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** The largest classes of the live heap ({@code jcmd <pid> GC.class_histogram}, from inside). */
    private static String histogram(int lines) throws Exception {
        String all = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        return String.join("\n", Arrays.asList(all.split("\n")).subList(0, Math.min(lines + 3, all.split("\n").length)));
    }

    private static HeaderConverter headerConverter(String variant) {
        HeaderConverter c = variant.endsWith("+string") ? new StringConverter() : new SimpleHeaderConverter();
        c.configure(Map.of("converter.type", "header"));
        return c;
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
