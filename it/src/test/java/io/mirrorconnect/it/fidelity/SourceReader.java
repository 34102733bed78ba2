package io.mirrorconnect.it.fidelity;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the source's current rows as canonical values: Postgres's own text output of each value under fixed
 * session settings ({@link #SESSION}), arrays as (nested) lists of their elements' text, hstore as a map. This is
 * the truth every destination is compared with.
 */
public final class SourceReader {
    /** The settings the canonical text is printed under (the source's own, except the ISO interval style). */
    public static final List<String> SESSION = List.of(
            "SET TimeZone = 'UTC'",
            "SET DateStyle = 'ISO, YMD'",
            "SET IntervalStyle = 'iso_8601'",
            "SET extra_float_digits = 3",
            "SET bytea_output = 'hex'",
            "SET lc_monetary = 'C'");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceReader() {
    }

    /** Every row of the table, by key (its canonical text), each a map from column name to canonical value. */
    public static Map<String, Map<String, Object>> read(Connection connection, TableShape shape) throws SQLException {
        List<Column> columns = shape.replicatedColumns();
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            select.append(i == 0 ? "" : ", ").append(expression(columns.get(i)));
        }
        select.append(" FROM ").append(Sql.table(shape.name())).append(" ORDER BY ").append(Sql.ident(shape.key().name()));
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        try (Statement st = connection.createStatement()) {
            for (String s : SESSION) {
                st.execute(s);
            }
            try (ResultSet rs = st.executeQuery(select.toString())) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        row.put(columns.get(i).name(), value(columns.get(i), rs, i + 1));
                    }
                    rows.put((String) row.get(shape.key().name()), row);
                }
            }
        }
        return rows;
    }

    /**
     * The select expression that prints a column's canonical text: the type's output function (what COPY and
     * pgoutput send), via {@code format('%s', …)}. A cast to text is not the same for every type: {@code inet::text}
     * adds the netmask, {@code char(n)::text} drops the padding, {@code boolean::text} spells {@code true}.
     */
    static String expression(Column c) {
        String col = Sql.ident(c.name());
        if (c.kind() == ValueKind.HSTORE && !c.isArray()) {
            return "hstore_to_json(" + col + ")::text";
        }
        String value = c.kind() == ValueKind.MONEY ? col + (c.isArray() ? "::numeric[]" : "::numeric") : col;
        // format() prints NULL as ''; num_nulls (unlike IS NULL) does not look inside a composite value
        return "CASE WHEN num_nulls(" + col + ") = 1 THEN NULL ELSE format('%s', " + value + ") END";
    }

    private static Object value(Column c, ResultSet rs, int i) throws SQLException {
        String text = rs.getString(i);
        if (rs.wasNull()) {
            return null;
        }
        if (c.isArray()) {
            return PgArrayText.parse(text);
        }
        if (c.kind() == ValueKind.HSTORE) {
            try {
                return JSON.readValue(text, new TypeReference<LinkedHashMap<String, String>>() { });
            } catch (Exception e) {
                throw new IllegalStateException("hstore_to_json gave " + text, e);
            }
        }
        return text;
    }
}
