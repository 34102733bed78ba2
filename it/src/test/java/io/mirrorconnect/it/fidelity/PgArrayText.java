package io.mirrorconnect.it.fidelity;

import java.util.ArrayList;
import java.util.List;

/**
 * Postgres's array output ({@code {1,NULL,"a b","x\"y"}}, nested braces for more dimensions, an optional
 * {@code [0:2]=} bounds prefix) as nested lists of element texts. Pure; ',' delimited (every type the suite uses).
 */
final class PgArrayText {
    private final String text;
    private int pos;

    private PgArrayText(String text) {
        this.text = text;
    }

    static List<Object> parse(String text) {
        PgArrayText p = new PgArrayText(text);
        if (text.startsWith("[")) {
            p.pos = text.indexOf('=') + 1;
        }
        List<Object> out = p.array();
        if (p.pos != text.length()) {
            throw new IllegalArgumentException("trailing text in array " + text);
        }
        return out;
    }

    private List<Object> array() {
        expect('{');
        List<Object> out = new ArrayList<>();
        if (peek() == '}') {
            pos++;
            return out;
        }
        while (true) {
            char c = peek();
            if (c == '{') {
                out.add(array());
            } else if (c == '"') {
                out.add(quoted());
            } else {
                int start = pos;
                while (peek() != ',' && peek() != '}') {
                    pos++;
                }
                String raw = text.substring(start, pos);
                out.add("NULL".equals(raw) ? null : raw);
            }
            char sep = text.charAt(pos++);
            if (sep == '}') {
                return out;
            }
            if (sep != ',') {
                throw new IllegalArgumentException("unexpected '" + sep + "' at " + (pos - 1) + " in " + text);
            }
        }
    }

    private String quoted() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                c = text.charAt(pos++);
            }
            sb.append(c);
        }
    }

    private char peek() {
        return text.charAt(pos);
    }

    private void expect(char c) {
        if (text.charAt(pos) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + pos + " in " + text);
        }
        pos++;
    }
}
