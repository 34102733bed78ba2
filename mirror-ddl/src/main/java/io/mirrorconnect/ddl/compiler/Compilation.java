package io.mirrorconnect.ddl.compiler;

import io.mirrorconnect.ddl.analyzer.AnalyzedScript;
import io.mirrorconnect.ddl.analyzer.Diagnostics;
import io.mirrorconnect.ddl.analyzer.ScriptAnalyzer;
import io.mirrorconnect.ddl.lexer.SourceFile;
import java.util.List;

/**
 * The whole front end in one call: parse and analyze the files of a run, then (when there are no errors)
 * compile the mirrors that exist after the script. Pure: the caller reads the files.
 */
public record Compilation(Diagnostics diagnostics, AnalyzedScript script, List<ConnectorConfig> connectors) {
    public static Compilation run(List<SourceFile> files, ConverterSettings converters) {
        Diagnostics diagnostics = new Diagnostics();
        AnalyzedScript script = ScriptAnalyzer.analyze(files, diagnostics);
        List<ConnectorConfig> connectors = diagnostics.hasErrors() ? List.of()
                : new MirrorCompiler(converters).compileAll(script.mirrors());
        return new Compilation(diagnostics, script, connectors);
    }

    public boolean ok() {
        return !diagnostics.hasErrors();
    }
}
