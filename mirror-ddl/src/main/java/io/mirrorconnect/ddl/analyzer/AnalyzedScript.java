package io.mirrorconnect.ddl.analyzer;

import java.util.List;

/**
 * The result of analyzing all files of a run: the cluster actions in order, and the mirrors that exist once
 * the script has run (created and not dropped afterwards), which is what {@code compile} emits.
 */
public record AnalyzedScript(List<MirrorAction> actions, List<MirrorDefinition> mirrors) {
    public AnalyzedScript {
        actions = List.copyOf(actions);
        mirrors = List.copyOf(mirrors);
    }
}
