package io.mirrorconnect.contract;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;

/**
 * What a sink task pays per record for the three contract headers: Connect converting each one with the sink's
 * {@code header.converter} (as {@code WorkerSinkTask.convertHeadersFor} does), then {@link ChangeHeaders#read}.
 * StringConverter (compiled before stop 19) against ByteArrayConverter (compiled since). A benchmark, not a test:
 *
 * <pre>./mvnw -q -pl mirror-core test-compile
 * java -cp "mirror-core/target/classes:mirror-core/target/test-classes:$(./mvnw -q -pl mirror-core \
 *     dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)" \
 *     io.mirrorconnect.contract.HeaderConversionBench</pre>
 */
public final class HeaderConversionBench {
    private HeaderConversionBench() {
    }

    public static void main(String[] args) {
        StringConverter string = new StringConverter();
        string.configure(Map.of("converter.type", "header"));
        ByteArrayConverter bytes = new ByteArrayConverter();
        bytes.configure(Map.of("converter.type", "header"));
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        for (int round = 0; round < 6; round++) {
            for (HeaderConverter c : new HeaderConverter[] {string, bytes}) {
                long check = 0;
                long t0 = System.nanoTime();
                for (int i = 0; i < records; i++) {
                    // the consumer hands Connect new header objects for every record
                    RecordHeaders consumed = new RecordHeaders();
                    consumed.add(new RecordHeader(ChangeHeaders.OP, new byte[] {'r'}));
                    consumed.add(new RecordHeader(ChangeHeaders.VERSION,
                            Long.toString(123_456_789_012L + i).getBytes(StandardCharsets.US_ASCII)));
                    consumed.add(new RecordHeader(ChangeHeaders.COMMIT_TS,
                            Long.toString(1_732_406_400_123_456L + i).getBytes(StandardCharsets.US_ASCII)));
                    ConnectHeaders converted = new ConnectHeaders();
                    for (org.apache.kafka.common.header.Header h : consumed) {
                        SchemaAndValue v = c.toConnectHeader("t", h.key(), h.value());
                        converted.add(h.key(), v);
                    }
                    check += ChangeHeaders.read(converted, "w").version();
                }
                System.out.printf("round %d, %s: %.0f ns per record (check %d)%n", round,
                        c.getClass().getSimpleName(), (System.nanoTime() - t0) / (double) records, check % 7);
            }
        }
    }
}
