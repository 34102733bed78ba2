package io.mirrorconnect.clickhouse.writer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.internal.BinaryStreamReader;
import com.clickhouse.client.api.query.GenericRecord;

import io.mirrorconnect.clickhouse.sql.ClickHouseDml;

/**
 * Reads the destination's current row (the newest version, under FINAL) for a set of keys: one query per chunk
 * of keys, only for the keys whose rows miss values (unchanged TOAST, key-only deletes).
 */
final class CurrentRows {
    static final int KEYS_PER_QUERY = 5_000;

    private CurrentRows() {
    }

    /**
     * @param keyColumns the table's key columns (their record schemas convert the key values)
     * @param keys       normalized Connect key values, in key-column order
     * @param columns    the non-key columns to read
     * @return canonical key text ({@link KeyValues#canonical}) to column name to the value the client read
     */
    static Map<List<String>, Map<String, Object>> fetch(Client client, DestinationTable table,
                                                        List<TableLayout.Column> keyColumns, List<List<Object>> keys,
                                                        List<String> columns) {
        List<String> keyNames = keyColumns.stream().map(TableLayout.Column::name).toList();
        Set<String> select = new LinkedHashSet<>(keyNames);
        select.addAll(columns);
        List<String> selectList = new ArrayList<>(select);
        Map<List<String>, Map<String, Object>> out = new HashMap<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
            List<List<Object>> chunk = new ArrayList<>();
            for (List<Object> key : keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY))) {
                List<Object> literal = new ArrayList<>(key.size());
                for (int i = 0; i < key.size(); i++) {
                    literal.add(KeyValues.toLiteralValue(key.get(i), keyColumns.get(i).schema()));
                }
                chunk.add(literal);
            }
            String sql = ClickHouseDml.selectLatestByKeyLiterals(table.database(), table.table(), keyNames, selectList, chunk);
            List<GenericRecord> rows = client.queryAll(sql);
            for (GenericRecord r : rows) {
                List<Object> key = new ArrayList<>(keyNames.size());
                for (String k : keyNames) {
                    key.add(r.getObject(k));
                }
                Map<String, Object> values = new HashMap<>();
                for (String c : columns) {
                    values.put(c, plain(r.getObject(c)));
                }
                out.put(KeyValues.canonical(key), values);
            }
        }
        return out;
    }

    private static Object plain(Object v) {
        return v instanceof BinaryStreamReader.ArrayValue a ? a.asList() : v;
    }
}
