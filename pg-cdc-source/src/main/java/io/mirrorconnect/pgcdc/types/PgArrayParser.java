package io.mirrorconnect.pgcdc.types;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Postgres's array text output ({@code {1,2,NULL,"a b","x\"y"}}, {@code {{1,2},{3,4}}}) into element
 * texts. Pure.
 *
 * <p>Unquoted {@code NULL} (any case) is SQL NULL; quoted elements keep everything between the quotes, with
 * backslash escaping the next character; unquoted elements are trimmed of surrounding blanks. A leading
 * dimension decoration ({@code [0:2]=}, {@code [0:1][-1:0]=}, printed when a lower bound is not 1) is accepted
 * and dropped: the elements keep their order, the lower bounds are not carried (documented in
 * docs/pg-types.md). {@link #parseNested} reads any number of dimensions into nested lists; {@link #parse}
 * reads one-dimensional arrays only.
 */
public final class PgArrayParser {
    private PgArrayParser() {
    }

    /**
     * A parsed array.
     *
     * @param dimensions 0 for the empty array {@code {}}, else its number of dimensions
     * @param elements   one list per outermost sub-array for {@code dimensions > 1} (nested as deep as the
     *                   dimensions), element texts (null for SQL NULL) at the innermost level
     */
    public record Nested(int dimensions, List<Object> elements) {
    }

    /**
     * One-dimensional arrays (and the empty array) as their element texts.
     *
     * @param delimiter the element type's {@code typdelim}: {@code ','} for every built-in type except
     *                  {@code box} ({@code ';'})
     * @throws PgValueException for a multi-dimensional array or text that is not an array
     */
    public static List<String> parse(String text, char delimiter) {
        Nested n = parseNested(text, delimiter);
        if (n.dimensions() > 1) {
            throw new PgValueException("multi-dimensional array '" + PgTextValues.abbreviate(text) + "' where a "
                    + "one-dimensional array was expected");
        }
        List<String> out = new ArrayList<>(n.elements().size());
        for (Object o : n.elements()) {
            out.add((String) o);
        }
        return out;
    }

    /**
     * An array of any number of dimensions as nested lists.
     *
     * @throws PgValueException naming the text when it is not a Postgres array (or not rectangular)
     */
    public static Nested parseNested(String text, char delimiter) {
        Cursor c = new Cursor(text, delimiter);
        c.skipBlanks();
        if (c.i < c.n && text.charAt(c.i) == '[') {
            int eq = text.indexOf('=', c.i);
            if (eq < 0) {
                throw bad(text, "dimension decoration without '='");
            }
            c.i = eq + 1;
            c.skipBlanks();
        }
        if (c.i >= c.n || text.charAt(c.i) != '{') {
            throw bad(text, "expected '{'");
        }
        int[] depth = {-1};
        List<Object> out = c.level(1, depth);
        c.skipBlanks();
        if (c.i != c.n) {
            throw bad(text, "text after the closing '}'");
        }
        return new Nested(out.isEmpty() ? 0 : depth[0], out);
    }

    private static final class Cursor {
        final String text;
        final char delimiter;
        final int n;
        int i;
        final StringBuilder sb = new StringBuilder();

        Cursor(String text, char delimiter) {
            this.text = text;
            this.delimiter = delimiter;
            this.n = text.length();
        }

        void skipBlanks() {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
        }

        /**
         * Reads one {@code {...}} at nesting {@code level} (1 = outermost), i at its '{'. {@code depth[0]} is the
         * array's dimensions once known (the level of the first element); every element must sit at that level.
         */
        List<Object> level(int level, int[] depth) {
            i++; // '{'
            List<Object> out = new ArrayList<>();
            skipBlanks();
            if (i < n && text.charAt(i) == '}') {
                i++;
                if (level > 1) {
                    throw bad(text, "empty sub-array");
                }
                return out;
            }
            while (true) {
                skipBlanks();
                if (i >= n) {
                    throw bad(text, "unterminated array");
                }
                if (text.charAt(i) == '{') {
                    out.add(level(level + 1, depth));
                    skipBlanks();
                } else {
                    if (depth[0] == -1) {
                        depth[0] = level;
                    } else if (depth[0] != level) {
                        throw bad(text, "elements at different depths (not rectangular)");
                    }
                    out.add(element());
                }
                if (i >= n) {
                    throw bad(text, "unterminated array");
                }
                char sep = text.charAt(i++);
                if (sep == '}') {
                    return out;
                }
                if (sep != delimiter) {
                    throw bad(text, "expected '" + delimiter + "' or '}' but found '" + sep + "'");
                }
            }
        }

        /** One element text (null for unquoted NULL); i ends at the following delimiter or '}'. */
        String element() {
            sb.setLength(0);
            if (text.charAt(i) == '"') {
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
                skipBlanks();
                return sb.toString();
            }
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
            return !escaped && element.equalsIgnoreCase("NULL") ? null : element;
        }
    }

    private static PgValueException bad(String text, String why) {
        return new PgValueException("'" + PgTextValues.abbreviate(text) + "' is not a Postgres array: " + why);
    }
}
