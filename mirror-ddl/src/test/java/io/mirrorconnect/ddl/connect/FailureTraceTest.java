package io.mirrorconnect.ddl.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Root cause and first project frame of Connect task traces (test resources under traces/). */
class FailureTraceTest {
    static String trace(String name) throws IOException {
        try (InputStream in = FailureTraceTest.class.getResourceAsStream("/traces/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void innermostCauseBehindConnectsWrapper() throws IOException {
        FailureTrace t = FailureTrace.parse(trace("sink-null-array.txt"));
        assertThat(t.rootCause()).isEqualTo("io.mirrorconnect.clickhouse.rowbinary.RowBinaryEncodingException: column"
                + " tags (Array(Nullable(String))): null, but the column is not Nullable");
        assertThat(t.projectFrame()).contains("io.mirrorconnect.clickhouse.rowbinary.ColumnEncoder.write(ColumnEncoder.java:43)");
        // the outermost exception of ours names the record (Connect's wrapper is not ours)
        assertThat(t.reportedAs()).contains("org.apache.kafka.connect.errors.ConnectException: mirror shop_cdc: cannot"
                + " write record shop_cdc.public.articles[0]@172542 key {\"id\":172543}: column tags"
                + " (Array(Nullable(String))): null, but the column is not Nullable (with errors.tolerance=all such"
                + " records go to the errant-record reporter / dead letter queue)");
    }

    @Test
    void aLibraryRootCauseComesWithTheExceptionOurCodeReportedItAs() {
        // as the real worker reported it (MirrorDdlApplyIT): the codec's bare IllegalArgumentException says
        // neither column nor value; the encoder's exception around it does
        FailureTrace t = FailureTrace.parse("org.apache.kafka.connect.errors.ConnectException: Exiting WorkerSinkTask"
                + " due to unrecoverable exception.\n"
                + "\tat org.apache.kafka.connect.runtime.WorkerSinkTask.deliverMessages(WorkerSinkTask.java:636)\n"
                + "\tat java.base/java.lang.Thread.run(Thread.java:840)\n"
                + "Caused by: io.mirrorconnect.sink.RecordRejectedException: column code (UInt8): value 300 does not fit:"
                + " out of range [0, 255]\n"
                + "\tat io.mirrorconnect.clickhouse.writer.ClickHouseTableWriter.write(ClickHouseTableWriter.java:192)\n"
                + "\tat org.apache.kafka.connect.runtime.WorkerSinkTask.deliverMessages(WorkerSinkTask.java:606)\n"
                + "\t... 1 more\n"
                + "Caused by: io.mirrorconnect.clickhouse.rowbinary.RowBinaryEncodingException: column code (UInt8): value"
                + " 300 does not fit: out of range [0, 255]\n"
                + "\tat io.mirrorconnect.clickhouse.rowbinary.ColumnEncoder.write(ColumnEncoder.java:49)\n"
                + "\t... 3 more\n"
                + "Caused by: java.lang.IllegalArgumentException: out of range [0, 255]\n"
                + "\tat io.mirrorconnect.clickhouse.rowbinary.ValueCodecs$4.write(ValueCodecs.java:217)\n"
                + "\tat io.mirrorconnect.clickhouse.rowbinary.ColumnEncoder.write(ColumnEncoder.java:47)\n"
                + "\t... 3 more\n");
        assertThat(t.rootCause()).isEqualTo("java.lang.IllegalArgumentException: out of range [0, 255]");
        assertThat(t.projectFrame()).contains("io.mirrorconnect.clickhouse.rowbinary.ValueCodecs$4.write(ValueCodecs.java:217)");
        assertThat(t.reportedAs()).contains("io.mirrorconnect.sink.RecordRejectedException: column code (UInt8): value"
                + " 300 does not fit: out of range [0, 255]");
    }

    @Test
    void realWorkerTraceOfAValueTheColumnCannotHold() throws IOException {
        // logged by a real Connect 4.1.1 worker in MirrorDdlApplyIT (300 into a ClickHouse UInt8 column)
        FailureTrace t = FailureTrace.parse(trace("real-worker-sink-uint8-overflow.txt"));
        assertThat(t.rootCause()).isEqualTo("java.lang.IllegalArgumentException: out of range [0, 255]");
        assertThat(t.projectFrame()).contains("io.mirrorconnect.clickhouse.rowbinary.ValueCodecs$4.write(ValueCodecs.java:217)");
        assertThat(t.reportedAs()).contains("org.apache.kafka.connect.errors.ConnectException: mirror it_fail: cannot"
                + " write record topic it_fail.public.codes_a partition 0 offset 2, column code: column code (UInt8):"
                + " value '300' (Integer) does not fit: out of range [0, 255] (with errors.tolerance=all such records"
                + " go to the errant-record reporter / dead letter queue)");
    }

    @Test
    void projectFrameElidedAsMoreIsRestoredFromTheEnclosingCause() throws IOException {
        // the SocketException lists only JDK and pgjdbc frames, then "... 20 more": the shared tail of the
        // PSQLException's stack, which holds our ReplicationStream frame
        FailureTrace t = FailureTrace.parse(trace("source-connection-reset.txt"));
        assertThat(t.rootCause()).isEqualTo("java.net.SocketException: Connection reset");
        assertThat(t.projectFrame()).contains("io.mirrorconnect.pgcdc.replication.ReplicationStream.readPending"
                + "(ReplicationStream.java:88)");
        assertThat(t.reportedAs()).contains("org.apache.kafka.connect.errors.ConnectException: mirror shop_cdc:"
                + " Database connection failed when reading from copy");
    }

    @Test
    void suppressedSectionsAreNotOnTheCauseChain() throws IOException {
        // the trace's Suppressed: section ends in an indented "Caused by: java.io.EOFException"
        assertThat(FailureTrace.parse(trace("source-connection-reset.txt")).rootCause())
                .doesNotContain("EOFException").doesNotContain("This connection has been closed");
    }

    @Test
    void rootCauseOnALibraryThreadTakesTheFrameOfTheNearestCauseThatHasOne() throws IOException {
        // the HttpHostConnectException and ClientException happened on a ForkJoinPool thread: no project
        // frame; the ExecutionException's stack shows where our code waited for the insert
        FailureTrace t = FailureTrace.parse(trace("sink-clickhouse-down.txt"));
        assertThat(t.rootCause()).isEqualTo("org.apache.hc.client5.http.HttpHostConnectException: Connect to"
                + " http://127.0.0.1:8123 [/127.0.0.1] failed: Connection refused");
        assertThat(t.projectFrame()).contains("io.mirrorconnect.clickhouse.writer.ClickHouseTableWriter.insert"
                + "(ClickHouseTableWriter.java:286)");
        assertThat(t.reportedAs()).contains("org.apache.kafka.connect.errors.ConnectException: mirror shop_cdc: writing"
                + " 5000 row(s) to public.orders failed 11 times in a row, giving up (max.retries=10): inserting 5000"
                + " row(s) into shop.orders: Failed to get connection");
    }

    @Test
    void withoutCausedByTheFirstLineIsTheRootCause() {
        FailureTrace t = FailureTrace.parse("org.apache.kafka.connect.errors.ConnectException: mirror m cannot start:"
                + " wal_level is replica, needs logical\n"
                + "\tat io.mirrorconnect.pgcdc.PgCdcSourceTask.start(PgCdcSourceTask.java:83)\n"
                + "\tat org.apache.kafka.connect.runtime.AbstractWorkerSourceTask.initializeAndStart(AbstractWorkerSourceTask.java:283)\n");
        assertThat(t.rootCause()).isEqualTo("org.apache.kafka.connect.errors.ConnectException: mirror m cannot start:"
                + " wal_level is replica, needs logical");
        assertThat(t.projectFrame()).contains("io.mirrorconnect.pgcdc.PgCdcSourceTask.start(PgCdcSourceTask.java:83)");
    }

    @Test
    void messagesOfSeveralLinesStayWhole() {
        FailureTrace t = FailureTrace.parse("org.apache.kafka.connect.errors.ConnectException: wrapper\n"
                + "\tat org.apache.kafka.connect.runtime.WorkerSinkTask.deliverMessages(WorkerSinkTask.java:636)\n"
                + "Caused by: com.clickhouse.client.api.ServerException: Code: 60. DB::Exception: Unknown table\n"
                + "expression identifier 'shop.orders'. (UNKNOWN_TABLE) (version 25.8.1)\n"
                + "\tat com.clickhouse.client.api.internal.HttpAPIClientHelper.readError(HttpAPIClientHelper.java:371)\n"
                + "\t... 1 more\n");
        assertThat(t.rootCause()).isEqualTo("com.clickhouse.client.api.ServerException: Code: 60. DB::Exception:"
                + " Unknown table\nexpression identifier 'shop.orders'. (UNKNOWN_TABLE) (version 25.8.1)");
        assertThat(t.projectFrame()).isEmpty();
    }

    @Test
    void windowsLineEndingsAndBlankTraces() {
        FailureTrace t = FailureTrace.parse("java.lang.IllegalStateException: outer\r\n\tat a.B.c(B.java:1)\r\n"
                + "Caused by: java.lang.ArithmeticException: / by zero\r\n\tat io.mirrorconnect.X.y(X.java:2)\r\n"
                + "\t... 1 more\r\n");
        assertThat(t.rootCause()).isEqualTo("java.lang.ArithmeticException: / by zero");
        assertThat(t.projectFrame()).contains("io.mirrorconnect.X.y(X.java:2)");
        assertThat(FailureTrace.parse("").rootCause()).isEmpty();
        assertThat(FailureTrace.parse(null).projectFrame()).isEmpty();
    }
}
