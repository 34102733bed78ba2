package io.mirrorconnect.it.fidelity;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mirrorconnect.it.fixtures.FakesnowFixture;

/**
 * The suite's Snowflake adapter, against fakesnow (in-memory server, shared by the sinks and this reader): one
 * database per delete mode, tables in {@code PUBLIC}. Reads every column so that nothing is decoded on the way:
 * BINARY as {@code HEX_ENCODE}, dates and times through {@code TO_VARCHAR} with an explicit format, numbers and
 * text as the driver's text, VARIANT/ARRAY as their JSON text (numbers read as exact decimals), then renders them
 * like Postgres prints them.
 */
public final class SnowflakeFidelityDestination implements FidelityDestination {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    private static final String SOFT_DELETE_COLUMN = "_PEERDB_IS_DELETED";

    private final FakesnowFixture fakesnow;
    private final Map<DeleteMode, String> databases = new EnumMap<>(DeleteMode.class);

    public SnowflakeFidelityDestination(FakesnowFixture fakesnow) {
        this.fakesnow = fakesnow;
        databases.put(DeleteMode.SOFT, "FID_SOFT");
        databases.put(DeleteMode.HARD, "FID_HARD");
    }

    @Override
    public String name() {
        return "snowflake";
    }

    @Override
    public String pluginModule() {
        return "snowflake-sink";
    }

    @Override
    public Map<String, String> sinkConfig(DeleteMode mode) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "io.mirrorconnect.snowflake.SnowflakeSinkConnector");
        c.putAll(fakesnow.sinkConnection(databases.get(mode)));
        return c;
    }

    @Override
    public Representation representation() {
        return SnowflakeRepresentation.fakesnow();
    }

    @Override
    public DestinationRows read(TableShape shape, DeleteMode mode, RowView view) {
        String db = databases.get(mode);
        Map<String, String> types = new LinkedHashMap<>();
        for (List<String> row : fakesnow.query(db, "SELECT COLUMN_NAME, DATA_TYPE FROM " + ident(db)
                + ".INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = " + str(shape.name())
                + " ORDER BY ORDINAL_POSITION")) {
            types.put(row.get(0), row.get(1).toUpperCase(Locale.ROOT));
        }
        if (types.isEmpty()) {
            return DestinationRows.missingTable();
        }
        List<Column> present = new ArrayList<>();
        for (Column c : shape.replicatedColumns()) {
            if (types.containsKey(c.name())) {
                present.add(c);
            }
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < present.size(); i++) {
            Column c = present.get(i);
            sql.append(i == 0 ? "" : ", ").append(render(types.get(c.name()), ident(c.name()))).append(" AS ").append(ident("v" + i));
        }
        sql.append(" FROM ").append(ident(db)).append(".\"PUBLIC\".").append(ident(shape.name()));
        if (mode.softDelete()) {
            sql.append(" WHERE ").append(ident(SOFT_DELETE_COLUMN)).append(view == RowView.SOFT_DELETED ? " = TRUE" : " = FALSE");
        }
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (List<String> cells : fakesnow.query(db, sql.toString())) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < present.size(); i++) {
                Column c = present.get(i);
                row.put(c.name(), decode(c, types.get(c.name()), cells.get(i)));
            }
            rows.put((String) row.get(shape.key().name()), row);
        }
        Set<String> columns = new LinkedHashSet<>();
        present.forEach(c -> columns.add(c.name()));
        return new DestinationRows(true, columns, rows);
    }

    /** A Snowflake expression giving the column's value as text without decoding anything. */
    static String render(String type, String expr) {
        switch (type) {
            case "BINARY":
                return "HEX_ENCODE(" + expr + ")";
            case "DATE":
                return "TO_VARCHAR(" + expr + ", 'YYYY-MM-DD')";
            case "TIME":
                return "TO_VARCHAR(" + expr + ", 'HH24:MI:SS.FF6')";
            case "TIMESTAMP_NTZ":
                return "TO_VARCHAR(" + expr + ", 'YYYY-MM-DD HH24:MI:SS.FF6')";
            case "TIMESTAMP_TZ":
                return "TO_VARCHAR(" + expr + ", 'YYYY-MM-DD HH24:MI:SS.FF6TZH:TZM')";
            default:
                return expr; // NUMBER, FLOAT, BOOLEAN, TEXT: the driver's text; VARIANT/ARRAY/OBJECT: JSON text
        }
    }

    static Object decode(Column column, String type, String cell) {
        if (cell == null) {
            return null;
        }
        if (type.equals("VARIANT") || type.equals("ARRAY") || type.equals("OBJECT")) {
            if (SnowflakeRepresentation.isJson(column) && !column.isArray()) {
                return SnowflakeRepresentation.canonicalJson(cell);
            }
            try {
                return fromJson(column, JSON.readTree(cell));
            } catch (Exception e) {
                throw new IllegalStateException("unreadable " + type + " " + cell, e);
            }
        }
        if (type.equals("BINARY")) {
            return "\\x" + cell.toLowerCase(Locale.ROOT);
        }
        return cell;
    }

    private static Object fromJson(Column column, JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (column.kind() == ValueKind.HSTORE && node.isObject()) {
            Map<String, String> out = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                out.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText());
            }
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            node.forEach(e -> out.add(fromJson(column, e)));
            return out;
        }
        if (SnowflakeRepresentation.isJson(column)) {
            return SnowflakeRepresentation.canonicalJson(node.toString());
        }
        if (node.isNumber()) {
            return node.isIntegralNumber() ? node.bigIntegerValue().toString() : node.decimalValue().toString();
        }
        if (column.kind() == ValueKind.BYTEA) {
            return "\\x" + node.asText().toLowerCase(Locale.ROOT);
        }
        return node.asText();
    }

    static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String str(String value) {
        return '\'' + value.replace("\\", "\\\\").replace("'", "''") + '\'';
    }
}
