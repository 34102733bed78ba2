package io.mirrorconnect.clickhouse.rowbinary;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * The RowBinary encoding of the writer's common path alone, on one thread: the bench table's rows (the 16 columns of
 * {@code scripts/bench-e2e.sh}: {@code id bigint} key, five each of int, text, double), each value read from its
 * struct by position and written by its column's encoder into the destination's types, then the version, deleted
 * and synced-at columns, as {@code ClickHouseTableWriter.write} does. A benchmark, not a test:
 *
 * <pre>./mvnw -q -pl mirror-core,clickhouse-sink install -DskipTests
 * ./mvnw -q -pl clickhouse-sink test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=cp.txt
 * java -cp "clickhouse-sink/target/classes:clickhouse-sink/target/test-classes:$(cat clickhouse-sink/cp.txt)" \
 *     io.mirrorconnect.clickhouse.rowbinary.RowBinaryEncodeBench 200000 30   # rows, rounds</pre>
 */
public final class RowBinaryEncodeBench {
    private RowBinaryEncodeBench() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        SchemaBuilder vb = SchemaBuilder.struct().name("bench.public.wide.Value").optional()
                .field("id", Schema.OPTIONAL_INT64_SCHEMA);
        for (int i = 1; i <= 5; i++) {
            vb.field("i" + i, Schema.OPTIONAL_INT32_SCHEMA).field("s" + i, Schema.OPTIONAL_STRING_SCHEMA)
                    .field("f" + i, Schema.OPTIONAL_FLOAT64_SCHEMA);
        }
        Schema value = vb.build();
        Struct[] structs = new Struct[rows];
        for (int id = 1; id <= rows; id++) {
            Struct v = new Struct(value).put("id", (long) id);
            for (int i = 1; i <= 5; i++) {
                v.put("i" + i, id * i).put("s" + i, "value " + id + "/" + i).put("f" + i, id / (double) i);
            }
            structs[id - 1] = v;
        }
        Field[] fields = value.fields().toArray(new Field[0]);
        List<ColumnEncoder> encoders = new ArrayList<>();
        for (Field f : fields) {
            String type = f.name().equals("id") ? "Int64" : f.name().startsWith("i") ? "Nullable(Int32)"
                    : f.name().startsWith("s") ? "Nullable(String)" : "Nullable(Float64)";
            encoders.add(RowBinaryEncoder.column(f.name(), type, f.schema()));
        }
        RowBinaryOutput out = new RowBinaryOutput(256 * rows); // sized as the writer sizes it from its last batch
        for (int round = 0; round < rounds; round++) {
            out.reset();
            long start = System.nanoTime();
            for (Struct s : structs) {
                for (int i = 0; i < fields.length; i++) {
                    encoders.get(i).write(out, s.get(fields[i]));
                }
                out.writeInt64(1L); // version
                out.writeUInt8(0); // deleted
                out.writeInt64(1_732_000_000_000_000_000L); // synced at
            }
            long ns = System.nanoTime() - start;
            System.out.printf("round %d: %.0f ns per row, %d bytes%n", round, ns / (double) rows, out.size());
        }
    }
}
