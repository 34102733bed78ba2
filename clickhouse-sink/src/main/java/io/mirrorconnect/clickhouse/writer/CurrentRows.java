package io.mirrorconnect.clickhouse.writer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;

import io.mirrorconnect.clickhouse.rowbinary.RowBinarySlicer;
import io.mirrorconnect.clickhouse.rowbinary.RowBinarySlicer.Slice;
import io.mirrorconnect.clickhouse.schema.ClickHouseType;
import io.mirrorconnect.clickhouse.sql.ClickHouseDml;

/**
 * Reads the destination's current row (the newest version, under FINAL) for a set of keys, as raw RowBinary: one
 * query per chunk of keys, only for the keys whose rows miss values (unchanged TOAST, key-only deletes). Nothing is
 * decoded: each row is split into per-column byte ranges ({@link RowBinarySlicer}), found by the RowBinary bytes of
 * its key, and the writer copies the ranges into its insert. So every value comes back exactly as stored.
 */
final class CurrentRows {
    static final int KEYS_PER_QUERY = 5_000;

    private CurrentRows() {
    }

    /**
     * @param keyColumns   the table's key columns (their record schemas convert the key values to literals)
     * @param keys         normalized Connect key values, in key-column order
     * @param columns      the non-key columns to read
     * @param keyEncoding  the RowBinary bytes of a key in the destination's key column types (how rows are matched)
     * @return the key's RowBinary bytes to column name to the column's RowBinary value
     */
    static Map<ByteBuffer, Map<String, Slice>> fetch(Client client, DestinationTable table,
                                                     List<TableLayout.Column> keyColumns, List<List<Object>> keys,
                                                     List<String> columns, long timeoutMs) {
        List<String> keyNames = keyColumns.stream().map(TableLayout.Column::name).toList();
        List<String> selectList = new ArrayList<>(keyNames);
        selectList.addAll(columns);
        List<ClickHouseType> types = new ArrayList<>(selectList.size());
        for (String c : selectList) {
            types.add(ClickHouseType.parse(table.type(c)));
        }
        RowBinarySlicer slicer = new RowBinarySlicer(types);
        Map<ByteBuffer, Map<String, Slice>> out = new HashMap<>();
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
            for (List<Slice> row : slicer.rows(query(client, sql, timeoutMs))) {
                int keyLength = 0;
                for (int i = 0; i < keyNames.size(); i++) {
                    keyLength += row.get(i).length();
                }
                Slice first = row.get(0);
                ByteBuffer key = ByteBuffer.wrap(first.buffer(), first.offset(), keyLength).slice();
                Map<String, Slice> values = new HashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    values.put(columns.get(i), row.get(keyNames.size() + i));
                }
                out.put(key, values);
            }
        }
        return out;
    }

    private static byte[] query(Client client, String sql, long timeoutMs) {
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.RowBinary);
        try (QueryResponse response = client.query(sql, settings).get(timeoutMs, TimeUnit.MILLISECONDS);
             InputStream in = response.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("reading current rows of the destination failed: " + e.getMessage(), e);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("reading current rows of the destination failed: "
                    + ClickHouseClients.describe(ClickHouseClients.unwrap(e)), ClickHouseClients.unwrap(e));
        }
    }
}
