package io.mirrorconnect.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A schema-qualified table name as it travels in connector configs ({@code public.users},
 * {@code "My Schema"."Order.Items"}). Parts are case-sensitive once parsed: unquoted parts are taken as
 * written, double-quoted parts may contain any character ({@code ""} escapes a quote). The schema may be
 * null where the destination has no schemas (BigQuery datasets and ClickHouse databases come from the peer).
 */
public record TableId(String schema, String table) implements Comparable<TableId> {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    public TableId {
        Objects.requireNonNull(table, "table");
        if (table.isEmpty()) {
            throw new IllegalArgumentException("empty table name");
        }
        if (schema != null && schema.isEmpty()) {
            throw new IllegalArgumentException("empty schema name");
        }
    }

    public static TableId of(String schema, String table) {
        return new TableId(schema, table);
    }

    /** Parses {@code table}, {@code schema.table} (each part optionally double-quoted). */
    public static TableId parse(String text) {
        List<String> parts = splitQualified(text, text);
        if (parts.size() == 1) {
            return new TableId(null, parts.get(0));
        }
        if (parts.size() == 2) {
            return new TableId(parts.get(0), parts.get(1));
        }
        throw new IllegalArgumentException("'" + text + "' is not a table name: expected table or schema.table");
    }

    /** Parses a comma-separated list of table names; blanks between entries are ignored. */
    public static List<TableId> parseList(String text) {
        List<TableId> out = new ArrayList<>();
        for (String item : splitTopLevel(text, ',')) {
            if (!item.isBlank()) {
                out.add(parse(item.trim()));
            }
        }
        return out;
    }

    /** Splits {@code a."b.c".d} into its parts, honouring double quotes. */
    public static List<String> splitQualified(String text, String context) {
        List<String> parts = new ArrayList<>();
        String t = text.trim();
        int i = 0;
        while (true) {
            if (i >= t.length()) {
                throw new IllegalArgumentException("'" + context + "': missing name after '.'");
            }
            StringBuilder sb = new StringBuilder();
            if (t.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= t.length()) {
                        throw new IllegalArgumentException("'" + context + "': unterminated quoted name");
                    }
                    char c = t.charAt(i++);
                    if (c == '"') {
                        if (i < t.length() && t.charAt(i) == '"') {
                            sb.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        sb.append(c);
                    }
                }
                if (sb.length() == 0) {
                    throw new IllegalArgumentException("'" + context + "': empty quoted name");
                }
            } else {
                while (i < t.length() && t.charAt(i) != '.') {
                    char c = t.charAt(i++);
                    if (c == '"' || Character.isWhitespace(c)) {
                        throw new IllegalArgumentException("'" + context + "': unexpected '" + c
                                + "' in a name (quote names that contain it)");
                    }
                    sb.append(c);
                }
                if (sb.length() == 0) {
                    throw new IllegalArgumentException("'" + context + "': empty name part");
                }
            }
            parts.add(sb.toString());
            if (i >= t.length()) {
                return parts;
            }
            if (t.charAt(i) != '.') {
                throw new IllegalArgumentException("'" + context + "': expected '.' after quoted name");
            }
            i++;
        }
    }

    /** Splits on {@code sep} outside double quotes. */
    public static List<String> splitTopLevel(String text, char sep) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == sep && !quoted) {
                out.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        out.add(sb.toString());
        return out;
    }

    /** Quotes a part for this canonical text form when it is not a plain identifier. */
    public static String quotePart(String part) {
        return PLAIN.matcher(part).matches() ? part : '"' + part.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return schema == null ? quotePart(table) : quotePart(schema) + "." + quotePart(table);
    }

    @Override
    public int compareTo(TableId o) {
        return toString().compareTo(o.toString());
    }
}
