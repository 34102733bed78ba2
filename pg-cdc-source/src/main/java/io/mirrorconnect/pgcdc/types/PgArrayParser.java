package io.mirrorconnect.pgcdc.types;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Postgres's array text output ({@code {1,2,NULL,"a b","x\"y"}}) into element texts. Pure.
 *
 * <p>Unquoted {@code NULL} (any case) is SQL NULL; quoted elements keep everything between the quotes, with
 * backslash escaping the next character; unquoted elements are trimmed of surrounding blanks. A leading
 * dimension decoration ({@code [0:2]=}, printed when the lower bound is not 1) is accepted and dropped: the
 * elements keep their order, the lower bound is not carried (documented in docs/pg-types.md). Multi-dimensional
 * arrays ({@code {{1,2},{3,4}}}) are refused with an error: a column's schema is a one-dimensional array.
 */
public final class PgArrayParser {
    private PgArrayParser() {
    }

    /**
     * @param delimiter the element type's {@code typdelim}: {@code ','} for every built-in type except
     *                  {@code box} ({@code ';'})
     */
    public static List<String> parse(String text, char delimiter) {
        int i = 0;
        int n = text.length();
        i = skipBlanks(text, i);
        if (i < n && text.charAt(i) == '[') {
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                throw bad(text, "dimension decoration without '='");
            }
            if (text.substring(i, eq).indexOf("][") >= 0) {
                throw multiDim(text);
            }
            i = skipBlanks(text, eq + 1);
        }
        if (i >= n || text.charAt(i) != '{') {
            throw bad(text, "expected '{'");
        }
        i++;
        List<String> out = new ArrayList<>();
        i = skipBlanks(text, i);
        if (i < n && text.charAt(i) == '}') {
            return end(text, i + 1, out);
        }
        StringBuilder sb = new StringBuilder();
        while (true) {
            i = skipBlanks(text, i);
            if (i >= n) {
                throw bad(text, "unterminated array");
            }
            char c = text.charAt(i);
            sb.setLength(0);
            if (c == '{') {
                throw multiDim(text);
            }
            if (c == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw bad(text, "unterminated quoted element");
                    }
                    char q = text.charAt(i++);
                    if (q == '\\') {
                        if (i >= n) {
                            throw bad(text, "unterminated quoted element");
                        }
                        sb.append(text.charAt(i++));
                    } else if (q == '"') {
                        break;
                    } else {
                        sb.append(q);
                    }
                }
                out.add(sb.toString());
                i = skipBlanks(text, i);
            } else {
                boolean escaped = false;
                int lastSignificant = 0;
                while (i < n) {
                    char u = text.charAt(i);
                    if (u == delimiter || u == '}') {
                        break;
                    }
                    if (u == '{' || u == '"') {
                        throw bad(text, "unexpected '" + u + "' in an unquoted element");
                    }
                    i++;
                    if (u == '\\') {
                        if (i >= n) {
                            throw bad(text, "unterminated array");
                        }
                        sb.append(text.charAt(i++));
                        escaped = true;
                        lastSignificant = sb.length();
                    } else {
                        sb.append(u);
                        if (!Character.isWhitespace(u)) {
                            lastSignificant = sb.length();
                        }
                    }
                }
                sb.setLength(lastSignificant);
                String element = sb.toString();
                if (element.isEmpty() && !escaped) {
                    throw bad(text, "empty unquoted element");
                }
                out.add(!escaped && element.equalsIgnoreCase("NULL") ? null : element);
            }
            if (i >= n) {
                throw bad(text, "unterminated array");
            }
            char sep = text.charAt(i++);
            if (sep == '}') {
                return end(text, i, out);
            }
            if (sep != delimiter) {
                throw bad(text, "expected '" + delimiter + "' or '}' but found '" + sep + "'");
            }
        }
    }

    private static List<String> end(String text, int i, List<String> out) {
        if (skipBlanks(text, i) != text.length()) {
            throw bad(text, "text after the closing '}'");
        }
        return out;
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static PgValueException bad(String text, String why) {
        return new PgValueException("'" + PgTextValues.abbreviate(text) + "' is not a Postgres array: " + why);
    }

    private static PgValueException multiDim(String text) {
        return new PgValueException("multi-dimensional array '" + PgTextValues.abbreviate(text) + "' is not "
                + "supported: the column maps to a one-dimensional ARRAY (exclude the column, or store it "
                + "one-dimensional)");
    }
}
