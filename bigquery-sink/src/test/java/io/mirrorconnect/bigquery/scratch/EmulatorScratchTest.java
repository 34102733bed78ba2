package io.mirrorconnect.bigquery.scratch;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.DatasetInfo;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.QueryJobConfiguration;

import io.mirrorconnect.bigquery.BigQuerySinkConfig;
import io.mirrorconnect.bigquery.BigQuerySinkTask;
import io.mirrorconnect.bigquery.writer.BigQueryClients;
import io.mirrorconnect.contract.ChangeHeaders;
import io.mirrorconnect.contract.ChangeMetadata;
import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.SchemaConventions;

class EmulatorScratchTest {
    @Test
    void run() throws Exception {
        String rest = System.getProperty("bq.rest");
        Assumptions.assumeTrue(rest != null);
        Map<String, String> props = new HashMap<>();
        props.put("mirror.name", "scratch");
        props.put("table.mapping", "t1:items");
        props.put("soft.delete", System.getProperty("bq.soft", "true"));
        props.put("bigquery.project", "test-proj");
        props.put("bigquery.dataset", "ds1");
        props.put("bigquery.location", "US");
        props.put("bigquery.auth", "none");
        props.put("bigquery.rest.endpoint", rest);
        props.put("bigquery.grpc.endpoint", "http://" + System.getProperty("bq.grpc"));
        props.put("flush.interval.ms", "0");
        BigQuery bq = BigQueryClients.bigQuery(new BigQuerySinkConfig(props));
        if (bq.getDataset("ds1") == null) {
            bq.create(DatasetInfo.of("ds1"));
        }
        BigQuerySinkTask task = new BigQuerySinkTask();
        task.start(props);
        Schema ks = SchemaBuilder.struct().name("t1.Key").field("id", Schema.INT64_SCHEMA).build();
        Schema vs = SchemaBuilder.struct().name("t1.Value").field("id", Schema.INT64_SCHEMA)
                .field("name", Schema.OPTIONAL_STRING_SCHEMA)
                .field("amount", Decimal.builder(2).parameter("connect.decimal.precision", "10").optional().build())
                .field("ts", SchemaBuilder.int64().name(SchemaConventions.TIMESTAMPTZ_MICROS).optional().build())
                .field("dt", SchemaBuilder.int64().name(SchemaConventions.TIMESTAMP_MICROS).optional().build())
                .field("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
                .field("doc", SchemaBuilder.string().name(SchemaConventions.JSON).optional().build())
                .field("note", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        List<SinkRecord> recs = new ArrayList<>();
        long off = 0;
        for (int i = 1; i <= 3; i++) {
            Struct v = new Struct(vs).put("id", (long) i).put("name", "n" + i).put("amount", new BigDecimal("12.34"))
                    .put("ts", 1_700_000_000_123_456L).put("dt", 1_700_000_000_123_456L).put("tags", List.of("a", "b"))
                    .put("doc", "{\"a\": 1}").put("note", "big" + i);
            recs.add(rec(ks, vs, i, v, ChangeOp.SNAPSHOT, 0, off++));
        }
        task.put(recs);
        task.put(List.of());
        dump(bq);
        recs.clear();
        // update with unchanged toast note, delete id 2, update id 3
        Struct u1 = new Struct(vs).put("id", 1L).put("name", "n1-upd");
        recs.add(rec(ks, vs, 1, u1, ChangeOp.UPDATE, 100, off++, "note"));
        Struct d2 = new Struct(ks).put("id", 2L);
        recs.add(rec(ks, ks, 2, d2, ChangeOp.DELETE, 101, off++));
        task.put(recs);
        task.put(List.of());
        dump(bq);
        task.stop();
    }

    private static SinkRecord rec(Schema ks, Schema vs, long id, Struct v, ChangeOp op, long version, long off, String... toast) {
        ConnectHeaders h = new ConnectHeaders();
        ChangeHeaders.write(h, new ChangeMetadata(op, version, 1_700_000_000_000_000L, new LinkedHashSet<>(List.of(toast))));
        return new SinkRecord("t1", 0, ks, new Struct(ks).put("id", id), vs, v, off, null, null, h);
    }

    private static void dump(BigQuery bq) throws Exception {
        for (FieldValueList r : bq.query(QueryJobConfiguration.of("SELECT * FROM `test-proj`.`ds1`.`items` ORDER BY id")).iterateAll()) {
            System.out.println("ROW " + r);
        }
    }
}
