package io.mirrorconnect.bigquery.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;

import org.junit.jupiter.api.Test;

import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;

import io.grpc.Status;

class BigQueryErrorsTest {

    private static BigQueryException reason(String reason) {
        return new BigQueryException(0, reason + " happened", new BigQueryError(reason, "", reason + " happened"));
    }

    @Test
    void transientReasonsAndStatuses() {
        assertThat(BigQueryErrors.isTransient(reason("rateLimitExceeded"))).isTrue();
        assertThat(BigQueryErrors.isTransient(reason("backendError"))).isTrue();
        assertThat(BigQueryErrors.isTransient(reason("internalError"))).isTrue();
        assertThat(BigQueryErrors.isTransient(new BigQueryException(503, "unavailable"))).isTrue();
        assertThat(BigQueryErrors.isTransient(new RuntimeException("wrapped", Status.UNAVAILABLE.asRuntimeException()))).isTrue();
        assertThat(BigQueryErrors.isTransient(Status.RESOURCE_EXHAUSTED.asRuntimeException())).isTrue();
        assertThat(BigQueryErrors.isTransient(new IllegalStateException("append", new SocketException("Connection reset")))).isTrue();
    }

    @Test
    void permanentErrorsAreNotRetried() {
        assertThat(BigQueryErrors.isTransient(reason("invalidQuery"))).isFalse();
        assertThat(BigQueryErrors.isTransient(reason("notFound"))).isFalse();
        assertThat(BigQueryErrors.isTransient(Status.INVALID_ARGUMENT.asRuntimeException())).isFalse();
        assertThat(BigQueryErrors.isTransient(new IllegalArgumentException("bad"))).isFalse();
    }

    @Test
    void describeUsesBigQuerysReason() {
        assertThat(BigQueryErrors.describe(new RuntimeException("x", reason("invalidQuery")))).isEqualTo("invalidQuery: invalidQuery happened");
    }

    @Test
    void stagingNamesAreRecognisedPerTask() {
        StagingNames t0 = new StagingNames("crm bq", 0);
        StagingNames t1 = new StagingNames("crm bq", 1);
        String name = t0.next("Order Lines/ü");
        assertThat(name).startsWith("_mc_staging_crm_bq_").contains("_t0_Order_Lines__");
        assertThat(name).matches("[A-Za-z0-9_]+");
        assertThat(t0.isOwn(name)).isTrue();
        assertThat(t1.isOwn(name)).isFalse();
        assertThat(new StagingNames("crm_bq", 0).isOwn(name)).isFalse(); // same sanitized name, other mirror
        assertThat(t0.next("t")).isNotEqualTo(t0.next("t"));
    }
}
