package io.mirrorconnect.bigquery.writer;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.storage.v1.Exceptions;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** Which BigQuery failures are worth retrying, and how to name them. Pure. */
public final class BigQueryErrors {
    /** BigQuery error reasons that mean "try again later" (quotas, rate limits, backend trouble, conflicts). */
    static final Set<String> TRANSIENT_REASONS = Set.of("rateLimitExceeded", "backendError", "internalError",
            "jobRateLimitExceeded", "quotaExceeded", "jobBackendError", "jobInternalError", "tableUnavailable");
    static final Set<Status.Code> TRANSIENT_GRPC = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.RESOURCE_EXHAUSTED, Status.Code.ABORTED, Status.Code.INTERNAL, Status.Code.CANCELLED);

    private BigQueryErrors() {
    }

    /** True for rate limits, backendError / internalError, unavailable or reset connections, timeouts, write conflicts. */
    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BigQueryException bq) {
                if (bq.isRetryable() || bq.getCode() == 429 || bq.getCode() == 500 || bq.getCode() == 502
                        || bq.getCode() == 503 || bq.getCode() == 504) {
                    return true;
                }
                if (transientReason(bq.getError()) || bq.getErrors() != null && bq.getErrors().stream().anyMatch(BigQueryErrors::transientReason)) {
                    return true;
                }
                String m = String.valueOf(bq.getMessage());
                if (m.contains("concurrent update") || m.contains("Transaction is aborted")) {
                    return true;
                }
            }
            if (t instanceof ApiException api) {
                StatusCode.Code c = api.getStatusCode().getCode();
                if (api.isRetryable() || c == StatusCode.Code.UNAVAILABLE || c == StatusCode.Code.DEADLINE_EXCEEDED
                        || c == StatusCode.Code.RESOURCE_EXHAUSTED || c == StatusCode.Code.ABORTED || c == StatusCode.Code.INTERNAL) {
                    return true;
                }
            }
            if (t instanceof StatusRuntimeException s && TRANSIENT_GRPC.contains(s.getStatus().getCode())) {
                return true;
            }
            if (t instanceof Exceptions.StreamWriterClosedException || t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientReason(BigQueryError e) {
        return e != null && e.getReason() != null && TRANSIENT_REASONS.contains(e.getReason());
    }

    /** A one-line description: BigQuery's reason and message where it gave one. */
    public static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BigQueryException bq) {
                BigQueryError e = bq.getError();
                return e != null ? e.getReason() + ": " + e.getMessage() : String.valueOf(bq.getMessage());
            }
        }
        return String.valueOf(error.getMessage() != null ? error.getMessage() : error);
    }
}
