package io.mirrorconnect.clickhouse.writer;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

import io.mirrorconnect.clickhouse.rowbinary.ColumnEncoder;
import io.mirrorconnect.clickhouse.rowbinary.RowBinaryEncoder;
import io.mirrorconnect.clickhouse.rowbinary.RowBinaryOutput;
import io.mirrorconnect.contract.ChangeHeaders;
import io.mirrorconnect.contract.ChangeMetadata;
import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.sink.BatchCollapser;
import io.mirrorconnect.sink.ChangeRow;
import io.mirrorconnect.sink.CollapsedBatch;
import io.mirrorconnect.sink.CollapsedRow;
import io.mirrorconnect.sink.KeyExtractor;
import io.mirrorconnect.sink.TableBuffer;
import io.mirrorconnect.sink.WriteMode;

/**
 * Throughput of the sink's in-process path on one thread (not a test; run its main with the test classpath):
 * reading contract records ({@link ChangeRow#read}), buffering, collapsing and RowBinary encoding of a 16-column
 * table, i.e. everything a flush does except the network and Connect's converters.
 */
public final class SinkCoreBench {
    private SinkCoreBench() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        String topic = "bench.public.wide";
        Schema key = SchemaBuilder.struct().name("bench.public.wide.Key").field("id", Schema.INT64_SCHEMA).build();
        SchemaBuilder vb = SchemaBuilder.struct().name("bench.public.wide.Value").optional()
                .field("id", SchemaBuilder.int64().optional().parameter("mirror.source.nullable", "false").build());
        for (int i = 1; i <= 5; i++) {
            vb.field("i" + i, Schema.OPTIONAL_INT32_SCHEMA).field("s" + i, Schema.OPTIONAL_STRING_SCHEMA)
                    .field("f" + i, Schema.OPTIONAL_FLOAT64_SCHEMA);
        }
        Schema value = vb.build();
        List<SinkRecord> records = new ArrayList<>(rows);
        for (long id = 1; id <= rows; id++) {
            Struct v = new Struct(value).put("id", id);
            for (int i = 1; i <= 5; i++) {
                v.put("i" + i, (int) (id * i)).put("s" + i, "value " + id + "/" + i).put("f" + i, id / (double) i);
            }
            ConnectHeaders h = new ConnectHeaders();
            ChangeHeaders.write(h, ChangeMetadata.of(id % 4 == 0 ? ChangeOp.UPDATE : ChangeOp.INSERT, id, 1L));
            // every fourth record updates an earlier key, so collapsing has work to do
            long k = id % 4 == 0 ? id - 1 : id;
            records.add(new SinkRecord(topic, 0, key, new Struct(key).put("id", k), value, v.put("id", k), id, null, null, h));
        }
        TableLayout layout = TableLayout.of(key, value);
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            TableId table = TableId.of(null, "wide");
            TableBuffer buffer = new TableBuffer(table);
            for (SinkRecord r : records) {
                buffer.add(ChangeRow.read(r), 0);
            }
            long read = System.nanoTime();
            CollapsedBatch batch = new BatchCollapser(WriteMode.UPSERT, new KeyExtractor(List.of()))
                    .collapse(table, buffer.rows(), buffer.valueSchema());
            long collapsed = System.nanoTime();
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
            }
            long encoded = System.nanoTime();
            System.out.printf("round %d: %d records -> %d rows, %d bytes; read+buffer %.0f rec/s, collapse %.0f rec/s,"
                            + " encode %.0f rows/s, total %.0f rec/s%n", round, rows, batch.rows().size(), out.size(),
                    rows / ((read - start) / 1e9), rows / ((collapsed - read) / 1e9),
                    batch.rows().size() / ((encoded - collapsed) / 1e9), rows / ((encoded - start) / 1e9));
        }
    }
}
