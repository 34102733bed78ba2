package io.mirrorconnect.ddl.parser;

/**
 * A peer, mirror, option or column name. Unquoted peer and mirror names are lower-cased (as PeerDB does);
 * {@code quoted} tells whether the name was written in double quotes.
 */
public record Name(String value, boolean quoted, Span span) {
    @Override
    public String toString() {
        return value;
    }
}
