package io.mirrorconnect.ddl.parser;

import java.util.List;

/** The statements that parsed and the syntax errors of the others (parsing resumes after each error's ';'). */
public record ParseResult(List<Statement> statements, List<ParseException> errors) {
    public ParseResult {
        statements = List.copyOf(statements);
        errors = List.copyOf(errors);
    }
}
