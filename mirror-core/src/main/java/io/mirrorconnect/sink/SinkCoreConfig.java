package io.mirrorconnect.sink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import io.mirrorconnect.contract.TableId;

/**
 * The destination-independent sink properties (docs/compiled-configs.md, "Sink: common properties"). Each
 * sink composes {@link #addTo(ConfigDef)} into its own {@code ConfigDef} and extends this class for typed
 * accessors.
 */
public class SinkCoreConfig extends AbstractConfig {
    public static final String GROUP_MIRROR = "Mirror";
    public static final String GROUP_ROWS = "Destination rows";
    public static final String GROUP_BATCHING = "Batching and retries";

    public static final String MIRROR_NAME_CONFIG = "mirror.name";
    public static final String MIRROR_NAME_DOC = "Name of the mirror this connector belongs to; used in logs and client names.";
    public static final String MIRROR_NAME_DISPLAY = "Mirror name";

    public static final String TABLE_MAPPING_CONFIG = "table.mapping";
    public static final String TABLE_MAPPING_DOC = "Comma-separated topic:destination pairs, one for each topic the sink reads. "
            + "Destinations are table names as written in the mirror's TABLE MAPPING (or destination_table_name); "
            + "double-quote parts that are not plain identifiers. A record from a topic without a mapping is an error.";
    public static final String TABLE_MAPPING_DISPLAY = "Table mapping";

    public static final String WRITE_MODE_CONFIG = "write.mode";
    public static final String WRITE_MODE_DOC = "upsert: one row per key, newest version wins (requires a record key or "
            + "unique.key.columns). append: every record becomes a row. overwrite: like append, and the destination "
            + "table is emptied when a partition is read from its first offset.";
    public static final String WRITE_MODE_DISPLAY = "Write mode";

    public static final String UNIQUE_KEY_COLUMNS_CONFIG = "unique.key.columns";
    public static final String UNIQUE_KEY_COLUMNS_DOC = "Comma-separated value columns that identify a row in upsert mode, "
            + "for records without a key (query replication). Empty: the record key's fields.";
    public static final String UNIQUE_KEY_COLUMNS_DISPLAY = "Unique key columns";

    public static final String SOFT_DELETE_CONFIG = "soft.delete";
    public static final String SOFT_DELETE_DOC = "true: a delete keeps the row, marked with soft.delete.column = true. "
            + "false: a delete removes the row (on engines that can only mark rows, the mark hides it).";
    public static final String SOFT_DELETE_DISPLAY = "Soft delete";

    public static final String SOFT_DELETE_COLUMN_CONFIG = "soft.delete.column";
    public static final String SOFT_DELETE_COLUMN_DOC = "Name of the destination column that marks deleted rows.";
    public static final String SOFT_DELETE_COLUMN_DISPLAY = "Soft-delete column";
    public static final String SOFT_DELETE_COLUMN_DEFAULT = "_PEERDB_IS_DELETED";

    public static final String SYNCED_AT_COLUMN_CONFIG = "synced.at.column";
    public static final String SYNCED_AT_COLUMN_DOC = "Name of the destination column holding the time the row was written.";
    public static final String SYNCED_AT_COLUMN_DISPLAY = "Synced-at column";
    public static final String SYNCED_AT_COLUMN_DEFAULT = "_PEERDB_SYNCED_AT";

    public static final String VERSION_COLUMN_CONFIG = "version.column";
    public static final String VERSION_COLUMN_DOC = "Name of the destination column holding the row's version (the "
            + "source change's LSN, 0 for snapshot rows); the destination keeps the highest version per key.";
    public static final String VERSION_COLUMN_DISPLAY = "Version column";
    public static final String VERSION_COLUMN_DEFAULT = "_PEERDB_VERSION";

    public static final String AUTO_CREATE_CONFIG = "auto.create";
    public static final String AUTO_CREATE_DOC = "Create destination tables that do not exist yet. When false, a missing table is an error.";
    public static final String AUTO_CREATE_DISPLAY = "Auto-create tables";

    public static final String AUTO_EVOLVE_CONFIG = "auto.evolve";
    public static final String AUTO_EVOLVE_DOC = "Add destination columns for new record fields before writing the batch that needs them. "
            + "When false, a missing column is an error.";
    public static final String AUTO_EVOLVE_DISPLAY = "Add new columns";

    public static final String MAX_BATCH_SIZE_CONFIG = "max.batch.size";
    public static final String MAX_BATCH_SIZE_DOC = "Flush a destination table once this many records are buffered for it.";
    public static final String MAX_BATCH_SIZE_DISPLAY = "Max batch rows";
    public static final int MAX_BATCH_SIZE_DEFAULT = 250_000;

    public static final String MAX_BATCH_BYTES_CONFIG = "max.batch.bytes";
    public static final String MAX_BATCH_BYTES_DOC = "Flush a destination table once its buffered records are estimated to hold this many bytes of the worker's heap (the rows as the sink keeps them: structs, boxed values, strings; with an errant-record reporter also Connect's records). Bounds each table's buffer; the batch being written is held besides it (see max.in.flight.writes), with its collapsed rows and encoded insert (about 40% more for ClickHouse; docs/sink-core.md, Heap).";
    public static final String MAX_BATCH_BYTES_DISPLAY = "Max batch bytes";
    public static final long MAX_BATCH_BYTES_DEFAULT = 64L * 1024 * 1024;

    public static final String FLUSH_INTERVAL_MS_CONFIG = "flush.interval.ms";
    public static final String FLUSH_INTERVAL_MS_DOC = "Flush a destination table once its oldest buffered record has waited this long (the mirror's sync_interval).";
    public static final String FLUSH_INTERVAL_MS_DISPLAY = "Flush interval (ms)";
    public static final long FLUSH_INTERVAL_MS_DEFAULT = 10_000L;

    public static final String FLUSH_IDLE_MS_CONFIG = "flush.idle.ms";
    public static final String FLUSH_IDLE_MS_DOC = "Flush a table's buffer once the consumer has caught up (no record at all for 50 ms, or for this long if that is less) and the table's previous flush of a partial (not full) buffer began at least this long ago: a backlog's last partial batch is written 50 ms after its last record, a burst of changes within about this long, instead of after flush.interval.ms, and a trickle of records makes at most one such write per table per this long. 0 turns it off.";
    public static final String FLUSH_IDLE_MS_DISPLAY = "Flush when idle (ms)";
    /** No idle flush unless a sink asks for one (see {@link Defaults}). */
    public static final long FLUSH_IDLE_MS_OFF = 0L;

    public static final String MAX_IN_FLIGHT_WRITES_CONFIG = "max.in.flight.writes";
    public static final String MAX_IN_FLIGHT_WRITES_DOC = "1: a flushed batch is written on the task's own background thread while the task reads the next records (one write at a time; offsets are committed only once the batch is written; a failed write is retried by the task). Besides its buffers the task then holds the batch being written: up to max.batch.bytes more, plus its collapsed rows and encoded insert (docs/sink-core.md, Sizing). 0: the task waits for each write, which runs on the task thread.";
    public static final String MAX_IN_FLIGHT_WRITES_DISPLAY = "Writes in flight";
    public static final int MAX_IN_FLIGHT_WRITES_DEFAULT = 1;

    public static final String MAX_RETRIES_CONFIG = "max.retries";
    public static final String MAX_RETRIES_DOC = "How many times a write that failed with a transient destination error is retried before the task fails.";
    public static final String MAX_RETRIES_DISPLAY = "Max retries";
    public static final int MAX_RETRIES_DEFAULT = 10;

    public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
    public static final String RETRY_BACKOFF_MS_DOC = "Wait before the first retry; doubles with each further attempt up to retry.backoff.max.ms.";
    public static final String RETRY_BACKOFF_MS_DISPLAY = "Retry backoff (ms)";
    public static final long RETRY_BACKOFF_MS_DEFAULT = 1_000L;

    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "retry.backoff.max.ms";
    public static final String RETRY_BACKOFF_MAX_MS_DOC = "Longest wait between two retries.";
    public static final String RETRY_BACKOFF_MAX_MS_DISPLAY = "Max retry backoff (ms)";
    public static final long RETRY_BACKOFF_MAX_MS_DEFAULT = 60_000L;

    private static final ConfigDef.Validator TABLE_MAPPING_VALIDATOR = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                TableRouter.parseMapping((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "topic:destination[,topic:destination...]";
        }
    };

    private static final ConfigDef.Validator WRITE_MODE_VALIDATOR = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                WriteMode.fromConfig((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return String.join(", ", Arrays.stream(WriteMode.values()).map(WriteMode::configValue).toList());
        }
    };

    private static final ConfigDef.Validator COLUMN_NAME_VALIDATOR = new ConfigDef.NonEmptyStringWithoutControlChars();

    private final Map<String, TableId> tableMapping;
    private final WriteMode writeMode;

    protected SinkCoreConfig(ConfigDef definition, Map<?, ?> originals) {
        super(definition, originals);
        this.tableMapping = TableRouter.parseMapping(getString(TABLE_MAPPING_CONFIG));
        this.writeMode = WriteMode.fromConfig(getString(WRITE_MODE_CONFIG));
        List<String> problems = crossFieldProblems();
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems));
        }
    }

    /** The common sink properties alone (tests; sinks use {@link #addTo}). */
    public static ConfigDef configDef() {
        return addTo(new ConfigDef());
    }

    public static SinkCoreConfig of(Map<?, ?> originals) {
        return new SinkCoreConfig(configDef(), originals);
    }

    /** The prefix of a worker-wide default: JVM system property {@code mirror.<property>}. */
    public static final String WORKER_DEFAULT_PREFIX = "mirror.";

    /**
     * {@code originals} plus, for each of {@code properties} it does not set, the worker-wide default given as the
     * worker JVM's system property {@code mirror.<property>} (e.g. an endpoint every sink of a worker shares, which
     * a peer in SQL cannot express). A connector's own property wins.
     */
    public static Map<Object, Object> withWorkerDefaults(Map<?, ?> originals, java.util.Collection<String> properties) {
        Map<Object, Object> out = new java.util.LinkedHashMap<>(originals);
        for (String key : properties) {
            String value = System.getProperty(WORKER_DEFAULT_PREFIX + key);
            if (value != null && !out.containsKey(key)) {
                out.put(key, value);
            }
        }
        return out;
    }

    /**
     * The defaults a sink chooses for its destination: {@link #MAX_BATCH_BYTES_CONFIG} (how large a write the
     * destination wants, against the heap and the collector's work a large buffer costs) and
     * {@link #FLUSH_IDLE_MS_CONFIG} (a destination that takes small writes cheaply flushes when idle; one that bills
     * or limits each write keeps it off).
     */
    public record Defaults(long maxBatchBytes, long flushIdleMs) {
        /** Large batches, no idle flush: a destination whose every write is a staged load and a merge. */
        public static final Defaults CORE = new Defaults(MAX_BATCH_BYTES_DEFAULT, FLUSH_IDLE_MS_OFF);
    }

    /** Adds the common sink properties to a sink's ConfigDef with {@link Defaults#CORE}. */
    public static ConfigDef addTo(ConfigDef def) {
        return addTo(def, Defaults.CORE);
    }

    /** Adds the common sink properties to a sink's ConfigDef with the sink's own {@code defaults}. */
    public static ConfigDef addTo(ConfigDef def, Defaults defaults) {
        int o = 0;
        def.define(MIRROR_NAME_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                Importance.HIGH, MIRROR_NAME_DOC, GROUP_MIRROR, ++o, Width.MEDIUM, MIRROR_NAME_DISPLAY);
        def.define(TABLE_MAPPING_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, TABLE_MAPPING_VALIDATOR,
                Importance.HIGH, TABLE_MAPPING_DOC, GROUP_MIRROR, ++o, Width.LONG, TABLE_MAPPING_DISPLAY);
        def.define(WRITE_MODE_CONFIG, Type.STRING, WriteMode.UPSERT.configValue(), WRITE_MODE_VALIDATOR,
                Importance.HIGH, WRITE_MODE_DOC, GROUP_MIRROR, ++o, Width.SHORT, WRITE_MODE_DISPLAY);
        def.define(UNIQUE_KEY_COLUMNS_CONFIG, Type.LIST, "", Importance.MEDIUM, UNIQUE_KEY_COLUMNS_DOC,
                GROUP_MIRROR, ++o, Width.LONG, UNIQUE_KEY_COLUMNS_DISPLAY);

        o = 0;
        def.define(SOFT_DELETE_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, SOFT_DELETE_DOC,
                GROUP_ROWS, ++o, Width.SHORT, SOFT_DELETE_DISPLAY);
        def.define(SOFT_DELETE_COLUMN_CONFIG, Type.STRING, SOFT_DELETE_COLUMN_DEFAULT, COLUMN_NAME_VALIDATOR,
                Importance.LOW, SOFT_DELETE_COLUMN_DOC, GROUP_ROWS, ++o, Width.MEDIUM, SOFT_DELETE_COLUMN_DISPLAY);
        def.define(SYNCED_AT_COLUMN_CONFIG, Type.STRING, SYNCED_AT_COLUMN_DEFAULT, COLUMN_NAME_VALIDATOR,
                Importance.LOW, SYNCED_AT_COLUMN_DOC, GROUP_ROWS, ++o, Width.MEDIUM, SYNCED_AT_COLUMN_DISPLAY);
        def.define(VERSION_COLUMN_CONFIG, Type.STRING, VERSION_COLUMN_DEFAULT, COLUMN_NAME_VALIDATOR,
                Importance.LOW, VERSION_COLUMN_DOC, GROUP_ROWS, ++o, Width.MEDIUM, VERSION_COLUMN_DISPLAY);
        def.define(AUTO_CREATE_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, AUTO_CREATE_DOC,
                GROUP_ROWS, ++o, Width.SHORT, AUTO_CREATE_DISPLAY);
        def.define(AUTO_EVOLVE_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, AUTO_EVOLVE_DOC,
                GROUP_ROWS, ++o, Width.SHORT, AUTO_EVOLVE_DISPLAY);

        o = 0;
        def.define(MAX_BATCH_SIZE_CONFIG, Type.INT, MAX_BATCH_SIZE_DEFAULT, ConfigDef.Range.atLeast(1),
                Importance.MEDIUM, MAX_BATCH_SIZE_DOC, GROUP_BATCHING, ++o, Width.SHORT, MAX_BATCH_SIZE_DISPLAY);
        def.define(MAX_BATCH_BYTES_CONFIG, Type.LONG, defaults.maxBatchBytes(), ConfigDef.Range.atLeast(1),
                Importance.LOW, MAX_BATCH_BYTES_DOC, GROUP_BATCHING, ++o, Width.SHORT, MAX_BATCH_BYTES_DISPLAY);
        def.define(FLUSH_INTERVAL_MS_CONFIG, Type.LONG, FLUSH_INTERVAL_MS_DEFAULT, ConfigDef.Range.atLeast(0),
                Importance.MEDIUM, FLUSH_INTERVAL_MS_DOC, GROUP_BATCHING, ++o, Width.SHORT, FLUSH_INTERVAL_MS_DISPLAY);
        def.define(FLUSH_IDLE_MS_CONFIG, Type.LONG, defaults.flushIdleMs(), ConfigDef.Range.atLeast(0),
                Importance.LOW, FLUSH_IDLE_MS_DOC, GROUP_BATCHING, ++o, Width.SHORT, FLUSH_IDLE_MS_DISPLAY);
        def.define(MAX_IN_FLIGHT_WRITES_CONFIG, Type.INT, MAX_IN_FLIGHT_WRITES_DEFAULT, ConfigDef.Range.between(0, 1),
                Importance.LOW, MAX_IN_FLIGHT_WRITES_DOC, GROUP_BATCHING, ++o, Width.SHORT, MAX_IN_FLIGHT_WRITES_DISPLAY);
        def.define(MAX_RETRIES_CONFIG, Type.INT, MAX_RETRIES_DEFAULT, ConfigDef.Range.atLeast(0),
                Importance.LOW, MAX_RETRIES_DOC, GROUP_BATCHING, ++o, Width.SHORT, MAX_RETRIES_DISPLAY);
        def.define(RETRY_BACKOFF_MS_CONFIG, Type.LONG, RETRY_BACKOFF_MS_DEFAULT, ConfigDef.Range.atLeast(0),
                Importance.LOW, RETRY_BACKOFF_MS_DOC, GROUP_BATCHING, ++o, Width.SHORT, RETRY_BACKOFF_MS_DISPLAY);
        def.define(RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, RETRY_BACKOFF_MAX_MS_DEFAULT, ConfigDef.Range.atLeast(0),
                Importance.LOW, RETRY_BACKOFF_MAX_MS_DOC, GROUP_BATCHING, ++o, Width.SHORT, RETRY_BACKOFF_MAX_MS_DISPLAY);
        return def;
    }

    /**
     * Problems that involve more than one property, each naming the property it should be attached to as
     * {@code "<property>: <message>"} (so a connector's {@code validate} can attach it there).
     */
    public final List<String> crossFieldProblems() {
        List<String> out = new ArrayList<>();
        if (getLong(RETRY_BACKOFF_MAX_MS_CONFIG) < getLong(RETRY_BACKOFF_MS_CONFIG)) {
            out.add(RETRY_BACKOFF_MAX_MS_CONFIG + ": must be at least " + RETRY_BACKOFF_MS_CONFIG + " ("
                    + getLong(RETRY_BACKOFF_MS_CONFIG) + ")");
        }
        List<String> special = List.of(softDeleteColumn(), syncedAtColumn(), versionColumn());
        if (special.stream().distinct().count() != special.size()) {
            out.add(VERSION_COLUMN_CONFIG + ": " + SOFT_DELETE_COLUMN_CONFIG + ", " + SYNCED_AT_COLUMN_CONFIG + " and "
                    + VERSION_COLUMN_CONFIG + " must name three different columns, got " + special);
        }
        for (String key : uniqueKeyColumns()) {
            if (special.contains(key)) {
                out.add(UNIQUE_KEY_COLUMNS_CONFIG + ": '" + key + "' is one of the sink's own columns");
            }
        }
        return out;
    }

    public String mirrorName() {
        return getString(MIRROR_NAME_CONFIG);
    }

    /** Topic to destination table, in the order written. */
    public Map<String, TableId> tableMapping() {
        return new LinkedHashMap<>(tableMapping);
    }

    public WriteMode writeMode() {
        return writeMode;
    }

    public List<String> uniqueKeyColumns() {
        List<String> out = new ArrayList<>();
        for (String s : getList(UNIQUE_KEY_COLUMNS_CONFIG)) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    public boolean softDelete() {
        return getBoolean(SOFT_DELETE_CONFIG);
    }

    public String softDeleteColumn() {
        return getString(SOFT_DELETE_COLUMN_CONFIG);
    }

    public String syncedAtColumn() {
        return getString(SYNCED_AT_COLUMN_CONFIG);
    }

    public String versionColumn() {
        return getString(VERSION_COLUMN_CONFIG);
    }

    public boolean autoCreate() {
        return getBoolean(AUTO_CREATE_CONFIG);
    }

    public boolean autoEvolve() {
        return getBoolean(AUTO_EVOLVE_CONFIG);
    }

    public FlushPolicy flushPolicy() {
        return new FlushPolicy(getInt(MAX_BATCH_SIZE_CONFIG), getLong(MAX_BATCH_BYTES_CONFIG), getLong(FLUSH_INTERVAL_MS_CONFIG),
                getLong(FLUSH_IDLE_MS_CONFIG));
    }

    /** 1: a batch is written in the background while the task reads on; 0: the task waits for each write. */
    public int maxInFlightWrites() {
        return getInt(MAX_IN_FLIGHT_WRITES_CONFIG);
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(getInt(MAX_RETRIES_CONFIG), getLong(RETRY_BACKOFF_MS_CONFIG), getLong(RETRY_BACKOFF_MAX_MS_CONFIG));
    }
}
