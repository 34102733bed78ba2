package io.mirrorconnect.pgcdc.coordination;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.offsets.BlockRanges;
import io.mirrorconnect.pgcdc.offsets.BlockRanges.Range;

/**
 * What a task does, as the connector writes it into the task's config (internal keys, next to the connector's
 * own properties; pure codec).
 *
 * <ul>
 *   <li>{@code stream} (also: no role key, i.e. tasks.max = 1): the single-task algorithm: snapshot what needs it,
 *       then stream the slot. After a spread snapshot it carries {@link #COMPLETE_EPOCH}: the connector saw every
 *       range of that epoch delivered, so the task treats every table's snapshot as complete.</li>
 *   <li>{@code snapshot}: read the given block ranges under the exported snapshot, record them under slice
 *       {@code k}'s source partitions, then idle.</li>
 *   <li>{@code wait}: the connector is still creating the slot and planning; do nothing.</li>
 * </ul>
 */
public final class TaskRole {
    public static final String ROLE = "pgcdc.task.role";
    public static final String SNAPSHOT_NAME = "pgcdc.snapshot.name";
    public static final String EPOCH = "pgcdc.snapshot.epoch";
    public static final String SLICE = "pgcdc.snapshot.slice";
    public static final String TABLES = "pgcdc.snapshot.tables";
    public static final String RANGES_PREFIX = "pgcdc.snapshot.ranges.";
    public static final String COMPLETE_EPOCH = "pgcdc.snapshot.complete.epoch";

    public enum Kind { STREAM, SNAPSHOT, WAIT }

    /** The work of a snapshot task: its slice index and the ranges to read, per table. */
    public record SliceWork(String snapshotName, long epoch, int slice, Map<TableId, List<Range>> ranges) {
    }

    private TaskRole() {
    }

    public static Kind kind(Map<String, String> props) {
        String role = props.get(ROLE);
        if (role == null) {
            return Kind.STREAM;
        }
        return Kind.valueOf(role.toUpperCase(java.util.Locale.ROOT));
    }

    public static Map<String, String> waiting(Map<String, String> connectorProps) {
        Map<String, String> m = base(connectorProps);
        m.put(ROLE, "wait");
        return m;
    }

    /** The streaming task; {@code completeEpoch} null when no spread snapshot preceded it. */
    public static Map<String, String> stream(Map<String, String> connectorProps, Long completeEpoch) {
        Map<String, String> m = base(connectorProps);
        m.put(ROLE, "stream");
        if (completeEpoch != null) {
            m.put(COMPLETE_EPOCH, Long.toUnsignedString(completeEpoch));
        }
        return m;
    }

    public static Map<String, String> snapshot(Map<String, String> connectorProps, String snapshotName, long epoch,
                                               int slice, Map<TableId, List<Range>> ranges) {
        Map<String, String> m = base(connectorProps);
        m.put(ROLE, "snapshot");
        m.put(SNAPSHOT_NAME, snapshotName);
        m.put(EPOCH, Long.toUnsignedString(epoch));
        m.put(SLICE, Integer.toString(slice));
        List<TableId> tables = new ArrayList<>(ranges.keySet());
        m.put(TABLES, tables.stream().map(TableId::toString).collect(Collectors.joining(",")));
        for (int i = 0; i < tables.size(); i++) {
            // kept apart (not merged): each range is one partition for the task's readers
            m.put(RANGES_PREFIX + i, ranges.get(tables.get(i)).stream().map(Range::toString)
                    .collect(Collectors.joining(",")));
        }
        return m;
    }

    public static SliceWork sliceWork(Map<String, String> props) {
        List<TableId> tables = TableId.parseList(props.get(TABLES));
        Map<TableId, List<Range>> ranges = new LinkedHashMap<>();
        for (int i = 0; i < tables.size(); i++) {
            List<Range> rs = new ArrayList<>();
            for (String part : props.get(RANGES_PREFIX + i).split(",")) {
                rs.addAll(BlockRanges.parse(part).ranges());
            }
            ranges.put(tables.get(i), rs);
        }
        return new SliceWork(props.get(SNAPSHOT_NAME), Long.parseUnsignedLong(props.get(EPOCH)),
                Integer.parseInt(props.get(SLICE)), ranges);
    }

    /** The epoch whose spread snapshot the connector saw complete, or null. */
    public static Long completeEpoch(Map<String, String> props) {
        String v = props.get(COMPLETE_EPOCH);
        return v == null ? null : Long.parseUnsignedLong(v);
    }

    /** The connector's properties without any internal key (a connector config never holds them). */
    private static Map<String, String> base(Map<String, String> connectorProps) {
        Map<String, String> m = new HashMap<>();
        connectorProps.forEach((k, v) -> {
            if (!k.startsWith("pgcdc.")) {
                m.put(k, v);
            }
        });
        return m;
    }
}
