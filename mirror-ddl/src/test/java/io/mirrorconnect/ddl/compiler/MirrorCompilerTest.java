package io.mirrorconnect.ddl.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirrorconnect.ddl.analyzer.Diagnostic;
import io.mirrorconnect.ddl.lexer.SourceFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MirrorCompilerTest {
    private static final String PEERS = "CREATE PEER pg FROM POSTGRES WITH (host = 'h', port = 5432, user = 'u',"
            + " password = 'p', database = 'd');\nCREATE PEER ch FROM CLICKHOUSE WITH (host = 'c', port = 8123,"
            + " user = 'u', database = 'd', disable_tls = true);\n";

    private static Compilation compile(String sql) {
        return Compilation.run(List.of(new SourceFile("t.sql", PEERS + sql)), ConverterSettings.json());
    }

    private static Map<String, String> config(Compilation c, int i) {
        assertThat(c.diagnostics().errors()).as(c.diagnostics().format()).isEmpty();
        return c.connectors().get(i).config();
    }

    @Test
    void cdcDefaultsFollowPeerDb() {
        Compilation c = compile("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (public.t:t)"
                + " WITH (do_initial_copy = false)");
        Map<String, String> source = config(c, 0);
        Map<String, String> sink = config(c, 1);
        assertThat(source).containsEntry("max.batch.size", "250000")
                .containsEntry("snapshot.rows.per.partition", "250000")
                .containsEntry("snapshot.max.parallel.workers", "8")
                .containsEntry("snapshot.tables.in.parallel", "1")
                .containsEntry("publication.name", "mirrorconnect_pub_m")
                .containsEntry("slot.name", "mirrorconnect_slot_m")
                .containsEntry("snapshot.enabled", "false")
                .containsEntry("database.sslmode", "prefer")
                .doesNotContainKey("database.sslrootcert");
        assertThat(sink).containsEntry("flush.interval.ms", "10000")
                .containsEntry("max.batch.size", "250000")
                .containsEntry("soft.delete", "false")
                .containsEntry("soft.delete.column", "_PEERDB_IS_DELETED")
                .containsEntry("synced.at.column", "_PEERDB_SYNCED_AT")
                .containsEntry("clickhouse.ssl", "false")
                .doesNotContainKey("clickhouse.password");
    }

    @Test
    void scaleOutDefaultsKeepOnePartitionAndOneSinkTask() {
        Compilation c = compile("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (public.t:t)"
                + " WITH (do_initial_copy = false)");
        assertThat(config(c, 0)).containsEntry("tasks.max", "1")
                .containsEntry("topic.creation.default.partitions", "1")
                .containsEntry("topic.creation.default.replication.factor", "-1");
        assertThat(config(c, 1)).containsEntry("tasks.max", "1").doesNotContainKey("topic.creation.default.partitions");
    }

    @Test
    void topicPartitionsGoToTheSourceAndSinkTasksToTheSink() {
        Compilation c = compile("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (public.t:t)"
                + " WITH (do_initial_copy = true, topic_partitions = 8, sink_tasks = 4, topic_replication_factor = 3);\n"
                + "CREATE MIRROR q FROM pg TO ch FOR $$ SELECT * FROM t WHERE id BETWEEN {{.start}} AND {{.end}} $$"
                + " WITH (destination_table_name = 't', watermark_column = 'id', watermark_table_name = 'public.t',"
                + " num_rows_per_partition = 10, mode = 'upsert', unique_key_columns = 'id', topic_partitions = 2,"
                + " sink_tasks = 2, parallelism = 3)");
        assertThat(config(c, 0)).containsEntry("tasks.max", "1")
                .containsEntry("topic.creation.default.partitions", "8")
                .containsEntry("topic.creation.default.replication.factor", "3");
        assertThat(config(c, 1)).containsEntry("tasks.max", "4");
        assertThat(config(c, 2)).containsEntry("tasks.max", "3")
                .containsEntry("topic.creation.default.partitions", "2")
                .containsEntry("topic.creation.default.replication.factor", "-1");
        assertThat(config(c, 3)).containsEntry("tasks.max", "2");
    }

    @Test
    void snapshotTasksSpreadTheCdcSourceOverTasks() {
        Compilation c = compile("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (public.t:t)"
                + " WITH (do_initial_copy = true, snapshot_tasks = 3)");
        assertThat(config(c, 0)).containsEntry("tasks.max", "3");
        assertThat(config(c, 1)).containsEntry("tasks.max", "1");
    }

    @Test
    void deadLetterTopicCompilesToConnectsErrorHandling() {
        Compilation c = compile("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (public.t:t)"
                + " WITH (do_initial_copy = true, dead_letter_topic = 'm.dlq')");
        assertThat(config(c, 1)).containsEntry("errors.tolerance", "all")
                .containsEntry("errors.deadletterqueue.topic.name", "m.dlq")
                .containsEntry("errors.deadletterqueue.topic.replication.factor", "3")
                .containsEntry("errors.deadletterqueue.context.headers.enable", "true")
                .containsEntry("errors.log.enable", "true")
                .containsEntry("errors.log.include.messages", "false");
        assertThat(config(c, 0).keySet()).noneMatch(k -> k.startsWith("errors."));
    }

    @Test
    void withoutDeadLetterTopicConnectsDefaultsStand() {
        Compilation c = compile("CREATE MIRROR m FROM pg TO ch FOR $$ SELECT * FROM t WHERE id BETWEEN {{.start}}"
                + " AND {{.end}} $$ WITH (destination_table_name = 't', watermark_column = 'id',"
                + " watermark_table_name = 'public.t', num_rows_per_partition = 10)");
        assertThat(config(c, 1).keySet()).noneMatch(k -> k.startsWith("errors."));
        Compilation q = compile("CREATE MIRROR m FROM pg TO ch FOR $$ SELECT * FROM t WHERE id BETWEEN {{.start}}"
                + " AND {{.end}} $$ WITH (destination_table_name = 't', watermark_column = 'id',"
                + " watermark_table_name = 'public.t', num_rows_per_partition = 10, dead_letter_topic = 'dlq',"
                + " dead_letter_topic_replication_factor = 1)");
        assertThat(config(q, 1)).containsEntry("errors.deadletterqueue.topic.name", "dlq")
                .containsEntry("errors.deadletterqueue.topic.replication.factor", "1");
    }

    @Test
    void sourcesGetTheMeasuredProducerOverridesAndSinksTheMeasuredConsumerOverrides() {
        Compilation cdc = compile("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (public.t:t)"
                + " WITH (do_initial_copy = true)");
        Compilation qrep = compile("CREATE MIRROR q FROM pg TO ch FOR $$ SELECT * FROM t WHERE id BETWEEN {{.start}}"
                + " AND {{.end}} $$ WITH (destination_table_name = 't', watermark_column = 'id',"
                + " watermark_table_name = 'public.t', num_rows_per_partition = 10)");
        for (Compilation c : List.of(cdc, qrep)) {
            assertThat(config(c, 0)).containsEntry("producer.override.linger.ms", "20")
                    .containsEntry("producer.override.batch.size", "1048576")
                    .containsEntry("producer.override.compression.type", "lz4");
            assertThat(config(c, 0).keySet()).noneMatch(k -> k.startsWith("consumer."));
            assertThat(config(c, 1)).containsEntry("consumer.override.allow.auto.create.topics", "false")
                    .doesNotContainKey("consumer.override.max.poll.records");
            assertThat(config(c, 1).keySet()).noneMatch(k -> k.startsWith("producer."));
        }
    }

    @Test
    void consumerOverridesCanBeReplacedOrTurnedOff() {
        String sql = PEERS + "CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (public.t:t) WITH (do_initial_copy = true)";
        Compilation off = Compilation.run(List.of(new SourceFile("t.sql", sql)), ConverterSettings.json(),
                ProducerOverrides.defaults(), ConsumerOverrides.none());
        assertThat(config(off, 1).keySet()).noneMatch(k -> k.startsWith("consumer."));
        assertThat(config(off, 0)).containsEntry("producer.override.linger.ms", "20");
        Compilation more = Compilation.run(List.of(new SourceFile("t.sql", sql)), ConverterSettings.json(),
                ProducerOverrides.defaults(), ConsumerOverrides.defaults().with("max.poll.records", "500")
                        .with("consumer.override.fetch.min.bytes", "1"));
        assertThat(config(more, 1)).containsEntry("consumer.override.max.poll.records", "500")
                .containsEntry("consumer.override.fetch.min.bytes", "1");
        assertThatThrownBy(() -> ConsumerOverrides.none().with("", "1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void producerOverridesCanBeReplacedOrTurnedOff() {
        String sql = PEERS + "CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (public.t:t) WITH (do_initial_copy = true)";
        Compilation off = Compilation.run(List.of(new SourceFile("t.sql", sql)), ConverterSettings.json(),
                ProducerOverrides.none());
        assertThat(config(off, 0).keySet()).noneMatch(k -> k.startsWith("producer."));
        Compilation zstd = Compilation.run(List.of(new SourceFile("t.sql", sql)), ConverterSettings.json(),
                ProducerOverrides.defaults().with("compression.type", "zstd").with("producer.override.acks", "all"));
        assertThat(config(zstd, 0)).containsEntry("producer.override.compression.type", "zstd")
                .containsEntry("producer.override.acks", "all").containsEntry("producer.override.linger.ms", "20");
    }

    @Test
    void propertyOrderIsStable() {
        Compilation c = compile("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (public.t:t)"
                + " WITH (soft_delete = true, sync_interval = 5, do_initial_copy = true, max_batch_size = 10)");
        Compilation d = compile("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (public.t:t)"
                + " WITH (max_batch_size = 10, do_initial_copy = true, sync_interval = 5, soft_delete = true)");
        assertThat(ConfigJson.array(c.connectors())).isEqualTo(ConfigJson.array(d.connectors()));
        assertThat(config(c, 1).keySet()).startsWith("connector.class", "tasks.max", "mirror.name", "topics",
                "table.mapping");
    }

    @Test
    void topicsAreSanitizedAndCollisionsRejected() {
        Compilation c = compile("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (\"my schema\".\"t$1\":t)"
                + " WITH (do_initial_copy = true)");
        assertThat(config(c, 1)).containsEntry("topics", "m.my_schema.t_1")
                .containsEntry("table.mapping", "m.my_schema.t_1:t");
        assertThat(config(c, 0)).containsEntry("table.include.list", "\"my schema\".t$1");

        Compilation clash = compile("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (\"a b\".t:t1, a_b.t:t2)"
                + " WITH (do_initial_copy = true)");
        assertThat(clash.connectors()).isEmpty();
        assertThat(clash.diagnostics().errors()).extracting(Diagnostic::message).containsExactly(
                "source tables '\"a b\".t' and 'a_b.t' of CREATE MIRROR m map to the same topic 'm.a_b.t'"
                        + " (characters outside [A-Za-z0-9._-] become '_')");
    }

    @Test
    void droppedMirrorsAreNotCompiled() {
        Compilation c = compile("CREATE MIRROR m FROM pg TO ch WITH TABLE MAPPING (public.t:t)"
                + " WITH (do_initial_copy = true); DROP MIRROR m;");
        assertThat(c.ok()).isTrue();
        assertThat(c.connectors()).isEmpty();
        assertThat(c.script().actions()).hasSize(2);
    }

    @Test
    void qrepUpsertSink() {
        Compilation c = compile("CREATE MIRROR q FROM pg TO ch FOR $$SELECT * FROM s.t WHERE u BETWEEN {{.start}}"
                + " AND {{.end}}$$ WITH (destination_table_name = 't', watermark_column = 'u',"
                + " watermark_table_name = 's.t', num_rows_per_partition = 5, mode = 'UPSERT',"
                + " unique_key_columns = 'a, b')");
        assertThat(config(c, 0)).containsEntry("tasks.max", "2").containsEntry("refresh.interval.ms", "10000")
                .containsEntry("initial.copy.only", "false").containsEntry("topic.name", "q.s.t")
                .containsEntry("write.mode", "upsert").containsEntry("unique.key.columns", "a,b");
        assertThat(config(c, 1)).containsEntry("write.mode", "upsert").containsEntry("unique.key.columns", "a,b")
                .containsEntry("auto.create", "false").containsEntry("topics", "q.s.t")
                .doesNotContainKey("flush.interval.ms");
    }
}
