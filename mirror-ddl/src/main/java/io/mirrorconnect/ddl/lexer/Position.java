package io.mirrorconnect.ddl.lexer;

/** A place in a source file: 1-based line and column, plus the character offset. */
public record Position(SourceFile file, int line, int column, int offset) {
    @Override
    public String toString() {
        return file.name() + ":" + line + ":" + column;
    }
}
