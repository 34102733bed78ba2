package io.mirrorconnect.ddl.connect;

import java.util.List;

/** {@code GET /connectors/<name>/status}: the connector's state and each task's, with traces of failures. */
public record ConnectorStatus(String name, String type, State connector, List<TaskState> tasks) {
    public ConnectorStatus {
        tasks = List.copyOf(tasks);
    }

    /** A connector's state (RUNNING, PAUSED, STOPPED, FAILED, UNASSIGNED, RESTARTING), its worker, and a trace. */
    public record State(String state, String workerId, String trace) {
    }

    public record TaskState(int id, State state) {
    }
}
