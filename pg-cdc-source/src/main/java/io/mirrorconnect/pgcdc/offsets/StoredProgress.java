package io.mirrorconnect.pgcdc.offsets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.storage.OffsetStorageReader;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.pgcdc.offsets.SourceOffsets.SnapshotProgress;

/**
 * Reads the stored snapshot progress of a mirror's tables through Connect's offset reader (used by the tasks and
 * by the connector's snapshot coordinator): the table's own partition plus every snapshot slice partition (and its
 * legacy spelling, {@link SourceOffsets#legacySnapshotSlicePartition}), merged by {@link ProgressMerge}.
 */
public final class StoredProgress {
    private StoredProgress() {
    }

    /** @return merged progress per table that has any (tables without stored progress are absent) */
    public static Map<TableId, SnapshotProgress> read(OffsetStorageReader reader, String mirror, List<TableId> tables) {
        Map<TableId, List<Map<String, Object>>> partitions = new LinkedHashMap<>();
        Map<TableId, List<Map<String, Object>>> legacy = new LinkedHashMap<>();
        List<Map<String, Object>> all = new ArrayList<>();
        List<Map<String, Object>> allLegacy = new ArrayList<>();
        for (TableId t : tables) {
            List<Map<String, Object>> ps = new ArrayList<>();
            List<Map<String, Object>> old = new ArrayList<>();
            ps.add(SourceOffsets.snapshotPartition(mirror, t));
            for (int slice = 0; slice < SourceOffsets.MAX_SNAPSHOT_SLICES; slice++) {
                ps.add(SourceOffsets.snapshotSlicePartition(mirror, t, slice));
                old.add(SourceOffsets.legacySnapshotSlicePartition(mirror, t, slice));
            }
            partitions.put(t, ps);
            legacy.put(t, old);
            all.addAll(ps);
            allLegacy.addAll(old);
        }
        // two look-ups: a legacy partition equals its current spelling as a map, so one result map cannot hold both
        Map<Map<String, Object>, Map<String, Object>> stored = reader.offsets(all);
        Map<Map<String, Object>, Map<String, Object>> storedLegacy = reader.offsets(allLegacy);
        Map<TableId, SnapshotProgress> out = new HashMap<>();
        partitions.forEach((t, ps) -> {
            List<SnapshotProgress> entries = new ArrayList<>();
            for (Map<String, Object> p : ps) {
                SnapshotProgress sp = stored == null ? null : SnapshotProgress.fromOffset(stored.get(p));
                if (sp != null) {
                    entries.add(sp);
                }
            }
            for (Map<String, Object> p : legacy.get(t)) {
                SnapshotProgress sp = storedLegacy == null ? null : SnapshotProgress.fromOffset(storedLegacy.get(p));
                if (sp != null) {
                    entries.add(sp);
                }
            }
            SnapshotProgress merged = ProgressMerge.merge(entries);
            if (merged != null) {
                out.put(t, merged);
            }
        });
        return out;
    }
}
