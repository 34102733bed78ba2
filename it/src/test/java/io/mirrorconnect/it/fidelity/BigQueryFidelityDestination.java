package io.mirrorconnect.it.fidelity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mirrorconnect.it.fixtures.BigQueryEmulatorFixture;

/**
 * The suite's BigQuery adapter (bqemulator): one dataset per delete mode; reads the current rows through the REST
 * API ({@code NOT _PEERDB_IS_DELETED}, or the soft-deleted ones). Each value is read in a form that keeps it exact:
 * BYTES as base64 (decoded here, never read as text), numbers and times cast to text or formatted to the
 * microsecond, JSON and hstore as JSON text, REPEATED columns as lists whose elements are rendered by type here.
 */
public final class BigQueryFidelityDestination implements FidelityDestination {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final String SOFT_DELETE_COLUMN = "_PEERDB_IS_DELETED";

    private final BigQueryEmulatorFixture bq;
    private final Map<DeleteMode, String> datasets = new EnumMap<>(DeleteMode.class);
    private final Representation representation = new BigQueryRepresentation();

    public BigQueryFidelityDestination(BigQueryEmulatorFixture bq) {
        this.bq = bq;
        datasets.put(DeleteMode.SOFT, "fid_soft");
        datasets.put(DeleteMode.HARD, "fid_hard");
        datasets.values().forEach(bq::createDataset);
    }

    @Override
    public String name() {
        return "bigquery";
    }

    @Override
    public String pluginModule() {
        return "bigquery-sink";
    }

    @Override
    public Map<String, String> sinkConfig(DeleteMode mode) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "io.mirrorconnect.bigquery.BigQuerySinkConnector");
        c.put("bigquery.project", BigQueryEmulatorFixture.PROJECT);
        c.put("bigquery.dataset", datasets.get(mode));
        c.putAll(bq.sinkEndpoint());
        c.put("flush.interval.ms", "2000"); // fewer, larger flushes against a slow emulator
        return c;
    }

    @Override
    public Representation representation() {
        return representation;
    }

    @Override
    public DestinationRows read(TableShape shape, DeleteMode mode, RowView view) {
        String dataset = datasets.get(mode);
        String table = bigQueryName(shape.name(), false);
        Map<String, String> types = bq.columnTypes(dataset, table);
        if (types == null) {
            return DestinationRows.missingTable();
        }
        List<Column> present = new ArrayList<>();
        for (Column c : shape.replicatedColumns()) {
            if (types.containsKey(bigQueryName(c.name(), true))) {
                present.add(c);
            }
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < present.size(); i++) {
            Column c = present.get(i);
            String name = bigQueryName(c.name(), true);
            sql.append(i == 0 ? "" : ", ").append(render(types.get(name), ident(name)));
        }
        sql.append(" FROM ").append(ident(BigQueryEmulatorFixture.PROJECT)).append('.').append(ident(dataset)).append('.')
                .append(ident(table));
        if (mode.softDelete()) {
            sql.append(" WHERE ").append(view == RowView.SOFT_DELETED ? "" : "NOT ").append(ident(SOFT_DELETE_COLUMN));
        }
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (List<Object> cells : bq.query(sql.toString())) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < present.size(); i++) {
                Column c = present.get(i);
                row.put(c.name(), decode(c, types.get(bigQueryName(c.name(), true)), cells.get(i)));
            }
            rows.put((String) row.get(shape.key().name()), row);
        }
        Set<String> columns = new LinkedHashSet<>();
        present.forEach(c -> columns.add(c.name()));
        return new DestinationRows(true, columns, rows);
    }

    /**
     * The name bigquery-sink gives a table or column (its BigQueryNames rule, docs/bigquery-types.md "Names"):
     * characters BigQuery does not allow in names become {@code _}.
     */
    static String bigQueryName(String name, boolean column) {
        return name.replaceAll(column ? "[^\\p{L}\\p{M}\\p{N}\\p{Pc}\\p{Pd}\\p{Zs}&%=+:'<>#|]"
                : "[^\\p{L}\\p{M}\\p{N}\\p{Pc}\\p{Pd}\\p{Zs}]", "_");
    }

    /** A SQL expression keeping a column's value exact on the REST wire. */
    static String render(String type, String expr) {
        if (type.startsWith("REPEATED ")) {
            return expr; // a list; elements decoded by type
        }
        switch (type) {
            case "STRING":
            case "BYTES":
                return expr;
            case "JSON":
                return "TO_JSON_STRING(" + expr + ")";
            case "TIMESTAMP":
                return "FORMAT_TIMESTAMP('%Y-%m-%d %H:%M:%E6S', " + expr + ")";
            default:
                return "CAST(" + expr + " AS STRING)";
        }
    }

    static Object decode(Column column, String type, Object cell) {
        if (cell == null) {
            return null;
        }
        if (type.startsWith("REPEATED ")) {
            String element = type.substring("REPEATED ".length());
            List<Object> out = new ArrayList<>();
            for (Object e : (List<?>) cell) {
                out.add(e == null ? null : element(element, (String) e));
            }
            return out;
        }
        String s = (String) cell;
        if (BigQueryRepresentation.isJson(column) || column.kind() == ValueKind.HSTORE || column.dimensions() > 1) {
            return json(column, s); // the emulator may report a JSON column as STRING (DDL-created tables)
        }
        switch (type) {
            case "BYTES":
                return "\\x" + HexFormat.of().formatHex(Base64.getDecoder().decode(s));
            case "TIMESTAMP":
                return s + "+00";
            case "JSON":
                return json(column, s);
            default:
                return s;
        }
    }

    /** A REPEATED element as the REST API gives it, rendered like Postgres prints it. */
    static String element(String type, String v) {
        switch (type) {
            case "BYTES":
                return "\\x" + HexFormat.of().formatHex(Base64.getDecoder().decode(v));
            case "TIMESTAMP": {
                long micros = v.matches("-?\\d+") ? Long.parseLong(v)
                        : new BigDecimal(v).movePointRight(6).longValueExact();
                Instant i = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
                return TS.format(i) + "+00";
            }
            case "DATETIME":
                return v.replace('T', ' ');
            default:
                return v;
        }
    }

    /** JSON columns: hstore maps back to a map; json/jsonb to canonical JSON text; 2-D arrays to nested lists. */
    static Object json(Column column, String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (column.kind() == ValueKind.HSTORE && node.isObject()) {
                Map<String, String> out = new LinkedHashMap<>();
                node.properties().forEach(f -> out.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText()));
                return out;
            }
            if (column.isArray() && node.isArray()) {
                return list(node);
            }
            return BigQueryRepresentation.canonicalJson(text);
        } catch (Exception e) {
            return text;
        }
    }

    private static Object list(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            node.forEach(e -> out.add(list(e)));
            return out;
        }
        return node.isTextual() ? node.asText() : node.toString();
    }

    /** A BigQuery identifier in backticks. */
    static String ident(String name) {
        return '`' + name.replace("\\", "\\\\").replace("`", "\\`") + '`';
    }
}
