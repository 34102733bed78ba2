package io.mirrorconnect.pgcdc.types;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses hstore's text output ({@code "a"=>"1", "b"=>NULL}) into a map (null values for NULL). Pure. */
public final class PgHstoreParser {
    private PgHstoreParser() {
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int[] pos = {skip(text, 0)};
        while (pos[0] < text.length()) {
            String key = token(text, pos);
            if (key == null) {
                throw bad(text, "NULL key");
            }
            pos[0] = skip(text, pos[0]);
            if (!text.startsWith("=>", pos[0])) {
                throw bad(text, "expected '=>' at offset " + pos[0]);
            }
            pos[0] = skip(text, pos[0] + 2);
            String value = token(text, pos);
            out.put(key, value);
            pos[0] = skip(text, pos[0]);
            if (pos[0] < text.length()) {
                if (text.charAt(pos[0]) != ',') {
                    throw bad(text, "expected ',' at offset " + pos[0]);
                }
                pos[0] = skip(text, pos[0] + 1);
            }
        }
        return out;
    }

    /** A quoted string, or an unquoted word (NULL for the unquoted word NULL). */
    private static String token(String s, int[] pos) {
        int i = pos[0];
        StringBuilder sb = new StringBuilder();
        if (i < s.length() && s.charAt(i) == '"') {
            i++;
            while (true) {
                if (i >= s.length()) {
                    throw bad(s, "unterminated quoted string");
                }
                char c = s.charAt(i++);
                if (c == '\\' && i < s.length()) {
                    sb.append(s.charAt(i++));
                } else if (c == '"') {
                    break;
                } else {
                    sb.append(c);
                }
            }
            pos[0] = i;
            return sb.toString();
        }
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != ','
                && !s.startsWith("=>", i)) {
            char c = s.charAt(i++);
            if (c == '\\' && i < s.length()) {
                c = s.charAt(i++);
            }
            sb.append(c);
        }
        if (sb.length() == 0) {
            throw bad(s, "expected a key or value at offset " + i);
        }
        pos[0] = i;
        String word = sb.toString();
        return word.equalsIgnoreCase("NULL") ? null : word;
    }

    private static int skip(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static PgValueException bad(String text, String why) {
        return new PgValueException("'" + PgTextValues.abbreviate(text) + "' is not an hstore value: " + why);
    }
}
