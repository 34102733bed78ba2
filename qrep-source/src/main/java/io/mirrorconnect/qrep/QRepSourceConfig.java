package io.mirrorconnect.qrep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.contract.TopicNames;
import io.mirrorconnect.pgcdc.types.SpecialValuePolicy;

/**
 * Configuration of the query-replication source. Property names are the ones mirror-ddl emits for a
 * {@code CREATE MIRROR ... FOR $$query$$} (docs/compiled-configs.md, "Source: query-replication mirror"); the
 * cross-field rules (placeholders, xmin, overwrite, upsert keys) are checked in the constructor, in that order.
 */
public class QRepSourceConfig extends AbstractConfig {
    public static final String GROUP_CONNECTION = "Connection";
    public static final String GROUP_QUERY = "Query";
    public static final String GROUP_PARTITIONING = "Partitioning";

    public static final String START_PLACEHOLDER = "{{.start}}";
    public static final String END_PLACEHOLDER = "{{.end}}";
    public static final String XMIN = "xmin";
    public static final String CTID = "ctid";

    public static final String MIRROR_NAME_CONFIG = "mirror.name";
    public static final String MIRROR_NAME_DOC = "Name of the mirror. Named in every error, identifies the "
            + "connector's source offsets, and is the default prefix of the topic.";

    public static final String HOSTNAME_CONFIG = "database.hostname";
    public static final String HOSTNAME_DOC = "Host name or IP address of the Postgres server.";
    public static final String PORT_CONFIG = "database.port";
    public static final String PORT_DOC = "TCP port of the Postgres server.";
    public static final String USER_CONFIG = "database.user";
    public static final String USER_DOC = "Postgres user. Needs SELECT on the tables the query reads (and on the "
            + "watermark table); no write privilege and no REPLICATION attribute.";
    public static final String PASSWORD_CONFIG = "database.password";
    public static final String PASSWORD_DOC = "Password of the Postgres user. Config-provider placeholders "
            + "(${provider:path:key}) are resolved by the worker.";
    public static final String DBNAME_CONFIG = "database.dbname";
    public static final String DBNAME_DOC = "Database the query runs in.";
    public static final String SSLMODE_CONFIG = "database.sslmode";
    public static final String SSLMODE_DOC = "TLS mode, as libpq/pgjdbc spell it: disable, allow, prefer, require, "
            + "verify-ca, verify-full.";
    public static final List<String> SSLMODES = List.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");
    public static final String SSLROOTCERT_CONFIG = "database.sslrootcert";
    public static final String SSLROOTCERT_DOC = "Root CA for verify-ca/verify-full: PEM text (starting with "
            + "-----BEGIN) or the path of a PEM file on the worker.";

    public static final String QUERY_CONFIG = "query";
    public static final String QUERY_DOC = "The query whose rows are replicated (the $$ ... $$ body). With a column "
            + "watermark it must contain " + START_PLACEHOLDER + " and " + END_PLACEHOLDER + " (e.g. WHERE updated_at "
            + "BETWEEN {{.start}} AND {{.end}}, both ends inclusive); they become bound parameters, never text. With "
            + "watermark.column=xmin the query has no placeholders: it must read the watermark table as a plain "
            + "SELECT ... FROM <table> without WHERE, and the connector appends the xmin condition.";
    public static final String WATERMARK_TABLE_CONFIG = "watermark.table";
    public static final String WATERMARK_TABLE_DOC = "The table (schema.table) whose watermark column is partitioned; "
            + "its name also names the topic.";
    public static final String WATERMARK_COLUMN_CONFIG = "watermark.column";
    public static final String WATERMARK_COLUMN_DOC = "Column of the watermark table that grows with new and changed "
            + "rows: smallint, integer, bigint, numeric, timestamp, timestamptz or date; or xmin (the row's "
            + "inserting/updating transaction, compared with age() so wraparound neither skips nor repeats rows); or "
            + "ctid with initial.copy.only=true: a one-shot copy in heap block ranges (WHERE ctid BETWEEN {{.start}} "
            + "AND {{.end}}) under one snapshot.";
    public static final String TOPIC_NAME_CONFIG = "topic.name";
    public static final String TOPIC_NAME_DOC = "Topic of the records. Defaults to "
            + "<mirror>.<watermark schema>.<watermark table> (docs/record-contract.md).";
    public static final String WRITE_MODE_CONFIG = "write.mode";
    public static final String WRITE_MODE_DOC = "append, upsert or overwrite (overwrite only with "
            + "initial.copy.only=true; the sink empties the destination once, before the first batch). In upsert "
            + "mode the records are keyed by unique.key.columns.";
    public static final String UNIQUE_KEY_COLUMNS_CONFIG = "unique.key.columns";
    public static final String UNIQUE_KEY_COLUMNS_DOC = "Comma-separated query columns that identify a row; "
            + "required in upsert mode, where they become the record key.";
    public static final String SPECIAL_VALUES_CONFIG = "special.values";
    public static final String SPECIAL_VALUES_DOC = "What to do with a value the column's Connect type cannot hold "
            + "(NaN/Infinity in numeric(p,s), infinite dates and timestamps): 'fail' or 'null' (docs/pg-types.md).";

    public static final String ROWS_PER_PARTITION_CONFIG = "num.rows.per.partition";
    public static final String ROWS_PER_PARTITION_DOC = "Rows of the watermark table per partition (NTILE buckets "
            + "of the watermark column over each cycle's new rows).";
    public static final String PARALLELISM_CONFIG = "parallelism";
    public static final String PARALLELISM_DOC = "Partitions each task reads at the same time, each over its own "
            + "connection. The initial copy's partitions are spread over the tasks, so the mirror reads tasks.max x "
            + "parallelism partitions at once and holds up to tasks.max x (parallelism + 1) + 1 connections (one "
            + "planning connection per task and the connector's while it plans); the later cycles run on task 0. "
            + "mirror-ddl maps PeerDB's parallelism to tasks.max and leaves this at 1.";
    public static final String REFRESH_INTERVAL_MS_CONFIG = "refresh.interval.ms";
    public static final String REFRESH_INTERVAL_MS_DOC = "Pause between the end of one cycle and the start of the "
            + "next.";
    public static final String INITIAL_COPY_ONLY_CONFIG = "initial.copy.only";
    public static final String INITIAL_COPY_ONLY_DOC = "Copy once: the initial copy only; each task logs that its "
            + "share is done and stays idle.";
    public static final String MAX_BATCH_SIZE_CONFIG = "max.batch.size";
    public static final String MAX_BATCH_SIZE_DOC = "Most records returned by one poll(); also the size of the "
            + "queue between the partition readers and poll().";

    /** Set by the connector for each task: its index and the number of tasks. Not user properties. */
    public static final String TASK_INDEX = "qrep.task.index";
    public static final String TASK_COUNT = "qrep.task.count";

    public static final ConfigDef CONFIG_DEF = configDef();

    public enum WriteMode { APPEND, UPSERT, OVERWRITE }

    private final TableId watermarkTable;
    private final List<String> uniqueKeyColumns;

    public QRepSourceConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
        String mirror = mirrorName();
        try {
            this.watermarkTable = TableId.parse(getString(WATERMARK_TABLE_CONFIG));
        } catch (RuntimeException e) {
            throw new ConfigException(WATERMARK_TABLE_CONFIG, getString(WATERMARK_TABLE_CONFIG),
                    "mirror " + mirror + ": " + e.getMessage());
        }
        this.uniqueKeyColumns = parseColumns(getString(UNIQUE_KEY_COLUMNS_CONFIG));
        String query = query();
        boolean hasStart = query.contains(START_PLACEHOLDER);
        boolean hasEnd = query.contains(END_PLACEHOLDER);
        if (isXmin()) {
            if (hasStart || hasEnd) {
                throw new ConfigException(QUERY_CONFIG, query, "mirror " + mirror + ": an xmin mirror's query has no "
                        + START_PLACEHOLDER + "/" + END_PLACEHOLDER + " placeholders; write SELECT ... FROM "
                        + watermarkTable + " and the connector appends the xmin condition");
            }
        } else if (!hasStart || !hasEnd) {
            throw new ConfigException(QUERY_CONFIG, query, "mirror " + mirror + ": the query must contain both "
                    + START_PLACEHOLDER + " and " + END_PLACEHOLDER + " (missing " + (hasStart ? END_PLACEHOLDER
                    : START_PLACEHOLDER) + "), e.g. WHERE " + watermarkColumn() + " BETWEEN " + START_PLACEHOLDER
                    + " AND " + END_PLACEHOLDER);
        }
        if (isCtid() && !initialCopyOnly()) {
            throw new ConfigException(WATERMARK_COLUMN_CONFIG, CTID, "mirror " + mirror + ": a ctid watermark copies "
                    + "the table once in heap block ranges; it needs " + INITIAL_COPY_ONLY_CONFIG + "=true (use a "
                    + "column or xmin watermark for a mirror that keeps replicating)");
        }
        if (writeMode() == WriteMode.OVERWRITE && !initialCopyOnly()) {
            throw new ConfigException(WRITE_MODE_CONFIG, "overwrite", "mirror " + mirror + ": overwrite mode needs "
                    + INITIAL_COPY_ONLY_CONFIG + "=true (it empties the destination once, before a one-time copy)");
        }
        if (writeMode() == WriteMode.UPSERT && uniqueKeyColumns.isEmpty()) {
            throw new ConfigException(UNIQUE_KEY_COLUMNS_CONFIG, "", "mirror " + mirror + ": upsert mode needs "
                    + UNIQUE_KEY_COLUMNS_CONFIG + " (the query columns that identify a row)");
        }
    }

    public static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        int o = 0;
        def.define(HOSTNAME_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                Importance.HIGH, HOSTNAME_DOC, GROUP_CONNECTION, ++o, Width.MEDIUM, "Host");
        def.define(PORT_CONFIG, Type.INT, 5432, ConfigDef.Range.between(1, 65535), Importance.HIGH, PORT_DOC,
                GROUP_CONNECTION, ++o, Width.SHORT, "Port");
        def.define(DBNAME_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                Importance.HIGH, DBNAME_DOC, GROUP_CONNECTION, ++o, Width.MEDIUM, "Database");
        def.define(USER_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                Importance.HIGH, USER_DOC, GROUP_CONNECTION, ++o, Width.MEDIUM, "User");
        def.define(PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH, PASSWORD_DOC, GROUP_CONNECTION, ++o,
                Width.MEDIUM, "Password");
        def.define(SSLMODE_CONFIG, Type.STRING, "prefer", ConfigDef.ValidString.in(SSLMODES.toArray(new String[0])),
                Importance.MEDIUM, SSLMODE_DOC, GROUP_CONNECTION, ++o, Width.SHORT, "SSL mode");
        def.define(SSLROOTCERT_CONFIG, Type.STRING, null, Importance.LOW, SSLROOTCERT_DOC, GROUP_CONNECTION, ++o,
                Width.LONG, "SSL root certificate");
        o = 0;
        def.define(MIRROR_NAME_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                Importance.HIGH, MIRROR_NAME_DOC, GROUP_QUERY, ++o, Width.MEDIUM, "Mirror name");
        def.define(QUERY_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                Importance.HIGH, QUERY_DOC, GROUP_QUERY, ++o, Width.LONG, "Query");
        def.define(WATERMARK_TABLE_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                Importance.HIGH, WATERMARK_TABLE_DOC, GROUP_QUERY, ++o, Width.MEDIUM, "Watermark table");
        def.define(WATERMARK_COLUMN_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                Importance.HIGH, WATERMARK_COLUMN_DOC, GROUP_QUERY, ++o, Width.MEDIUM, "Watermark column");
        def.define(TOPIC_NAME_CONFIG, Type.STRING, null, Importance.MEDIUM, TOPIC_NAME_DOC, GROUP_QUERY, ++o,
                Width.LONG, "Topic");
        def.define(WRITE_MODE_CONFIG, Type.STRING, "append",
                ConfigDef.CaseInsensitiveValidString.in("append", "upsert", "overwrite"), Importance.HIGH,
                WRITE_MODE_DOC, GROUP_QUERY, ++o, Width.SHORT, "Mode");
        def.define(UNIQUE_KEY_COLUMNS_CONFIG, Type.STRING, "", Importance.MEDIUM, UNIQUE_KEY_COLUMNS_DOC,
                GROUP_QUERY, ++o, Width.LONG, "Unique key columns");
        def.define(SPECIAL_VALUES_CONFIG, Type.STRING, "fail", ConfigDef.CaseInsensitiveValidString.in("fail", "null"),
                Importance.LOW, SPECIAL_VALUES_DOC, GROUP_QUERY, ++o, Width.SHORT, "Special values");
        o = 0;
        def.define(ROWS_PER_PARTITION_CONFIG, Type.LONG, 100_000L, ConfigDef.Range.atLeast(1), Importance.HIGH,
                ROWS_PER_PARTITION_DOC, GROUP_PARTITIONING, ++o, Width.SHORT, "Rows per partition");
        def.define(PARALLELISM_CONFIG, Type.INT, 1, ConfigDef.Range.between(1, 64), Importance.MEDIUM,
                PARALLELISM_DOC, GROUP_PARTITIONING, ++o, Width.SHORT, "Partitions in parallel per task");
        def.define(REFRESH_INTERVAL_MS_CONFIG, Type.LONG, 10_000L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                REFRESH_INTERVAL_MS_DOC, GROUP_PARTITIONING, ++o, Width.SHORT, "Refresh interval (ms)");
        def.define(INITIAL_COPY_ONLY_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, INITIAL_COPY_ONLY_DOC,
                GROUP_PARTITIONING, ++o, Width.SHORT, "Initial copy only");
        def.define(MAX_BATCH_SIZE_CONFIG, Type.INT, 10_000, ConfigDef.Range.between(1, 1_000_000), Importance.LOW,
                MAX_BATCH_SIZE_DOC, GROUP_PARTITIONING, ++o, Width.SHORT, "Max batch size");
        return def;
    }

    static List<String> parseColumns(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String part : TableId.splitTopLevel(text, ',')) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"")) {
                p = p.substring(1, p.length() - 1).replace("\"\"", "\"");
            }
            out.add(p);
        }
        return List.copyOf(out);
    }

    public String mirrorName() {
        return getString(MIRROR_NAME_CONFIG);
    }

    public String hostname() {
        return getString(HOSTNAME_CONFIG);
    }

    public int port() {
        return getInt(PORT_CONFIG);
    }

    public String database() {
        return getString(DBNAME_CONFIG);
    }

    public String user() {
        return getString(USER_CONFIG);
    }

    public String password() {
        Password p = getPassword(PASSWORD_CONFIG);
        return p == null ? null : p.value();
    }

    public String sslMode() {
        return getString(SSLMODE_CONFIG);
    }

    public String sslRootCert() {
        return getString(SSLROOTCERT_CONFIG);
    }

    /** The source database, for {@link io.mirrorconnect.pgcdc.PgConnections}. */
    public io.mirrorconnect.pgcdc.PgConnections.Endpoint endpoint() {
        return new io.mirrorconnect.pgcdc.PgConnections.Endpoint(hostname(), port(), database(), user(), password(),
                sslMode(), sslRootCert(), mirrorName());
    }

    public String query() {
        return getString(QUERY_CONFIG);
    }

    public TableId watermarkTable() {
        return watermarkTable;
    }

    public String watermarkColumn() {
        return getString(WATERMARK_COLUMN_CONFIG).trim();
    }

    public boolean isXmin() {
        return XMIN.equals(watermarkColumn().toLowerCase(Locale.ROOT));
    }

    /** A one-shot copy in heap block ranges (watermark.column = ctid). */
    public boolean isCtid() {
        return CTID.equals(watermarkColumn().toLowerCase(Locale.ROOT));
    }

    public String topic() {
        String t = getString(TOPIC_NAME_CONFIG);
        return t == null || t.isBlank() ? TopicNames.forTable(mirrorName(), watermarkTable) : t;
    }

    public WriteMode writeMode() {
        return WriteMode.valueOf(getString(WRITE_MODE_CONFIG).toUpperCase(Locale.ROOT));
    }

    /** Key columns of the records: unique.key.columns in upsert mode, none otherwise. */
    public List<String> keyColumns() {
        return writeMode() == WriteMode.UPSERT ? uniqueKeyColumns : List.of();
    }

    public SpecialValuePolicy specialValues() {
        return SpecialValuePolicy.parse(getString(SPECIAL_VALUES_CONFIG));
    }

    public long rowsPerPartition() {
        return getLong(ROWS_PER_PARTITION_CONFIG);
    }

    public int parallelism() {
        return getInt(PARALLELISM_CONFIG);
    }

    public long refreshIntervalMs() {
        return getLong(REFRESH_INTERVAL_MS_CONFIG);
    }

    public boolean initialCopyOnly() {
        return getBoolean(INITIAL_COPY_ONLY_CONFIG);
    }

    public int maxBatchSize() {
        return getInt(MAX_BATCH_SIZE_CONFIG);
    }

    public int taskIndex() {
        Object v = originals().get(TASK_INDEX);
        return v == null ? 0 : Integer.parseInt(v.toString());
    }

    public int taskCount() {
        Object v = originals().get(TASK_COUNT);
        return v == null ? 1 : Integer.parseInt(v.toString());
    }
}
