package io.mirrorconnect.it.clickhousesink;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.mirrorconnect.contract.ChangeOp;
import io.mirrorconnect.contract.SchemaConventions;
import io.mirrorconnect.it.fixtures.ClickHouseFixture;
import io.mirrorconnect.it.fixtures.ConnectFixture;

/**
 * Throughput of the ClickHouse sink on a Connect worker: N snapshot records of a 16-column table are put on a
 * topic first, then the sink is started and timed until ClickHouse holds every row. A benchmark, not a test: it
 * runs only with {@code -Dmirror.bench=true} (rows: {@code -Dmirror.bench.rows}, default 200000) and prints its
 * numbers (rows/s, and the test JVM's CPU seconds while the sink ran: worker, broker and ClickHouse client, not the
 * ClickHouse server); nothing is asserted on time.
 *
 * <p>The sink's converter is what mirror-ddl compiles ({@code ExactJsonConverter} with schemas) and its header
 * converter the worker's default (mirror-ddl compiles {@code ByteArrayConverter}), unless
 * {@code -Dmirror.bench.converter=CLASS} / {@code -Dmirror.bench.header.converter=CLASS} name others (e.g.
 * {@code org.apache.kafka.connect.json.JsonConverter}, {@code org.apache.kafka.connect.converters.ByteArrayConverter}).
 *
 * <pre>./mvnw -B -pl it verify -Dit.test=ClickHouseSinkBenchIT -Dmirror.bench=true</pre>
 */
@EnabledIfSystemProperty(named = "mirror.bench", matches = "true")
class ClickHouseSinkBenchIT {

    @Test
    void sinkThroughput() throws Exception {
        int rows = Integer.getInteger("mirror.bench.rows", 200_000);
        String topic = "bench.public.wide";
        try (ClickHouseFixture clickhouse = ClickHouseFixture.start();
             ConnectFixture connect = ConnectFixture.start("clickhouse-sink");
             ContractProducer producer = new ContractProducer(connect.producer())) {
            String database = clickhouse.createDatabase("bench");
            connect.createTopic(topic, 1);
            Schema key = SchemaBuilder.struct().name(SchemaConventions.keySchemaName(topic)).field("id", Schema.INT64_SCHEMA).build();
            SchemaBuilder vb = SchemaBuilder.struct().name(SchemaConventions.valueSchemaName(topic)).optional()
                    .field("id", SchemaBuilder.int64().optional().parameter(SchemaConventions.SOURCE_NULLABLE, "false").build());
            for (int i = 1; i <= 5; i++) {
                vb.field("i" + i, Schema.OPTIONAL_INT32_SCHEMA);
                vb.field("s" + i, Schema.OPTIONAL_STRING_SCHEMA);
                vb.field("f" + i, Schema.OPTIONAL_FLOAT64_SCHEMA);
            }
            Schema value = vb.build();
            long produceStart = System.nanoTime();
            for (long id = 1; id <= rows; id++) {
                Struct v = new Struct(value).put("id", id);
                for (int i = 1; i <= 5; i++) {
                    v.put("i" + i, (int) (id * i));
                    v.put("s" + i, "value " + id + "/" + i);
                    v.put("f" + i, id / (double) i);
                }
                producer.send(topic, ChangeOp.SNAPSHOT, 0, new Struct(key).put("id", id), v);
            }
            producer.flush();
            double produceSeconds = (System.nanoTime() - produceStart) / 1e9;

            Map<String, String> c = new HashMap<>();
            c.put("connector.class", "io.mirrorconnect.clickhouse.ClickHouseSinkConnector");
            c.put("tasks.max", "1");
            c.put("topics", topic);
            c.put("mirror.name", "bench");
            c.put("table.mapping", topic + ":wide");
            c.putAll(clickhouse.sinkConnection(database));
            c.put("consumer.override.max.poll.records", "5000");
            c.put("flush.interval.ms", "1000");
            String converter = System.getProperty("mirror.bench.converter", "io.mirrorconnect.json.ExactJsonConverter");
            c.put("key.converter", converter);
            c.put("key.converter.schemas.enable", "true");
            c.put("value.converter", converter);
            c.put("value.converter.schemas.enable", "true");
            String headerConverter = System.getProperty("mirror.bench.header.converter");
            if (headerConverter != null) {
                c.put("header.converter", headerConverter);
            }
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            Map<Long, Long> threadCpuStart = new HashMap<>();
            for (long id : threads.getAllThreadIds()) {
                threadCpuStart.put(id, threads.getThreadCpuTime(id));
            }
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            connect.configureConnector("bench-sink", c);
            long count = 0;
            String lastError = null;
            while (count < rows) {
                Thread.sleep(200);
                try {
                    count = Long.parseLong(clickhouse.query("SELECT count() FROM `" + database + "`.`wide`").get(0).get(0));
                } catch (RuntimeException notYet) {
                    if (!String.valueOf(notYet).equals(lastError)) {
                        lastError = String.valueOf(notYet);
                        System.out.println("BENCH waiting: " + lastError);
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
            // the threads that worked most while the sink ran (the busiest is the sink task's thread)
            List<String> busiest = new java.util.ArrayList<>();
            java.util.TreeMap<Long, String> byCpu = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
            for (long id : threads.getAllThreadIds()) {
                java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
                long cpu = threads.getThreadCpuTime(id);
                if (info != null && cpu > 0) {
                    byCpu.put(cpu - threadCpuStart.getOrDefault(id, 0L), info.getThreadName());
                }
            }
            byCpu.entrySet().stream().limit(4).forEach(e -> busiest.add(String.format("%s %.1f s", e.getValue(), e.getKey() / 1e9)));
            System.out.println("BENCH busiest threads while the sink ran: " + busiest);
            List<List<String>> size = clickhouse.query("SELECT sum(data_uncompressed_bytes) FROM system.parts WHERE database = '"
                    + database + "' AND table = 'wide' AND active");
            System.out.printf("BENCH clickhouse-sink: %d rows x 16 columns in %.1f s = %.0f rows/s, test JVM CPU %.1f s ="
                    + " %.1f us/row (converter %s, header converter %s; producing them took %.1f s; %s uncompressed bytes)%n",
                    rows, seconds, rows / seconds, cpuSeconds, cpuSeconds * 1e6 / rows, converter,
                    headerConverter == null ? "worker default" : headerConverter, produceSeconds, size.get(0).get(0));
        }
    }
}
