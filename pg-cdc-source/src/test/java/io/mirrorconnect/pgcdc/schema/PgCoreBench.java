package io.mirrorconnect.pgcdc.schema;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Set;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.decoder.CopyTextParser;
import io.mirrorconnect.pgcdc.decoder.PgOutputDecoder;
import io.mirrorconnect.pgcdc.decoder.PgOutputMessage;
import io.mirrorconnect.pgcdc.types.PgColumn;
import io.mirrorconnect.pgcdc.types.PgOid;
import io.mirrorconnect.pgcdc.types.PgTypeMapper;
import io.mirrorconnect.pgcdc.types.PgTypeRegistry;

/**
 * Throughput of the pure cores on one thread (not a test; run its main with the test classpath): COPY line
 * parsing, pgoutput Insert decoding, and text -> Struct conversion for a typical 10-column row.
 */
public final class PgCoreBench {
    private static final String[] ROW = {"123456789", "some customer name", "12345.67", "2024-01-02 03:04:05.123456+00",
        "t", "42", "varchar value", "{\"a\": 1, \"b\": [1, 2, 3]}", "2024-01-02", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"};

    private PgCoreBench() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        List<PgColumn> cols = List.of(
                new PgColumn("id", PgOid.INT8, -1, "bigint", false),
                new PgColumn("name", PgOid.TEXT, -1, "text", true),
                new PgColumn("amount", PgOid.NUMERIC, (12 << 16 | 2) + 4, "numeric(12,2)", true),
                new PgColumn("created", PgOid.TIMESTAMPTZ, -1, "timestamp with time zone", true),
                new PgColumn("active", PgOid.BOOL, -1, "boolean", true),
                new PgColumn("qty", PgOid.INT4, -1, "integer", true),
                new PgColumn("label", PgOid.VARCHAR, 104, "character varying(100)", true),
                new PgColumn("doc", PgOid.JSONB, -1, "jsonb", true),
                new PgColumn("day", PgOid.DATE, -1, "date", true),
                new PgColumn("ref", PgOid.UUID, -1, "uuid", true));
        TableSchema ts = TableSchemaBuilder.build(TableId.of("public", "t"), "m.public.t", cols, List.of("id"),
                Set.of(), new PgTypeMapper(new PgTypeRegistry()));
        byte[] line = (String.join("\t", ROW) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] insert = insertMessage();
        CopyTextParser parser = new CopyTextParser(ROW.length);

        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            long sink = 0;
            for (int i = 0; i < rows; i++) {
                sink += parser.parse(line, 0, line.length).length;
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < rows; i++) {
                PgOutputMessage m = PgOutputDecoder.decode(ByteBuffer.wrap(insert));
                sink += ((PgOutputMessage.Insert) m).newTuple().size();
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < rows; i++) {
                sink += ts.valueStruct(ROW).hashCode() & 1;
            }
            long t3 = System.nanoTime();
            System.out.printf("round %d: COPY parse %,d rows/s; pgoutput Insert decode %,d msgs/s; "
                    + "texts->Struct %,d rows/s (%d)%n", round, rate(rows, t1 - t0), rate(rows, t2 - t1),
                    rate(rows, t3 - t2), sink % 10);
        }
    }

    private static long rate(int n, long nanos) {
        return (long) (n / (nanos / 1e9));
    }

    private static byte[] insertMessage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer head = ByteBuffer.allocate(1 + 4 + 1 + 2).put((byte) 'I').putInt(16384).put((byte) 'N')
                .putShort((short) ROW.length);
        out.writeBytes(head.array());
        for (String v : ROW) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(5).put((byte) 't').putInt(b.length).array());
            out.writeBytes(b);
        }
        return out.toByteArray();
    }
}
