package io.mirrorconnect.pgcdc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.types.SpecialValuePolicy;

/**
 * Configuration of the Postgres CDC source. Property names are the ones mirror-ddl emits
 * (docs/compiled-configs.md, "Source: CDC mirror").
 */
public class PgCdcSourceConfig extends AbstractConfig {
    public static final String GROUP_CONNECTION = "Connection";
    public static final String GROUP_TABLES = "Tables";
    public static final String GROUP_REPLICATION = "Replication";
    public static final String GROUP_SNAPSHOT = "Snapshot";

    public static final String MIRROR_NAME_CONFIG = "mirror.name";
    public static final String MIRROR_NAME_DOC = "Name of the mirror. Identifies the connector's source offsets and "
            + "is the default for the topic prefix, publication and slot names.";
    public static final String MIRROR_NAME_DISPLAY = "Mirror name";

    public static final String HOSTNAME_CONFIG = "database.hostname";
    public static final String HOSTNAME_DOC = "Host name or IP address of the Postgres server.";
    public static final String HOSTNAME_DISPLAY = "Host";

    public static final String PORT_CONFIG = "database.port";
    public static final String PORT_DOC = "TCP port of the Postgres server.";
    public static final String PORT_DISPLAY = "Port";

    public static final String USER_CONFIG = "database.user";
    public static final String USER_DOC = "Postgres user. Needs the REPLICATION attribute, SELECT on the mirrored tables "
            + "and, when the connector creates the publication, CREATE on the database (and ownership of the tables).";
    public static final String USER_DISPLAY = "User";

    public static final String PASSWORD_CONFIG = "database.password";
    public static final String PASSWORD_DOC = "Password of the Postgres user. Config-provider placeholders "
            + "(${provider:path:key}) are resolved by the worker.";
    public static final String PASSWORD_DISPLAY = "Password";

    public static final String DBNAME_CONFIG = "database.dbname";
    public static final String DBNAME_DOC = "Database that holds the mirrored tables.";
    public static final String DBNAME_DISPLAY = "Database";

    public static final String SSLMODE_CONFIG = "database.sslmode";
    public static final String SSLMODE_DOC = "TLS mode, as libpq/pgjdbc spell it: disable, allow, prefer, require, "
            + "verify-ca, verify-full.";
    public static final String SSLMODE_DISPLAY = "SSL mode";
    public static final List<String> SSLMODES = List.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");

    public static final String SSLROOTCERT_CONFIG = "database.sslrootcert";
    public static final String SSLROOTCERT_DOC = "Root CA for verify-ca/verify-full: PEM text (starting with "
            + "-----BEGIN) or the path of a PEM file on the worker.";
    public static final String SSLROOTCERT_DISPLAY = "SSL root certificate";

    public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
    public static final String TOPIC_PREFIX_DOC = "Records of table schema.table go to topic <prefix>.<schema>.<table> "
            + "(characters outside [A-Za-z0-9._-] become '_'). Defaults to the mirror name.";
    public static final String TOPIC_PREFIX_DISPLAY = "Topic prefix";

    public static final String TABLE_INCLUDE_LIST_CONFIG = "table.include.list";
    public static final String TABLE_INCLUDE_LIST_DOC = "Comma-separated tables to mirror, each schema.table "
            + "(parts may be double-quoted). Every table needs a primary key or REPLICA IDENTITY FULL.";
    public static final String TABLE_INCLUDE_LIST_DISPLAY = "Tables";

    public static final String COLUMN_EXCLUDE_LIST_CONFIG = "column.exclude.list";
    public static final String COLUMN_EXCLUDE_LIST_DOC = "Comma-separated columns left out of the records, each "
            + "schema.table.column. Primary-key columns cannot be excluded.";
    public static final String COLUMN_EXCLUDE_LIST_DISPLAY = "Excluded columns";

    public static final String SPECIAL_VALUES_CONFIG = "special.values";
    public static final String SPECIAL_VALUES_DOC = "What to do with a value the column's Connect type cannot hold: "
            + "NaN in a numeric(p,s) column (a Connect Decimal), infinity/-infinity in date and timestamp columns "
            + "(also as array elements), and an array value whose dimensions differ from its column's declared ones. "
            + "'fail' stops the task with an error naming table, column and value; 'null' writes null and logs a "
            + "warning once per column. Key columns always fail. See docs/pg-types.md.";
    public static final String SPECIAL_VALUES_DISPLAY = "Special values";

    public static final String TOMBSTONES_ON_DELETE_CONFIG = "tombstones.on.delete";
    public static final String TOMBSTONES_ON_DELETE_DOC = "After each delete record, also write a tombstone (same "
            + "key, null value) so that a compacted topic can drop the key. Mirror Connect sinks skip tombstones. "
            + "Tables without a key get no tombstone.";
    public static final String TOMBSTONES_ON_DELETE_DISPLAY = "Tombstones after deletes";

    public static final String PUBLICATION_NAME_CONFIG = "publication.name";
    public static final String PUBLICATION_NAME_DOC = "Publication to stream. Created FOR TABLE <tables> WITH "
            + "(publish_via_partition_root = true) when absent; an existing publication is used as it is and must "
            + "cover the tables. Defaults to mirrorconnect_pub_<mirror>.";
    public static final String PUBLICATION_NAME_DISPLAY = "Publication";

    public static final String SLOT_NAME_CONFIG = "slot.name";
    public static final String SLOT_NAME_DOC = "Logical replication slot (pgoutput). Created when absent; an "
            + "existing slot is resumed. Defaults to mirrorconnect_slot_<mirror>.";
    public static final String SLOT_NAME_DISPLAY = "Replication slot";

    public static final String SNAPSHOT_ENABLED_CONFIG = "snapshot.enabled";
    public static final String SNAPSHOT_ENABLED_DOC = "Copy the tables' existing rows (initial snapshot) before "
            + "streaming changes.";
    public static final String SNAPSHOT_ENABLED_DISPLAY = "Initial copy";

    public static final String SNAPSHOT_ROWS_PER_PARTITION_CONFIG = "snapshot.rows.per.partition";
    public static final String SNAPSHOT_ROWS_PER_PARTITION_DOC = "Target rows per snapshot partition (a CTID block "
            + "range, sized from the planner's statistics).";
    public static final String SNAPSHOT_ROWS_PER_PARTITION_DISPLAY = "Rows per partition";

    public static final String SNAPSHOT_MAX_PARALLEL_WORKERS_CONFIG = "snapshot.max.parallel.workers";
    public static final String SNAPSHOT_MAX_PARALLEL_WORKERS_DOC = "Partitions of one table read in parallel, each "
            + "over its own database connection. Per task: with tasks.max > 1 the snapshot is spread over the tasks "
            + "and each runs this many readers (docs/pg-cdc-source.md, \"Spreading the snapshot\").";
    public static final String SNAPSHOT_MAX_PARALLEL_WORKERS_DISPLAY = "Workers per table";

    public static final String SNAPSHOT_COPY_FORMAT_CONFIG = "snapshot.copy.format";
    public static final String SNAPSHOT_COPY_FORMAT_DOC = "How snapshot partitions are read. 'binary' (default): "
            + "COPY ... (FORMAT binary) with a binary decoder per type; columns of types without one (inet, cidr, "
            + "\"char\", ranges, geometric, composite and extension types, arrays of those) are selected as "
            + "text. 'text': COPY in the text format, every value parsed from its text (the way before binary; a "
            + "fallback). Both give the same records. See docs/pg-cdc-source.md.";
    public static final String SNAPSHOT_COPY_FORMAT_DISPLAY = "Snapshot COPY format";

    public static final String SNAPSHOT_TABLES_IN_PARALLEL_CONFIG = "snapshot.tables.in.parallel";
    public static final String SNAPSHOT_TABLES_IN_PARALLEL_DOC = "Tables snapshotted at the same time (per task).";
    public static final String SNAPSHOT_TABLES_IN_PARALLEL_DISPLAY = "Tables in parallel";

    public static final String MAX_BATCH_SIZE_CONFIG = "max.batch.size";
    public static final String MAX_BATCH_SIZE_DOC = "Most records returned by one poll(). A poll never returns more than 5,000 "
            + "(larger values act as 5,000), so that Connect converts and sends records while the source reads on.";
    public static final String MAX_BATCH_SIZE_DISPLAY = "Max batch size";

    public static final String HEARTBEAT_INTERVAL_MS_CONFIG = "heartbeat.interval.ms";
    public static final String HEARTBEAT_INTERVAL_MS_DOC = "How often to write a heartbeat into the WAL "
            + "(pg_logical_emit_message) so the slot's confirmed position advances while the mirrored tables are idle. "
            + "0 disables heartbeats.";
    public static final String HEARTBEAT_INTERVAL_MS_DISPLAY = "Heartbeat interval (ms)";

    public static final String STATUS_INTERVAL_MS_CONFIG = "status.interval.ms";
    public static final String STATUS_INTERVAL_MS_DOC = "How often a standby status update (received/flushed LSN) "
            + "is sent to the server.";
    public static final String STATUS_INTERVAL_MS_DISPLAY = "Status update interval (ms)";

    public static final ConfigDef CONFIG_DEF = configDef();

    private final List<TableId> tables;
    private final Map<TableId, Set<String>> excludedColumns;

    public PgCdcSourceConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
        this.tables = parseTables(getString(TABLE_INCLUDE_LIST_CONFIG));
        this.excludedColumns = parseExcludes(getString(COLUMN_EXCLUDE_LIST_CONFIG), tables);
    }

    public static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        int o = 0;
        def.define(MIRROR_NAME_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                Importance.HIGH, MIRROR_NAME_DOC, GROUP_REPLICATION, ++o, Width.MEDIUM, MIRROR_NAME_DISPLAY);
        o = 0;
        def.define(HOSTNAME_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                Importance.HIGH, HOSTNAME_DOC, GROUP_CONNECTION, ++o, Width.MEDIUM, HOSTNAME_DISPLAY);
        def.define(PORT_CONFIG, Type.INT, 5432, ConfigDef.Range.between(1, 65535), Importance.HIGH, PORT_DOC,
                GROUP_CONNECTION, ++o, Width.SHORT, PORT_DISPLAY);
        def.define(DBNAME_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                Importance.HIGH, DBNAME_DOC, GROUP_CONNECTION, ++o, Width.MEDIUM, DBNAME_DISPLAY);
        def.define(USER_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                Importance.HIGH, USER_DOC, GROUP_CONNECTION, ++o, Width.MEDIUM, USER_DISPLAY);
        def.define(PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH, PASSWORD_DOC, GROUP_CONNECTION, ++o,
                Width.MEDIUM, PASSWORD_DISPLAY);
        def.define(SSLMODE_CONFIG, Type.STRING, "prefer", ConfigDef.ValidString.in(SSLMODES.toArray(new String[0])),
                Importance.MEDIUM, SSLMODE_DOC, GROUP_CONNECTION, ++o, Width.SHORT, SSLMODE_DISPLAY,
                new FixedRecommender(SSLMODES));
        def.define(SSLROOTCERT_CONFIG, Type.STRING, null, Importance.LOW, SSLROOTCERT_DOC, GROUP_CONNECTION, ++o,
                Width.LONG, SSLROOTCERT_DISPLAY);
        o = 0;
        def.define(TABLE_INCLUDE_LIST_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new TableListValidator(),
                Importance.HIGH, TABLE_INCLUDE_LIST_DOC, GROUP_TABLES, ++o, Width.LONG, TABLE_INCLUDE_LIST_DISPLAY);
        def.define(COLUMN_EXCLUDE_LIST_CONFIG, Type.STRING, "", Importance.MEDIUM, COLUMN_EXCLUDE_LIST_DOC,
                GROUP_TABLES, ++o, Width.LONG, COLUMN_EXCLUDE_LIST_DISPLAY);
        def.define(TOPIC_PREFIX_CONFIG, Type.STRING, null, Importance.MEDIUM, TOPIC_PREFIX_DOC, GROUP_TABLES, ++o,
                Width.MEDIUM, TOPIC_PREFIX_DISPLAY);
        o = 1;
        def.define(SPECIAL_VALUES_CONFIG, Type.STRING, "fail", ConfigDef.CaseInsensitiveValidString.in("fail", "null"),
                Importance.LOW, SPECIAL_VALUES_DOC, GROUP_TABLES, ++o, Width.SHORT, SPECIAL_VALUES_DISPLAY);
        def.define(TOMBSTONES_ON_DELETE_CONFIG, Type.BOOLEAN, false, Importance.LOW, TOMBSTONES_ON_DELETE_DOC,
                GROUP_TABLES, ++o, Width.SHORT, TOMBSTONES_ON_DELETE_DISPLAY);
        def.define(PUBLICATION_NAME_CONFIG, Type.STRING, null, Importance.MEDIUM, PUBLICATION_NAME_DOC,
                GROUP_REPLICATION, ++o, Width.MEDIUM, PUBLICATION_NAME_DISPLAY);
        def.define(SLOT_NAME_CONFIG, Type.STRING, null, new SlotNameValidator(), Importance.MEDIUM, SLOT_NAME_DOC,
                GROUP_REPLICATION, ++o, Width.MEDIUM, SLOT_NAME_DISPLAY);
        def.define(MAX_BATCH_SIZE_CONFIG, Type.INT, 250_000, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                MAX_BATCH_SIZE_DOC, GROUP_REPLICATION, ++o, Width.SHORT, MAX_BATCH_SIZE_DISPLAY);
        def.define(HEARTBEAT_INTERVAL_MS_CONFIG, Type.LONG, 60_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                HEARTBEAT_INTERVAL_MS_DOC, GROUP_REPLICATION, ++o, Width.SHORT, HEARTBEAT_INTERVAL_MS_DISPLAY);
        def.define(STATUS_INTERVAL_MS_CONFIG, Type.LONG, 10_000L, ConfigDef.Range.atLeast(100), Importance.LOW,
                STATUS_INTERVAL_MS_DOC, GROUP_REPLICATION, ++o, Width.SHORT, STATUS_INTERVAL_MS_DISPLAY);
        o = 0;
        def.define(SNAPSHOT_ENABLED_CONFIG, Type.BOOLEAN, true, Importance.HIGH, SNAPSHOT_ENABLED_DOC,
                GROUP_SNAPSHOT, ++o, Width.SHORT, SNAPSHOT_ENABLED_DISPLAY);
        def.define(SNAPSHOT_ROWS_PER_PARTITION_CONFIG, Type.LONG, 250_000L, ConfigDef.Range.atLeast(1),
                Importance.MEDIUM, SNAPSHOT_ROWS_PER_PARTITION_DOC, GROUP_SNAPSHOT, ++o, Width.SHORT,
                SNAPSHOT_ROWS_PER_PARTITION_DISPLAY);
        def.define(SNAPSHOT_MAX_PARALLEL_WORKERS_CONFIG, Type.INT, 8, ConfigDef.Range.between(1, 64),
                Importance.MEDIUM, SNAPSHOT_MAX_PARALLEL_WORKERS_DOC, GROUP_SNAPSHOT, ++o, Width.SHORT,
                SNAPSHOT_MAX_PARALLEL_WORKERS_DISPLAY);
        def.define(SNAPSHOT_TABLES_IN_PARALLEL_CONFIG, Type.INT, 1, ConfigDef.Range.between(1, 64),
                Importance.MEDIUM, SNAPSHOT_TABLES_IN_PARALLEL_DOC, GROUP_SNAPSHOT, ++o, Width.SHORT,
                SNAPSHOT_TABLES_IN_PARALLEL_DISPLAY);
        def.define(SNAPSHOT_COPY_FORMAT_CONFIG, Type.STRING, "binary",
                ConfigDef.CaseInsensitiveValidString.in("binary", "text"), Importance.LOW, SNAPSHOT_COPY_FORMAT_DOC,
                GROUP_SNAPSHOT, ++o, Width.SHORT, SNAPSHOT_COPY_FORMAT_DISPLAY);
        return def;
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

    public String topicPrefix() {
        String p = getString(TOPIC_PREFIX_CONFIG);
        return p == null || p.isBlank() ? mirrorName() : p;
    }

    public SpecialValuePolicy specialValues() {
        return SpecialValuePolicy.parse(getString(SPECIAL_VALUES_CONFIG));
    }

    public boolean tombstonesOnDelete() {
        return getBoolean(TOMBSTONES_ON_DELETE_CONFIG);
    }

    public List<TableId> tables() {
        return tables;
    }

    /** Excluded column names of one table (never null). */
    public Set<String> excludedColumns(TableId table) {
        return excludedColumns.getOrDefault(table, Set.of());
    }

    public String publicationName() {
        String p = getString(PUBLICATION_NAME_CONFIG);
        return p == null || p.isBlank() ? "mirrorconnect_pub_" + mirrorName() : p;
    }

    /** True when the user named the publication (then it is used as it is, never altered). */
    public boolean publicationUserSupplied() {
        String p = getString(PUBLICATION_NAME_CONFIG);
        return p != null && !p.isBlank();
    }

    public String slotName() {
        String s = getString(SLOT_NAME_CONFIG);
        return s == null || s.isBlank() ? defaultSlotName(mirrorName()) : s;
    }

    /** Slot names allow only lower-case letters, digits and '_'; the mirror name is folded into that alphabet. */
    static String defaultSlotName(String mirror) {
        StringBuilder sb = new StringBuilder("mirrorconnect_slot_");
        for (char c : mirror.toLowerCase(Locale.ROOT).toCharArray()) {
            sb.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
        }
        return sb.length() > 63 ? sb.substring(0, 63) : sb.toString();
    }

    public boolean snapshotEnabled() {
        return getBoolean(SNAPSHOT_ENABLED_CONFIG);
    }

    public long snapshotRowsPerPartition() {
        return getLong(SNAPSHOT_ROWS_PER_PARTITION_CONFIG);
    }

    public int snapshotWorkersPerTable() {
        return getInt(SNAPSHOT_MAX_PARALLEL_WORKERS_CONFIG);
    }

    public io.mirrorconnect.pgcdc.snapshot.SnapshotCopyFormat snapshotCopyFormat() {
        return io.mirrorconnect.pgcdc.snapshot.SnapshotCopyFormat.parse(getString(SNAPSHOT_COPY_FORMAT_CONFIG));
    }

    public int snapshotTablesInParallel() {
        return getInt(SNAPSHOT_TABLES_IN_PARALLEL_CONFIG);
    }

    public int maxBatchSize() {
        return getInt(MAX_BATCH_SIZE_CONFIG);
    }

    public long heartbeatIntervalMs() {
        return getLong(HEARTBEAT_INTERVAL_MS_CONFIG);
    }

    public long statusIntervalMs() {
        return getLong(STATUS_INTERVAL_MS_CONFIG);
    }

    /** Connect's property giving the partition count of the topics it creates for this connector. */
    public static final String TOPIC_PARTITIONS_CONFIG = "topic.creation.default.partitions";

    /**
     * The partition count of the mirror's topics, read from Connect's {@code topic.creation.default.partitions}
     * (which mirror-ddl compiles from the mirror's {@code topic_partitions}): a truncate is sent to each partition.
     * 1 when it is not set, or -1 (the broker's default, which the task cannot know).
     */
    public int topicPartitions() {
        Object v = originals().get(TOPIC_PARTITIONS_CONFIG);
        if (v == null || v.toString().isBlank()) {
            return 1;
        }
        int n;
        try {
            n = Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(TOPIC_PARTITIONS_CONFIG, v, "not a number");
        }
        if (n == -1) {
            return 1;
        }
        if (n < 1) {
            throw new ConfigException(TOPIC_PARTITIONS_CONFIG, v, "must be at least 1 (or -1, the broker's default)");
        }
        return n;
    }

    static List<TableId> parseTables(String text) {
        List<TableId> out = new ArrayList<>();
        for (TableId t : TableId.parseList(text == null ? "" : text)) {
            if (t.schema() == null) {
                throw new ConfigException(TABLE_INCLUDE_LIST_CONFIG, text,
                        "table '" + t + "' has no schema; write schema.table, e.g. public." + t);
            }
            if (out.contains(t)) {
                throw new ConfigException(TABLE_INCLUDE_LIST_CONFIG, text, "table " + t + " is listed twice");
            }
            out.add(t);
        }
        if (out.isEmpty()) {
            throw new ConfigException(TABLE_INCLUDE_LIST_CONFIG, text, "no table to mirror");
        }
        return Collections.unmodifiableList(out);
    }

    static Map<TableId, Set<String>> parseExcludes(String text, List<TableId> tables) {
        Map<TableId, Set<String>> out = new LinkedHashMap<>();
        for (String item : TableId.splitTopLevel(text == null ? "" : text, ',')) {
            if (item.isBlank()) {
                continue;
            }
            List<String> parts;
            try {
                parts = TableId.splitQualified(item.trim(), item.trim());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(COLUMN_EXCLUDE_LIST_CONFIG, text, e.getMessage());
            }
            if (parts.size() != 3) {
                throw new ConfigException(COLUMN_EXCLUDE_LIST_CONFIG, text,
                        "'" + item.trim() + "' is not schema.table.column");
            }
            TableId t = TableId.of(parts.get(0), parts.get(1));
            if (!tables.contains(t)) {
                throw new ConfigException(COLUMN_EXCLUDE_LIST_CONFIG, text, "column '" + item.trim()
                        + "' belongs to table " + t + ", which is not in " + TABLE_INCLUDE_LIST_CONFIG);
            }
            out.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(parts.get(2));
        }
        Map<TableId, Set<String>> frozen = new LinkedHashMap<>();
        out.forEach((k, v) -> frozen.put(k, Collections.unmodifiableSet(v)));
        return Collections.unmodifiableMap(frozen);
    }

    /** Validates the table list's syntax at config time. */
    static final class TableListValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                throw new ConfigException(name, null, "no table to mirror");
            }
            try {
                parseTables((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "comma-separated schema.table names";
        }
    }

    /** Postgres slot names: 1-63 characters of lower-case letters, digits and underscores. */
    static final class SlotNameValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || ((String) value).isBlank()) {
                return;
            }
            String s = (String) value;
            if (s.length() > 63 || !s.matches("[a-z0-9_]+")) {
                throw new ConfigException(name, value,
                        "a replication slot name has 1-63 characters among lower-case letters, digits and '_'");
            }
        }

        @Override
        public String toString() {
            return "[a-z0-9_]{1,63}";
        }
    }

    static final class FixedRecommender implements ConfigDef.Recommender {
        private final List<Object> values;

        FixedRecommender(List<String> values) {
            this.values = List.copyOf(values);
        }

        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            return values;
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            return true;
        }
    }
}
