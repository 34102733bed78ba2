package io.mirrorconnect.it.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One source table of the suite and what happens to it in each phase: its columns (the first is the single-column
 * primary key, of kind {@link ValueKind#INTEGER}), the statements that create it, and the statements of the
 * snapshot, streaming-insert and update/delete phases. Every data statement is a single DML statement whose
 * affected-row count is the number of change records it produces (the driver waits for exactly those).
 *
 * @param group which source mirror carries the table: shapes a source is known to refuse ({@link Phase} failures of
 *              the source stop its whole mirror) get their own group, so they cannot hide the others' results
 */
public record TableShape(String name, String group, List<Column> columns, List<String> create,
                         List<String> snapshot, List<String> streaming, List<String> updates, List<String> deletes) {

    public Column key() {
        return columns.get(0);
    }

    /** The columns the destination must hold (generated columns are not replicated). */
    public List<Column> replicatedColumns() {
        return columns.stream().filter(Column::replicated).collect(Collectors.toList());
    }

    public List<String> statements(Phase phase) {
        switch (phase) {
            case SNAPSHOT:
                return snapshot;
            case STREAMING:
                return streaming;
            default:
                List<String> all = new ArrayList<>(updates);
                all.addAll(deletes);
                return all;
        }
    }

    public static Builder builder(String name, String group) {
        return new Builder(name, group);
    }

    /** Collects a shape's columns, DDL and rows. */
    public static final class Builder {
        private final String name;
        private final String group;
        private final List<Column> columns = new ArrayList<>();
        private final List<String> extraDdl = new ArrayList<>();
        private final List<String> snapshot = new ArrayList<>();
        private final List<String> streaming = new ArrayList<>();
        private final List<String> updates = new ArrayList<>();
        private final List<String> deletes = new ArrayList<>();

        private Builder(String name, String group) {
            this.name = name;
            this.group = group;
        }

        public Builder key(String column) {
            columns.add(Column.scalar(column, "integer", ValueKind.INTEGER));
            return this;
        }

        public Builder column(Column column) {
            columns.add(column);
            return this;
        }

        /** DDL run right after {@code CREATE TABLE} (e.g. {@code ALTER COLUMN … SET STORAGE EXTERNAL}). */
        public Builder ddl(String statement) {
            extraDdl.add(statement);
            return this;
        }

        /** A row of the snapshot: key value and SQL expressions per column (absent columns are NULL). */
        public Builder snapshotRow(int key, Map<String, String> values) {
            snapshot.add(insert(key, values));
            return this;
        }

        /** A row inserted while streaming. */
        public Builder streamingRow(int key, Map<String, String> values) {
            streaming.add(insert(key, values));
            return this;
        }

        /** A statement of the streaming phase other than a row (e.g. {@code ALTER TYPE … ADD VALUE}). */
        public Builder streamingStatement(String sql) {
            streaming.add(sql);
            return this;
        }

        /** An UPDATE of the third phase: {@code SET} clause and {@code WHERE} clause. */
        public Builder update(String set, String where) {
            updates.add("UPDATE " + Sql.table(name) + " SET " + set + " WHERE " + where);
            return this;
        }

        /** A DELETE of the third phase (after the updates) of the rows with these keys. */
        public Builder delete(int... keys) {
            StringBuilder in = new StringBuilder();
            for (int k : keys) {
                in.append(in.length() == 0 ? "" : ", ").append(k);
            }
            deletes.add("DELETE FROM " + Sql.table(name) + " WHERE " + Sql.ident(columns.get(0).name()) + " IN (" + in + ")");
            return this;
        }

        public String keyName() {
            return columns.get(0).name();
        }

        public TableShape build() {
            List<String> create = new ArrayList<>();
            create.add("CREATE TABLE " + Sql.table(name) + " (" + columns.stream().map(Column::definition)
                    .collect(Collectors.joining(", ")) + ", PRIMARY KEY (" + Sql.ident(keyName()) + "))");
            create.addAll(extraDdl);
            return new TableShape(name, group, List.copyOf(columns), create, List.copyOf(snapshot),
                    List.copyOf(streaming), List.copyOf(updates), List.copyOf(deletes));
        }

        private String insert(int key, Map<String, String> values) {
            Map<String, String> all = new LinkedHashMap<>();
            all.put(keyName(), Integer.toString(key));
            for (Column c : columns) {
                if (values.containsKey(c.name())) {
                    all.put(c.name(), values.get(c.name()));
                }
            }
            if (all.size() != values.size() + (values.containsKey(keyName()) ? 0 : 1)) {
                throw new IllegalArgumentException(name + ": unknown column in " + values.keySet());
            }
            return "INSERT INTO " + Sql.table(name) + " (" + all.keySet().stream().map(Sql::ident)
                    .collect(Collectors.joining(", ")) + ") VALUES (" + String.join(", ", all.values()) + ")";
        }
    }
}
