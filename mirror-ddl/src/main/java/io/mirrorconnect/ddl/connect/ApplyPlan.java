package io.mirrorconnect.ddl.connect;

import io.mirrorconnect.ddl.analyzer.MirrorAction;
import io.mirrorconnect.ddl.compiler.ConnectorConfig;
import io.mirrorconnect.ddl.compiler.MirrorCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Connect REST calls a script asks for, in order: per mirror, the source connector first, then the sink.
 * Pure: {@link MirrorOperations} executes it; {@code apply --dry-run} prints it.
 */
public record ApplyPlan(List<Step> steps) {
    public ApplyPlan {
        steps = List.copyOf(steps);
    }

    public enum Kind { PUT_CONFIG, DELETE, PAUSE, RESUME }

    /**
     * One call. {@code conditional}: for PUT_CONFIG, skip when the connector exists (IF NOT EXISTS); for the
     * others, skip when it does not (IF EXISTS). Without it, a missing connector is an error.
     */
    public record Step(Kind kind, String mirror, String connector, Map<String, String> config, boolean conditional) {
        public String describe() {
            return switch (kind) {
                case PUT_CONFIG -> "PUT /connectors/" + connector + "/config"
                        + (conditional ? "  (IF NOT EXISTS: skipped when the connector exists)" : "");
                case DELETE -> "DELETE /connectors/" + connector + (conditional ? "  (IF EXISTS)" : "");
                case PAUSE -> "PUT /connectors/" + connector + "/pause" + (conditional ? "  (IF EXISTS)" : "");
                case RESUME -> "PUT /connectors/" + connector + "/resume" + (conditional ? "  (IF EXISTS)" : "");
            };
        }
    }

    public static ApplyPlan of(List<MirrorAction> actions, MirrorCompiler compiler) {
        List<Step> steps = new ArrayList<>();
        for (MirrorAction a : actions) {
            if (a instanceof MirrorAction.Create c) {
                for (ConnectorConfig cc : compiler.compile(c.definition())) {
                    steps.add(new Step(Kind.PUT_CONFIG, a.mirror(), cc.name(), cc.config(),
                            c.definition().ifNotExists()));
                }
            } else if (a instanceof MirrorAction.Drop d) {
                addBoth(steps, Kind.DELETE, d.mirror(), d.ifExists());
            } else if (a instanceof MirrorAction.Pause p) {
                addBoth(steps, Kind.PAUSE, p.mirror(), p.ifExists());
            } else if (a instanceof MirrorAction.Resume r) {
                addBoth(steps, Kind.RESUME, r.mirror(), r.ifExists());
            }
        }
        return new ApplyPlan(steps);
    }

    /** The steps of DROP / PAUSE / RESUME of one mirror (the CLI's drop, pause and resume commands). */
    public static ApplyPlan forMirror(Kind kind, String mirror, boolean ifExists) {
        List<Step> steps = new ArrayList<>();
        addBoth(steps, kind, mirror, ifExists);
        return new ApplyPlan(steps);
    }

    private static void addBoth(List<Step> steps, Kind kind, String mirror, boolean ifExists) {
        steps.add(new Step(kind, mirror, MirrorCompiler.sourceName(mirror), null, ifExists));
        steps.add(new Step(kind, mirror, MirrorCompiler.sinkName(mirror), null, ifExists));
    }

    /** One line per call, for {@code --dry-run}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Step s : steps) {
            sb.append(s.describe()).append('\n');
        }
        return sb.toString();
    }
}
