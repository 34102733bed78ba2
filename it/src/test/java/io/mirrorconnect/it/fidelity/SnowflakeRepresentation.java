package io.mirrorconnect.it.fidelity;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What snowflake-sink writes for each Postgres value (docs/snowflake-types.md; the Snowflake column of
 * docs/type-fidelity.md). Exact everywhere except:
 * <ul>
 *   <li>{@code json}/{@code jsonb} (and their array elements) are VARIANT: the same JSON <em>value</em>, not the same
 *       text (whitespace, key order and a number's trailing zeros are not kept); compared as
 *       {@link #canonicalJson} (Snowflake refuses a json text with duplicate keys; the suite's shapes have none,
 *       and fakesnow would accept them);</li>
 *   <li>{@code time} {@code 24:00:00} (also as an array element) has no Snowflake TIME value: the row is rejected;</li>
 *   <li>a date/timestamp/timestamptz (also as an element) outside the years 1..9999 is rejected.</li>
 * </ul>
 * {@link #fakesnow()} adds what the test server cannot hold (listed in docs/type-fidelity.md and
 * docs/snowflake-sink.md), so the run against fakesnow still checks everything else exactly.
 */
public class SnowflakeRepresentation implements Representation {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    @Override
    public Expected expect(Column column, Object value) {
        if (isJson(column)) {
            return Expected.value(mapJson(value));
        }
        String bad = refused(column, value);
        if (bad != null) {
            return Expected.rejected(bad);
        }
        return Expected.value(value);
    }

    /** Why Snowflake cannot hold {@code value} (or an element of it), or null. */
    String refused(Column column, Object value) {
        if (value instanceof List<?> list) {
            for (Object e : list) {
                String bad = refused(column, e);
                if (bad != null) {
                    return bad;
                }
            }
            return null;
        }
        if (!(value instanceof String s)) {
            return null;
        }
        switch (column.kind()) {
            case TIME:
                return s.startsWith("24:") ? s + " has no Snowflake TIME value" : null;
            case DATE:
                return year(((LocalDate) column.kind().normalize(s)).getYear(), s);
            case TIMESTAMP:
                return year(((LocalDateTime) column.kind().normalize(s)).getYear(), s);
            case TIMESTAMPTZ:
                return year(LocalDateTime.ofInstant((Instant) column.kind().normalize(s), ZoneOffset.UTC).getYear(), s);
            default:
                return null;
        }
    }

    private static String year(int year, String s) {
        return year < 1 || year > 9999 ? s + " is outside the years 1..9999 the sink writes" : null;
    }

    static boolean isJson(Column column) {
        String t = column.pgType().replace("[]", "").trim();
        return t.equals("json") || t.equals("jsonb");
    }

    private static Object mapJson(Object value) {
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object e : list) {
                out.add(mapJson(e));
            }
            return out;
        }
        return value == null ? null : canonicalJson(value.toString());
    }

    /** A JSON text's value, written one way: object keys sorted, numbers without trailing zeros, no whitespace. */
    static String canonicalJson(String text) {
        try {
            return write(JSON.readTree(text));
        } catch (IOException e) {
            return "<not JSON: " + text + ">";
        }
    }

    private static String write(JsonNode node) {
        if (node.isObject()) {
            Map<String, String> sorted = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                sorted.put(f.getKey(), write(f.getValue()));
            }
            StringBuilder sb = new StringBuilder("{");
            sorted.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append(JSON.getNodeFactory().textNode(k)).append(':').append(v));
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (JsonNode e : node) {
                sb.append(sb.length() > 1 ? "," : "").append(write(e));
            }
            return sb.append(']').toString();
        }
        if (node.isNumber()) {
            BigDecimal d = node.isBigInteger() || node.isIntegralNumber() ? new BigDecimal(node.bigIntegerValue())
                    : node.decimalValue();
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toString();
        }
        return node.toString();
    }

    /** This representation plus what fakesnow (the test server) cannot hold. */
    public static Representation fakesnow() {
        return new SnowflakeRepresentation() {
            @Override
            String refused(Column column, Object value) {
                String bad = super.refused(column, value);
                if (bad != null) {
                    return bad;
                }
                return fakesnowRefuses(column, value);
            }
        };
    }

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /**
     * fakesnow creates {@code NUMBER(p,0)} columns as DuckDB BIGINT whatever p, so an integer beyond 64 bits in a
     * {@code numeric(p,0)} column (p &gt; 18) cannot be stored there (Snowflake holds all 38 digits).
     */
    static String fakesnowRefuses(Column column, Object value) {
        if (column.isArray() || !(value instanceof String s) || column.kind() != ValueKind.DECIMAL) {
            return null;
        }
        String t = column.pgType().replace(" ", "");
        if (!t.matches("numeric\\((\\d+),0\\)")) {
            return null;
        }
        int p = Integer.parseInt(t.substring("numeric(".length(), t.indexOf(',')));
        if (p <= 18 || p > 38) {
            return null;
        }
        BigInteger v = new BigDecimal(s).toBigInteger();
        return v.compareTo(LONG_MIN) < 0 || v.compareTo(LONG_MAX) > 0
                ? s + " does not fit fakesnow's BIGINT for NUMBER(" + p + ",0) (a fakesnow limit)" : null;
    }
}
