package io.mirrorconnect.ddl.connect;

import io.mirrorconnect.ddl.compiler.MirrorCompiler;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes an {@link ApplyPlan} against a Connect cluster, idempotently: PUT config creates or updates (or is
 * skipped under IF NOT EXISTS when the connector exists); DELETE/PAUSE/RESUME of an absent connector is skipped
 * under IF EXISTS and an error otherwise. Before changing anything, every config to be PUT is validated by the
 * worker ({@code /connector-plugins/<class>/config/validate}), so a bad config or a missing plugin leaves the
 * cluster untouched. Stops at the first failure; prints one line per step.
 */
public final class MirrorOperations {
    private final ConnectClient client;
    private final PrintWriter log;

    public MirrorOperations(ConnectClient client, PrintWriter log) {
        this.client = client;
        this.log = log;
    }

    public void execute(ApplyPlan plan) {
        List<String> invalid = new ArrayList<>();
        for (ApplyPlan.Step s : plan.steps()) {
            if (s.kind() == ApplyPlan.Kind.PUT_CONFIG) {
                // the worker's validation requires the connector's name in the config (PUT .../config takes it
                // from the URL instead)
                Map<String, String> named = new LinkedHashMap<>(s.config());
                named.put("name", s.connector());
                for (String e : client.validate(named)) {
                    invalid.add(s.connector() + ": " + e);
                }
            }
        }
        if (!invalid.isEmpty()) {
            throw new MirrorOperationException("the Connect worker rejects the compiled configs, nothing was"
                    + " changed:" + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ",
                    invalid));
        }
        for (ApplyPlan.Step s : plan.steps()) {
            execute(s);
            log.flush();
        }
    }

    private void execute(ApplyPlan.Step s) {
        String c = s.connector();
        switch (s.kind()) {
            case PUT_CONFIG -> {
                if (s.conditional() && client.exists(c)) {
                    log.println(c + ": exists, left unchanged (IF NOT EXISTS)");
                    return;
                }
                boolean created = client.putConfig(c, s.config());
                log.println(c + ": " + (created ? "created" : "updated"));
            }
            case DELETE, PAUSE, RESUME -> {
                if (!client.exists(c)) {
                    if (s.conditional()) {
                        log.println(c + ": does not exist, skipped (IF EXISTS)");
                        return;
                    }
                    throw new MirrorOperationException("mirror " + s.mirror() + ": connector " + c
                            + " does not exist on " + client.base() + " (use IF EXISTS / --if-exists to skip)");
                }
                switch (s.kind()) {
                    case DELETE -> client.delete(c);
                    case PAUSE -> client.pause(c);
                    default -> client.resume(c);
                }
                log.println(c + ": " + switch (s.kind()) {
                    case DELETE -> "deleted";
                    case PAUSE -> "paused";
                    default -> "resumed";
                });
            }
        }
    }

    /** The status of both connectors of a mirror; an error when neither exists. */
    public List<ConnectorStatus> status(String mirror) {
        List<ConnectorStatus> out = new ArrayList<>();
        for (String c : List.of(MirrorCompiler.sourceName(mirror), MirrorCompiler.sinkName(mirror))) {
            try {
                out.add(client.status(c));
            } catch (ConnectRestException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
            }
        }
        if (out.isEmpty()) {
            throw new MirrorOperationException("mirror " + mirror + " does not exist on " + client.base()
                    + " (no connector " + MirrorCompiler.sourceName(mirror) + " or " + MirrorCompiler.sinkName(mirror)
                    + ")");
        }
        return out;
    }

    /**
     * A human-readable status table. For a failure, the root cause of its trace, the first project frame and,
     * for a library's root cause, the exception our code reported it as ({@link FailureTrace}); {@code verbose}
     * adds the whole trace.
     */
    public static String format(List<ConnectorStatus> statuses, boolean verbose) {
        StringBuilder sb = new StringBuilder();
        for (ConnectorStatus s : statuses) {
            sb.append(String.format("%-40s %-10s %s%n", s.name(), s.connector().state(),
                    s.connector().workerId()));
            appendTrace(sb, s.connector().trace(), verbose);
            for (ConnectorStatus.TaskState t : s.tasks()) {
                sb.append(String.format("  task %-33d %-10s %s%n", t.id(), t.state().state(), t.state().workerId()));
                appendTrace(sb, t.state().trace(), verbose);
            }
        }
        return sb.toString();
    }

    private static void appendTrace(StringBuilder sb, String trace, boolean verbose) {
        if (trace == null || trace.isBlank()) {
            return;
        }
        String nl = System.lineSeparator();
        FailureTrace failure = FailureTrace.parse(trace);
        String indent = "    ";
        String label = "root cause: ";
        List<String> cause = failure.rootCause().lines().toList();
        for (int i = 0; i < cause.size(); i++) {
            sb.append(indent).append(i == 0 ? label : " ".repeat(label.length())).append(cause.get(i)).append(nl);
        }
        failure.projectFrame().ifPresent(f -> sb.append(indent).append("at ").append(f).append(nl));
        String reported = "reported as: ";
        List<String> context = failure.reportedAs().map(h -> h.lines().toList()).orElse(List.of());
        for (int i = 0; i < context.size(); i++) {
            sb.append(indent).append(i == 0 ? reported : " ".repeat(reported.length())).append(context.get(i)).append(nl);
        }
        if (verbose) {
            sb.append(indent).append("trace:").append(nl);
            trace.strip().lines().forEach(l -> sb.append(indent).append(l).append(nl));
        } else {
            sb.append(indent).append("(status --verbose prints the whole trace)").append(nl);
        }
    }
}
