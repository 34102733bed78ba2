package io.mirrorconnect.ddl.compiler;

import io.mirrorconnect.contract.TopicNames;
import io.mirrorconnect.ddl.analyzer.AnalyzedScript;
import io.mirrorconnect.ddl.analyzer.CdcMirrorDefinition;
import io.mirrorconnect.ddl.analyzer.MirrorDefinition;
import io.mirrorconnect.ddl.analyzer.TableMapping;
import io.mirrorconnect.ddl.analyzer.Diagnostics;
import io.mirrorconnect.ddl.analyzer.ScriptAnalyzer;
import io.mirrorconnect.ddl.lexer.SourceFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole front end in one call: parse and analyze the files of a run, then (when there are no errors)
 * compile the mirrors that exist after the script. Pure: the caller reads the files.
 */
public record Compilation(Diagnostics diagnostics, AnalyzedScript script, List<ConnectorConfig> connectors) {
    /** With the default producer overrides. */
    public static Compilation run(List<SourceFile> files, ConverterSettings converters) {
        return run(files, converters, ProducerOverrides.defaults());
    }

    /** With the default consumer overrides. */
    public static Compilation run(List<SourceFile> files, ConverterSettings converters, ProducerOverrides producer) {
        return run(files, converters, producer, ConsumerOverrides.defaults());
    }

    public static Compilation run(List<SourceFile> files, ConverterSettings converters, ProducerOverrides producer,
            ConsumerOverrides consumer) {
        Diagnostics diagnostics = new Diagnostics();
        AnalyzedScript script = ScriptAnalyzer.analyze(files, diagnostics);
        checkTopics(script, diagnostics);
        List<ConnectorConfig> connectors = diagnostics.hasErrors() ? List.of()
                : new MirrorCompiler(converters, producer, consumer).compileAll(script.mirrors());
        return new Compilation(diagnostics, script, connectors);
    }

    /** Two source tables whose names differ only in characters Kafka does not allow would share a topic. */
    private static void checkTopics(AnalyzedScript script, Diagnostics diagnostics) {
        for (MirrorDefinition m : script.mirrors()) {
            if (m instanceof CdcMirrorDefinition cdc) {
                Map<String, TableMapping> seen = new HashMap<>();
                for (TableMapping t : cdc.mappings()) {
                    String topic = TopicNames.forTable(m.name(), t.source());
                    TableMapping other = seen.putIfAbsent(topic, t);
                    if (other != null) {
                        diagnostics.error(m.span(), "source tables '" + other.source() + "' and '" + t.source()
                                + "' of CREATE MIRROR " + m.name() + " map to the same topic '" + topic
                                + "' (characters outside [A-Za-z0-9._-] become '_')");
                    }
                }
            }
        }
    }

    public boolean ok() {
        return !diagnostics.hasErrors();
    }
}
