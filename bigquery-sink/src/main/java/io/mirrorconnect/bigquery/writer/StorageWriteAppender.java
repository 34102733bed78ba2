package io.mirrorconnect.bigquery.writer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.google.api.core.ApiFuture;
import com.google.cloud.bigquery.storage.v1.AppendRowsResponse;
import com.google.cloud.bigquery.storage.v1.BatchCommitWriteStreamsRequest;
import com.google.cloud.bigquery.storage.v1.BatchCommitWriteStreamsResponse;
import com.google.cloud.bigquery.storage.v1.BigQueryWriteClient;
import com.google.cloud.bigquery.storage.v1.CreateWriteStreamRequest;
import com.google.cloud.bigquery.storage.v1.Exceptions;
import com.google.cloud.bigquery.storage.v1.ProtoRows;
import com.google.cloud.bigquery.storage.v1.ProtoSchema;
import com.google.cloud.bigquery.storage.v1.StreamWriter;
import com.google.cloud.bigquery.storage.v1.TableName;
import com.google.cloud.bigquery.storage.v1.WriteStream;
import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;

import io.mirrorconnect.bigquery.sql.TableRef;

/**
 * Appends encoded rows to a table through a Storage Write API PENDING stream: requests with explicit offsets
 * (pipelined), then finalize and batch commit, so the rows appear all at once or not at all.
 */
final class StorageWriteAppender {
    /** Keep each AppendRows request well under the API's 10 MB limit. */
    static final long MAX_REQUEST_BYTES = 8L * 1024 * 1024;

    /** BigQuery refused some rows: by index in the appended list, BigQuery's message. */
    static final class RowsRejected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Map<Integer, String> byRow;

        RowsRejected(Map<Integer, String> byRow, Throwable cause) {
            super("BigQuery rejected " + byRow.size() + " row(s): " + byRow, cause);
            this.byRow = byRow;
        }
    }

    private final BigQueryWriteClient client;
    private final long timeoutMs;

    StorageWriteAppender(BigQueryWriteClient client, long timeoutMs) {
        this.client = client;
        this.timeoutMs = timeoutMs;
    }

    void append(TableRef table, DescriptorProto descriptor, List<ByteString> rows) {
        String parent = TableName.of(table.project(), table.dataset(), table.table()).toString();
        WriteStream stream = client.createWriteStream(CreateWriteStreamRequest.newBuilder().setParent(parent)
                .setWriteStream(WriteStream.newBuilder().setType(WriteStream.Type.PENDING)).build());
        List<ApiFuture<AppendRowsResponse>> pending = new ArrayList<>();
        List<Integer> firstRow = new ArrayList<>();
        try (StreamWriter writer = StreamWriter.newBuilder(stream.getName(), client)
                .setWriterSchema(ProtoSchema.newBuilder().setProtoDescriptor(descriptor).build()).build()) {
            ProtoRows.Builder request = ProtoRows.newBuilder();
            long bytes = 0;
            int start = 0;
            for (int i = 0; i < rows.size(); i++) {
                ByteString row = rows.get(i);
                if (request.getSerializedRowsCount() > 0 && bytes + row.size() > MAX_REQUEST_BYTES) {
                    pending.add(writer.append(request.build(), start));
                    firstRow.add(start);
                    request = ProtoRows.newBuilder();
                    bytes = 0;
                    start = i;
                }
                request.addSerializedRows(row);
                bytes += row.size() + 4;
            }
            if (request.getSerializedRowsCount() > 0) {
                pending.add(writer.append(request.build(), start));
                firstRow.add(start);
            }
            for (int i = 0; i < pending.size(); i++) {
                await(pending.get(i), firstRow.get(i));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot open a Storage Write stream to " + table + ": " + e.getMessage(), e);
        }
        client.finalizeWriteStream(stream.getName());
        BatchCommitWriteStreamsResponse commit = client.batchCommitWriteStreams(BatchCommitWriteStreamsRequest.newBuilder()
                .setParent(parent).addWriteStreams(stream.getName()).build());
        if (!commit.hasCommitTime()) {
            throw new IllegalStateException("committing the write stream into " + table + " failed: " + commit.getStreamErrorsList());
        }
    }

    private void await(ApiFuture<AppendRowsResponse> future, int firstRow) {
        try {
            AppendRowsResponse r = future.get(timeoutMs, TimeUnit.MILLISECONDS);
            if (r.getRowErrorsCount() > 0) {
                Map<Integer, String> byRow = new java.util.TreeMap<>();
                r.getRowErrorsList().forEach(e -> byRow.put(firstRow + (int) e.getIndex(), e.getMessage()));
                throw new RowsRejected(byRow, null);
            }
            if (r.hasError()) {
                throw new IllegalStateException("append failed: " + r.getError().getMessage());
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exceptions.AppendSerializationError ser) {
                Map<Integer, String> byRow = new java.util.TreeMap<>();
                ser.getRowIndexToErrorMessage().forEach((i, m) -> byRow.put(firstRow + i, m));
                throw new RowsRejected(byRow, cause);
            }
            throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while appending", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("append timed out after " + timeoutMs + " ms", e);
        }
    }
}
