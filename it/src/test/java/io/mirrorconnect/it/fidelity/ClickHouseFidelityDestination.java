package io.mirrorconnect.it.fidelity;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mirrorconnect.it.fixtures.ClickHouseFixture;

/**
 * The suite's ClickHouse adapter: one database per delete mode; reads the current rows with {@code FINAL}
 * ({@code _PEERDB_IS_DELETED = 0}, or {@code = 1} for the soft-deleted view). Every value is read as the hex of
 * its bytes ({@code hex(col)} for {@code String}, {@code hex(toString(col))} otherwise; arrays and maps as JSON of
 * such hex strings), then decoded here: binary data is never read as text, and text is decoded as strict UTF-8 (an
 * invalid sequence shows up as a mismatch instead of a replacement character).
 */
public final class ClickHouseFidelityDestination implements FidelityDestination {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOFT_DELETE_COLUMN = "_PEERDB_IS_DELETED";

    private final ClickHouseFixture clickhouse;
    private final Map<DeleteMode, String> databases = new EnumMap<>(DeleteMode.class);
    private final Representation representation = new ClickHouseRepresentation();

    public ClickHouseFidelityDestination(ClickHouseFixture clickhouse) {
        this.clickhouse = clickhouse;
        databases.put(DeleteMode.SOFT, clickhouse.createDatabase("fid_soft"));
        databases.put(DeleteMode.HARD, clickhouse.createDatabase("fid_hard"));
    }

    @Override
    public String name() {
        return "clickhouse";
    }

    @Override
    public String pluginModule() {
        return "clickhouse-sink";
    }

    @Override
    public Map<String, String> sinkConfig(DeleteMode mode) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "io.mirrorconnect.clickhouse.ClickHouseSinkConnector");
        c.putAll(clickhouse.sinkConnection(databases.get(mode)));
        // the representation's NULL array/map → []/{} (the default, stated so the suite says what it checks)
        c.put("null.collections", "empty");
        return c;
    }

    @Override
    public Representation representation() {
        return representation;
    }

    @Override
    public DestinationRows read(TableShape shape, DeleteMode mode, RowView view) {
        String database = databases.get(mode);
        Map<String, String> types = new LinkedHashMap<>();
        for (List<String> row : clickhouse.query("SELECT name, type FROM system.columns WHERE database = "
                + str(database) + " AND table = " + str(shape.name()) + " ORDER BY position")) {
            types.put(row.get(0), row.get(1));
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
        if (!present.contains(shape.key())) {
            throw new IllegalStateException(shape.name() + " in ClickHouse has no key column " + shape.key().name());
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < present.size(); i++) {
            Column c = present.get(i);
            sql.append(i == 0 ? "" : ", ").append(render(types.get(c.name()), ident(c.name()), c, 0));
        }
        sql.append(" FROM ").append(ident(database)).append('.').append(ident(shape.name())).append(" FINAL WHERE ")
                .append(ident(SOFT_DELETE_COLUMN)).append(view == RowView.SOFT_DELETED ? " = 1" : " = 0");
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (List<String> cells : clickhouse.query(sql.toString())) {
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

    /**
     * A ClickHouse expression giving a column's value as text: a scalar as the hex of its bytes (NULL stays NULL);
     * arrays and maps as JSON whose strings are such hex.
     */
    static String render(String type, String expr, Column column, int depth) {
        String t = unwrap(type);
        if (t.startsWith("Array(")) {
            String element = t.substring("Array(".length(), t.length() - 1);
            String x = "x" + depth;
            return "concat('[', arrayStringConcat(arrayMap(" + x + " -> " + jsonElement(element, x, column, depth + 1)
                    + ", " + expr + "), ','), ']')";
        }
        if (t.startsWith("Map(")) {
            return "concat('{', arrayStringConcat(arrayMap((k, v) -> concat('\"', hex(k), '\":', if(isNull(v), 'null', "
                    + "concat('\"', hex(v), '\"'))), mapKeys(" + expr + "), mapValues(" + expr + ")), ','), '}')";
        }
        return "hex(" + scalarText(t, expr, column) + ")";
    }

    private static String jsonElement(String type, String x, Column column, int depth) {
        String t = unwrap(type);
        if (t.startsWith("Array(")) {
            return render(t, x, column, depth);
        }
        return "if(isNull(" + x + "), 'null', concat('\"', hex(" + scalarText(t, x, column) + "), '\"'))";
    }

    /** The value as ClickHouse text: String as its bytes, timestamptz with its UTC offset, else toString. */
    private static String scalarText(String type, String expr, Column column) {
        if (type.equals("String") || type.startsWith("FixedString(")) {
            return expr;
        }
        if (column.kind() == ValueKind.TIMESTAMPTZ && type.startsWith("DateTime64(")) {
            return "concat(toString(" + expr + ", 'UTC'), '+00')";
        }
        return "toString(" + expr + ")";
    }

    private static String unwrap(String type) {
        String t = type;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String wrapper : new String[] {"Nullable(", "LowCardinality("}) {
                if (t.startsWith(wrapper)) {
                    t = t.substring(wrapper.length(), t.length() - 1);
                    changed = true;
                }
            }
        }
        return t;
    }

    /** A cell of {@link #render}'s output as a canonical value. */
    static Object decode(Column column, String type, String cell) {
        if (cell == null) {
            return null;
        }
        String t = unwrap(type);
        if (t.startsWith("Array(") || t.startsWith("Map(")) {
            try {
                return fromJson(column, JSON.readTree(cell));
            } catch (Exception e) {
                throw new IllegalStateException("unreadable " + type + " rendering " + cell, e);
            }
        }
        return fromHex(column, cell);
    }

    private static Object fromJson(Column column, JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            node.forEach(e -> out.add(fromJson(column, e)));
            return out;
        }
        if (node.isObject()) {
            Map<String, String> out = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                out.put(utf8(HexFormat.of().parseHex(f.getKey())),
                        f.getValue().isNull() ? null : utf8(HexFormat.of().parseHex(f.getValue().asText())));
            }
            return out;
        }
        return fromHex(column, node.asText());
    }

    private static String fromHex(Column column, String hex) {
        if (column.kind() == ValueKind.BYTEA) {
            return "\\x" + hex.toLowerCase(java.util.Locale.ROOT);
        }
        return utf8(HexFormat.of().parseHex(hex));
    }

    /** Strict UTF-8; bytes that are not valid UTF-8 come back as a marker naming them (a mismatch, never hidden). */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            String hex = HexFormat.of().formatHex(bytes);
            return "<not UTF-8, " + bytes.length + " bytes: " + (hex.length() > 64 ? hex.substring(0, 64) + "…" : hex) + ">";
        }
    }

    /** A ClickHouse identifier in backticks (backslash and backtick escaped). */
    static String ident(String name) {
        return '`' + name.replace("\\", "\\\\").replace("`", "\\`") + '`';
    }

    /** A ClickHouse string literal (backslash and quote escaped). */
    static String str(String value) {
        return '\'' + value.replace("\\", "\\\\").replace("'", "\\'") + '\'';
    }
}
