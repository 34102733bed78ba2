package io.mirrorconnect.ddl.cli;

import io.mirrorconnect.ddl.analyzer.Diagnostic;
import io.mirrorconnect.ddl.compiler.Compilation;
import io.mirrorconnect.ddl.compiler.ConsumerOverrides;
import io.mirrorconnect.ddl.compiler.ConverterSettings;
import io.mirrorconnect.ddl.compiler.ProducerOverrides;
import io.mirrorconnect.ddl.lexer.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the SQL files of a command and compiles them, printing diagnostics to stderr. */
final class SqlInputs {
    private SqlInputs() {
    }

    /** The compilation, or null when a file cannot be read or the SQL has errors (all printed). */
    static Compilation compile(List<Path> files, ConverterSettings converters, ProducerOverrides producer,
            ConsumerOverrides consumer, PrintWriter err) {
        List<SourceFile> sources = new ArrayList<>();
        for (Path p : files) {
            try {
                sources.add(SourceFile.read(p));
            } catch (IOException e) {
                err.println(p + ": error: cannot read: " + e.getMessage());
                err.flush();
                return null;
            }
        }
        Compilation c = Compilation.run(sources, converters, producer, consumer);
        for (Diagnostic d : c.diagnostics().sorted()) {
            err.println(d.format());
        }
        if (!c.ok()) {
            int n = c.diagnostics().errors().size();
            err.println(n + (n == 1 ? " error" : " errors"));
        }
        err.flush();
        return c.ok() ? c : null;
    }
}
