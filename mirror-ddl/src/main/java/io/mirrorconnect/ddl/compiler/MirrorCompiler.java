package io.mirrorconnect.ddl.compiler;

import io.mirrorconnect.contract.TopicNames;
import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.ddl.analyzer.CdcMirrorDefinition;
import io.mirrorconnect.ddl.analyzer.MirrorDefinition;
import io.mirrorconnect.ddl.analyzer.MirrorSpec;
import io.mirrorconnect.ddl.analyzer.Peer;
import io.mirrorconnect.ddl.analyzer.QRepMirrorDefinition;
import io.mirrorconnect.ddl.analyzer.ResolvedOptions;
import io.mirrorconnect.ddl.analyzer.TableMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Compiles a validated mirror into its two connectors, {@code <mirror>-source} and {@code <mirror>-sink}, with
 * the properties of docs/compiled-configs.md in a fixed order. Pure: no I/O. Secrets and config-provider
 * references are copied exactly as written.
 */
public final class MirrorCompiler {
    public static final String PG_CDC_SOURCE = "io.mirrorconnect.pgcdc.PgCdcSourceConnector";
    public static final String QREP_SOURCE = "io.mirrorconnect.qrep.QRepSourceConnector";
    public static final String CLICKHOUSE_SINK = "io.mirrorconnect.clickhouse.ClickHouseSinkConnector";
    public static final String SNOWFLAKE_SINK = "io.mirrorconnect.snowflake.SnowflakeSinkConnector";
    public static final String BIGQUERY_SINK = "io.mirrorconnect.bigquery.BigQuerySinkConnector";
    /**
     * Sources write the mirror headers as text, which costs less than the worker's default SimpleHeaderConverter
     * inferring a schema for every header of every record (~5% of the poll thread,
     * docs/perf/pg-cdc-source-profile.md). Every contract header is a string or an integer, so text carries it
     * exactly (ChangeHeadersTest; docs/compiled-configs.md).
     */
    static final String SOURCE_HEADER_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";
    /**
     * Sinks take each header's bytes as they are, and the sink core parses the few it needs from them
     * (ChangeHeaders): StringConverter decoded every header of every record into a String, parsed again by the
     * sink, 50-180 ns more per record (mirror-core's HeaderConversionBench; docs/compiled-configs.md).
     * SimpleHeaderConverter, the worker's default, costs more still (docs/perf/clickhouse-sink-profile.md).
     */
    static final String SINK_HEADER_CONVERTER = "org.apache.kafka.connect.converters.ByteArrayConverter";

    private final ConverterSettings converters;
    private final ProducerOverrides producer;
    private final ConsumerOverrides consumer;

    /** With the default producer overrides of source connectors. */
    public MirrorCompiler(ConverterSettings converters) {
        this(converters, ProducerOverrides.defaults());
    }

    /** With the default consumer overrides of sink connectors. */
    public MirrorCompiler(ConverterSettings converters, ProducerOverrides producer) {
        this(converters, producer, ConsumerOverrides.defaults());
    }

    public MirrorCompiler(ConverterSettings converters, ProducerOverrides producer, ConsumerOverrides consumer) {
        this.converters = converters;
        this.producer = producer;
        this.consumer = consumer;
    }

    public static String sourceName(String mirror) {
        return mirror + "-source";
    }

    public static String sinkName(String mirror) {
        return mirror + "-sink";
    }

    public List<ConnectorConfig> compileAll(List<MirrorDefinition> mirrors) {
        List<ConnectorConfig> out = new ArrayList<>();
        for (MirrorDefinition m : mirrors) {
            out.addAll(compile(m));
        }
        return out;
    }

    /** The source connector, then the sink connector. */
    public List<ConnectorConfig> compile(MirrorDefinition mirror) {
        if (mirror instanceof CdcMirrorDefinition cdc) {
            return List.of(cdcSource(cdc), cdcSink(cdc));
        }
        QRepMirrorDefinition qrep = (QRepMirrorDefinition) mirror;
        return List.of(qrepSource(qrep), qrepSink(qrep));
    }

    private ConnectorConfig cdcSource(CdcMirrorDefinition m) {
        ResolvedOptions o = m.options();
        PropertyWriter w = new PropertyWriter();
        w.put("connector.class", PG_CDC_SOURCE);
        w.putOption("tasks.max", o, "snapshot_tasks");
        w.put("mirror.name", m.name());
        postgres(w, m.source());
        w.put("topic.prefix", m.name());
        topicCreation(w, o);
        w.put("table.include.list", m.mappings().stream().map(t -> t.source().toString())
                .collect(Collectors.joining(",")));
        List<String> excluded = new ArrayList<>();
        for (TableMapping t : m.mappings()) {
            for (String c : t.excludedColumns()) {
                excluded.add(t.source() + "." + TableId.quotePart(c));
            }
        }
        w.put("column.exclude.list", String.join(",", excluded));
        w.put("publication.name", o.has("publication_name") ? o.text("publication_name")
                : MirrorSpec.defaultPublication(m.name()));
        w.put("slot.name", o.has("replication_slot_name") ? o.text("replication_slot_name")
                : MirrorSpec.defaultSlot(m.name()));
        w.putOption("snapshot.enabled", o, "do_initial_copy");
        w.putOption("snapshot.rows.per.partition", o, "snapshot_num_rows_per_partition");
        w.putOption("snapshot.max.parallel.workers", o, "snapshot_max_parallel_workers");
        w.putOption("snapshot.tables.in.parallel", o, "snapshot_num_tables_in_parallel");
        w.putOption("max.batch.size", o, "max_batch_size");
        producer.writeTo(w);
        writeConverters(w, SOURCE_HEADER_CONVERTER);
        return new ConnectorConfig(sourceName(m.name()), w.build());
    }

    private ConnectorConfig cdcSink(CdcMirrorDefinition m) {
        ResolvedOptions o = m.options();
        PropertyWriter w = new PropertyWriter();
        w.put("connector.class", sinkClass(m.target()));
        w.putOption("tasks.max", o, "sink_tasks");
        w.put("mirror.name", m.name());
        w.put("topics", m.mappings().stream().map(t -> TopicNames.forTable(m.name(), t.source()))
                .collect(Collectors.joining(",")));
        w.put("table.mapping", m.mappings().stream()
                .map(t -> TopicNames.forTable(m.name(), t.source()) + ":" + t.target())
                .collect(Collectors.joining(",")));
        w.put("write.mode", "upsert");
        w.putOption("soft.delete", o, "soft_delete");
        w.putOption("soft.delete.column", o, "soft_delete_col_name");
        w.putOption("synced.at.column", o, "synced_at_col_name");
        w.put("auto.create", "true");
        w.putOption("max.batch.size", o, "max_batch_size");
        w.put("flush.interval.ms", Long.toString(o.integer("sync_interval") * 1000L));
        deadLetterQueue(w, o);
        target(w, m.target());
        consumer.writeTo(w);
        writeConverters(w, SINK_HEADER_CONVERTER);
        return new ConnectorConfig(sinkName(m.name()), w.build());
    }

    private ConnectorConfig qrepSource(QRepMirrorDefinition m) {
        ResolvedOptions o = m.options();
        PropertyWriter w = new PropertyWriter();
        w.put("connector.class", QREP_SOURCE);
        w.putOption("tasks.max", o, "parallelism");
        w.put("mirror.name", m.name());
        postgres(w, m.source());
        w.put("query", m.query());
        w.putOption("watermark.column", o, "watermark_column");
        w.put("watermark.table", m.watermarkTable().toString());
        w.put("topic.name", TopicNames.forTable(m.name(), m.watermarkTable()));
        topicCreation(w, o);
        w.putOption("num.rows.per.partition", o, "num_rows_per_partition");
        w.put("refresh.interval.ms", Long.toString(o.integer("refresh_interval") * 1000L));
        w.putOption("initial.copy.only", o, "initial_copy_only");
        // the source keys upsert records by the unique key (Kafka partitioning, per-key order) and checks the
        // query returns those columns; the mode also selects the xmin rules
        w.putOption("write.mode", o, "mode");
        if (o.has("unique_key_columns")) {
            w.put("unique.key.columns", normalizeColumnList(o.text("unique_key_columns")));
        }
        producer.writeTo(w);
        writeConverters(w, SOURCE_HEADER_CONVERTER);
        return new ConnectorConfig(sourceName(m.name()), w.build());
    }

    private ConnectorConfig qrepSink(QRepMirrorDefinition m) {
        ResolvedOptions o = m.options();
        PropertyWriter w = new PropertyWriter();
        String topic = TopicNames.forTable(m.name(), m.watermarkTable());
        w.put("connector.class", sinkClass(m.target()));
        w.putOption("tasks.max", o, "sink_tasks");
        w.put("mirror.name", m.name());
        w.put("topics", topic);
        w.put("table.mapping", topic + ":" + m.destinationTable());
        w.putOption("write.mode", o, "mode");
        if (o.has("unique_key_columns")) {
            w.put("unique.key.columns", normalizeColumnList(o.text("unique_key_columns")));
        }
        w.putOption("auto.create", o, "setup_watermark_table_on_destination");
        deadLetterQueue(w, o);
        target(w, m.target());
        consumer.writeTo(w);
        writeConverters(w, SINK_HEADER_CONVERTER);
        return new ConnectorConfig(sinkName(m.name()), w.build());
    }

    /** The key and value converters, then the header converter: the last properties of every connector. */
    private void writeConverters(PropertyWriter w, String headerConverter) {
        converters.writeTo(w);
        w.put("header.converter", headerConverter);
    }

    /**
     * Connect creates the source's topics with {@code topic_partitions} partitions and the replication factor
     * (-1: the broker's default); pg-cdc-source reads the partition count too, to send a truncate to every
     * partition (docs/sink-core.md, "Several tasks").
     */
    private static void topicCreation(PropertyWriter w, ResolvedOptions o) {
        w.putOption("topic.creation.default.partitions", o, "topic_partitions");
        w.putOption("topic.creation.default.replication.factor", o, "topic_replication_factor");
    }

    /**
     * With {@code dead_letter_topic}: Connect's error handling tolerates a record the sink cannot write (or the
     * converter cannot read), sends it to the topic with the failure in its headers, and logs the failure without
     * the record's values (they may be sensitive). Without it, nothing is written: such a record fails the task.
     */
    private static void deadLetterQueue(PropertyWriter w, ResolvedOptions o) {
        if (!o.has("dead_letter_topic")) {
            return;
        }
        w.put("errors.tolerance", "all");
        w.putOption("errors.deadletterqueue.topic.name", o, "dead_letter_topic");
        w.putOption("errors.deadletterqueue.topic.replication.factor", o, "dead_letter_topic_replication_factor");
        w.put("errors.deadletterqueue.context.headers.enable", "true");
        w.put("errors.log.enable", "true");
        w.put("errors.log.include.messages", "false");
    }

    private static String normalizeColumnList(String text) {
        return TableId.splitTopLevel(text, ',').stream().map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.joining(","));
    }

    private static void postgres(PropertyWriter w, Peer pg) {
        ResolvedOptions o = pg.options();
        w.putOption("database.hostname", o, "host");
        w.putOption("database.port", o, "port");
        w.putOption("database.user", o, "user");
        w.putOption("database.password", o, "password");
        w.putOption("database.dbname", o, "database");
        w.putOption("database.sslmode", o, "sslmode");
        w.putOption("database.sslrootcert", o, "root_ca");
    }

    private static String sinkClass(Peer target) {
        return switch (target.type()) {
            case CLICKHOUSE -> CLICKHOUSE_SINK;
            case SNOWFLAKE -> SNOWFLAKE_SINK;
            case BIGQUERY -> BIGQUERY_SINK;
            case POSTGRES -> throw new IllegalArgumentException("POSTGRES is no target");
        };
    }

    private static void target(PropertyWriter w, Peer target) {
        ResolvedOptions o = target.options();
        switch (target.type()) {
            case CLICKHOUSE -> {
                w.putOption("clickhouse.host", o, "host");
                w.putOption("clickhouse.port", o, "port");
                w.put("clickhouse.ssl", Boolean.toString(!o.bool("disable_tls")));
                w.putOption("clickhouse.ssl.root.cert", o, "root_ca");
                w.putOption("clickhouse.user", o, "user");
                w.putOption("clickhouse.password", o, "password");
                w.putOption("clickhouse.database", o, "database");
            }
            case SNOWFLAKE -> {
                w.putOption("snowflake.account", o, "account_id");
                w.putOption("snowflake.user", o, "username");
                if (o.has("private_key")) {
                    w.putOption("snowflake.private.key", o, "private_key");
                    w.putOption("snowflake.private.key.passphrase", o, "password");
                } else {
                    w.putOption("snowflake.password", o, "password");
                }
                w.putOption("snowflake.database", o, "database");
                w.putOption("snowflake.warehouse", o, "warehouse");
                w.putOption("snowflake.role", o, "role");
                w.putOption("snowflake.schema", o, "schema");
                w.putOption("snowflake.query.timeout.seconds", o, "query_timeout");
            }
            case BIGQUERY -> {
                w.putOption("bigquery.project", o, "project_id");
                w.putOption("bigquery.dataset", o, "dataset_id");
                for (String field : new String[] {"type", "project_id", "private_key_id", "private_key",
                        "client_email", "client_id", "auth_uri", "token_uri", "auth_provider_x509_cert_url",
                        "client_x509_cert_url"}) {
                    w.putOption("bigquery.credentials." + field, o, field);
                }
            }
            case POSTGRES -> throw new IllegalArgumentException("POSTGRES is no target");
        }
    }
}
