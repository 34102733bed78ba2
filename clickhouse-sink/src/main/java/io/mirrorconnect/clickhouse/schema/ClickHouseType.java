package io.mirrorconnect.clickhouse.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed ClickHouse type, e.g. {@code Nullable(Decimal(10, 2))} or {@code Map(String, Array(Nullable(Int32)))}:
 * a name and arguments, each a nested type, a number or a quoted string. {@link #toString()} spells it the way
 * ClickHouse does in {@code system.columns} (arguments separated by ", ").
 */
public final class ClickHouseType {
    private final String name;
    private final List<Object> arguments; // ClickHouseType, Long, or String (a quoted string argument, unquoted)

    private ClickHouseType(String name, List<Object> arguments) {
        this.name = name;
        this.arguments = List.copyOf(arguments);
    }

    public static ClickHouseType of(String name, Object... arguments) {
        return new ClickHouseType(name, List.of(arguments));
    }

    /** Parses type text; fails on anything that is not a well-formed type. */
    public static ClickHouseType parse(String text) {
        Parser p = new Parser(text);
        ClickHouseType t = p.type();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the type");
        }
        return t;
    }

    public String name() {
        return name;
    }

    public List<Object> arguments() {
        return arguments;
    }

    /** The {@code i}-th argument as a type. */
    public ClickHouseType typeArgument(int i) {
        Object a = argument(i);
        if (!(a instanceof ClickHouseType)) {
            throw new IllegalArgumentException("argument " + i + " of " + this + " is not a type");
        }
        return (ClickHouseType) a;
    }

    /** The {@code i}-th argument as a number. */
    public int intArgument(int i) {
        Object a = argument(i);
        if (!(a instanceof Long)) {
            throw new IllegalArgumentException("argument " + i + " of " + this + " is not a number");
        }
        return Math.toIntExact((Long) a);
    }

    /** The {@code i}-th argument as a string (a quoted argument such as a time zone). */
    public String stringArgument(int i) {
        Object a = argument(i);
        if (!(a instanceof String)) {
            throw new IllegalArgumentException("argument " + i + " of " + this + " is not a string");
        }
        return (String) a;
    }

    private Object argument(int i) {
        if (i >= arguments.size()) {
            throw new IllegalArgumentException(this + " has no argument " + i);
        }
        return arguments.get(i);
    }

    public boolean isNullable() {
        return name.equals("Nullable");
    }

    /** This type without a Nullable wrapper (inside LowCardinality too): {@code LowCardinality(Nullable(String))}
     * gives {@code LowCardinality(String)}. */
    public ClickHouseType withoutNullable() {
        if (isNullable()) {
            return typeArgument(0);
        }
        if (name.equals("LowCardinality") && typeArgument(0).isNullable()) {
            return of("LowCardinality", typeArgument(0).typeArgument(0));
        }
        return this;
    }

    /**
     * This type made Nullable where ClickHouse allows it: {@code Nullable(T)}; {@code LowCardinality(Nullable(T))}
     * for LowCardinality; Array, Map and Tuple unchanged (ClickHouse forbids Nullable around them).
     */
    public ClickHouseType nullable() {
        switch (name) {
            case "Nullable":
            case "Array":
            case "Map":
            case "Tuple":
                return this;
            case "LowCardinality":
                return of("LowCardinality", typeArgument(0).nullable());
            default:
                return of("Nullable", this);
        }
    }

    @Override
    public String toString() {
        if (arguments.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < arguments.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object a = arguments.get(i);
            if (a instanceof String s) {
                sb.append('\'').append(s.replace("\\", "\\\\").replace("'", "\\'")).append('\'');
            } else {
                sb.append(a);
            }
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClickHouseType t && t.name.equals(name) && t.arguments.equals(arguments);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + arguments.hashCode();
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            if (text == null) {
                throw new IllegalArgumentException("ClickHouse type must not be null");
            }
            this.text = text;
        }

        ClickHouseType type() {
            skipSpace();
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos || !Character.isLetter(text.charAt(start))) {
                throw error("expected a type name");
            }
            String name = text.substring(start, pos);
            List<Object> args = new ArrayList<>();
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '(') {
                pos++;
                skipSpace();
                if (pos < text.length() && text.charAt(pos) == ')') {
                    pos++;
                    return new ClickHouseType(name, args);
                }
                while (true) {
                    args.add(argument());
                    skipSpace();
                    if (pos >= text.length()) {
                        throw error("unclosed '('");
                    }
                    char c = text.charAt(pos++);
                    if (c == ')') {
                        break;
                    }
                    if (c != ',') {
                        throw error("expected ',' or ')'");
                    }
                }
            }
            return new ClickHouseType(name, args);
        }

        private Object argument() {
            skipSpace();
            if (pos >= text.length()) {
                throw error("expected an argument");
            }
            char c = text.charAt(pos);
            if (c == '\'') {
                return quoted();
            }
            if (Character.isDigit(c) || c == '-') {
                int start = pos++;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
                try {
                    return Long.parseLong(text.substring(start, pos));
                } catch (NumberFormatException e) {
                    throw error("bad number");
                }
            }
            return type();
        }

        private String quoted() {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    sb.append(text.charAt(pos++));
                } else if (c == '\'') {
                    return sb.toString();
                } else {
                    sb.append(c);
                }
            }
            throw error("unterminated string");
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("bad ClickHouse type '" + text + "' at position " + pos + ": " + what);
        }
    }
}
