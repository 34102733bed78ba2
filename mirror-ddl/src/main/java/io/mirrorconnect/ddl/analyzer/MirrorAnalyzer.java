package io.mirrorconnect.ddl.analyzer;

import io.mirrorconnect.contract.TableId;
import io.mirrorconnect.contract.TopicNames;
import io.mirrorconnect.ddl.parser.CdcMirror;
import io.mirrorconnect.ddl.parser.Name;
import io.mirrorconnect.ddl.parser.QRepMirror;
import io.mirrorconnect.ddl.parser.QualifiedName;
import io.mirrorconnect.ddl.parser.Span;
import io.mirrorconnect.ddl.parser.TableMappingEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validates a {@code CREATE MIRROR} whose peers are known and of the right types: options and defaults, table
 * mapping rules (CDC), and query/mode rules (QRep). Returns null when the statement has errors.
 */
final class MirrorAnalyzer {
    private MirrorAnalyzer() {
    }

    static CdcMirrorDefinition cdc(CdcMirror stmt, Peer source, Peer target, Diagnostics diagnostics) {
        int before = diagnostics.errors().size();
        String title = stmt.title();
        ResolvedOptions options = MirrorSpec.CDC.resolve(stmt.options(), title, stmt.name().span(), diagnostics);
        if (stmt.mappings().isEmpty()) {
            diagnostics.error(stmt.mappingSpan(), "TABLE MAPPING of " + title + " is empty");
        }
        List<TableMapping> mappings = new ArrayList<>();
        Set<TableId> sources = new HashSet<>();
        Set<TableId> targets = new HashSet<>();
        for (TableMappingEntry e : stmt.mappings()) {
            TableId from = sourceTable(e.from(), "source table", title, diagnostics);
            TableId to = targetTable(e.to(), target, "target table", title, diagnostics);
            if (from != null && !sources.add(from)) {
                diagnostics.error(e.from().span(), "source table '" + from + "' is mapped twice in " + title);
            }
            if (to != null && !targets.add(to)) {
                diagnostics.error(e.to().span(), "target table '" + to + "' is the target of two source tables in "
                        + title);
            }
            Set<String> excluded = new HashSet<>();
            List<String> columns = new ArrayList<>();
            for (Name c : e.exclude()) {
                if (!excluded.add(c.value())) {
                    diagnostics.error(c.span(), "column '" + c.value() + "' excluded twice in " + title);
                } else {
                    columns.add(c.value());
                }
            }
            if (from != null && to != null) {
                mappings.add(new TableMapping(from, to, columns));
            }
        }
        Map<String, String> topics = new LinkedHashMap<>();
        for (TableMapping t : mappings) {
            topics.put(TopicNames.forTable(stmt.name().value(), t.source()), t.source().toString());
        }
        DeadLetterTopicRules.check(options, topics, title, diagnostics);
        ScaleOutRules.check(options, title, false, diagnostics);
        ResolvedOption slot = options.get("replication_slot_name");
        if (slot != null && options.bool("do_initial_copy")) {
            diagnostics.error(slot.span(), "replication_slot_name in " + title + " cannot be used with"
                    + " do_initial_copy = true: an existing slot has no snapshot to copy from");
        }
        if (diagnostics.errors().size() > before) {
            return null;
        }
        return new CdcMirrorDefinition(stmt.name().value(), stmt.ifNotExists(), source, target, mappings, options,
                stmt.name().span());
    }

    static QRepMirrorDefinition qrep(QRepMirror stmt, Peer source, Peer target, Diagnostics diagnostics) {
        int before = diagnostics.errors().size();
        String title = stmt.title();
        ResolvedOptions options = MirrorSpec.QREP.resolve(stmt.options(), title, stmt.name().span(), diagnostics);
        TableId destination = null;
        ResolvedOption dest = options.get("destination_table_name");
        if (dest != null) {
            destination = parseTable(dest, "destination_table_name", title, diagnostics);
            if (destination != null && destination.schema() != null && target.type().unqualifiedTargets()) {
                diagnostics.error(dest.span(), unqualifiedMessage("destination_table_name '" + destination + "'",
                        target, title));
                destination = null;
            }
        }
        TableId watermarkTable = null;
        ResolvedOption wmTable = options.get("watermark_table_name");
        if (wmTable != null) {
            watermarkTable = parseTable(wmTable, "watermark_table_name", title, diagnostics);
            if (watermarkTable != null && watermarkTable.schema() == null) {
                diagnostics.error(wmTable.span(), "watermark_table_name '" + watermarkTable + "' in " + title
                        + " must be schema-qualified (e.g. public." + watermarkTable + ")");
            }
        }
        DeadLetterTopicRules.check(options, watermarkTable == null ? Map.of()
                : Map.of(TopicNames.forTable(stmt.name().value(), watermarkTable), watermarkTable.toString()),
                title, diagnostics);
        String mode = options.text("mode");
        ScaleOutRules.check(options, title, !"upsert".equals(mode), diagnostics);
        ResolvedOption modeOption = options.get("mode");
        Span modeSpan = modeOption.span() != null ? modeOption.span() : stmt.name().span();
        if ("upsert".equals(mode) && !options.has("unique_key_columns")) {
            diagnostics.error(modeSpan, "mode = 'upsert' in " + title + " needs unique_key_columns");
        }
        if (!"upsert".equals(mode) && options.has("unique_key_columns")) {
            diagnostics.error(options.get("unique_key_columns").span(), "unique_key_columns in " + title
                    + " is only used with mode = 'upsert' (mode is '" + mode + "')");
        }
        if ("overwrite".equals(mode) && !options.bool("initial_copy_only")) {
            diagnostics.error(modeSpan, "mode = 'overwrite' in " + title + " needs initial_copy_only = true");
        }
        String watermark = options.text("watermark_column");
        boolean xmin = watermark != null && watermark.trim().toLowerCase(Locale.ROOT).equals("xmin");
        if (watermark != null && !xmin
                && !(stmt.query().contains("{{.start}}") && stmt.query().contains("{{.end}}"))) {
            diagnostics.error(stmt.querySpan(), "the query of " + title + " must contain {{.start}} and {{.end}}"
                    + " (the watermark range) unless watermark_column is xmin");
        }
        if (stmt.query().isBlank()) {
            diagnostics.error(stmt.querySpan(), "the query of " + title + " is empty");
        }
        if (diagnostics.errors().size() > before) {
            return null;
        }
        return new QRepMirrorDefinition(stmt.name().value(), stmt.ifNotExists(), source, target, stmt.query(),
                watermarkTable, destination, options, stmt.name().span());
    }

    private static TableId parseTable(ResolvedOption option, String what, String title, Diagnostics diagnostics) {
        try {
            List<String> parts = TableId.splitQualified(option.value(), option.value());
            if (parts.size() > 2) {
                diagnostics.error(option.span(), what + " '" + option.value() + "' in " + title
                        + " has too many parts: expected table or schema.table");
                return null;
            }
            return parts.size() == 1 ? TableId.of(null, parts.get(0)) : TableId.of(parts.get(0), parts.get(1));
        } catch (IllegalArgumentException e) {
            diagnostics.error(option.span(), what + " in " + title + ": " + e.getMessage());
            return null;
        }
    }

    private static TableId sourceTable(QualifiedName name, String what, String title, Diagnostics diagnostics) {
        if (name.parts().size() > 2) {
            diagnostics.error(name.span(), what + " '" + name + "' in " + title
                    + " has too many parts: expected schema.table");
            return null;
        }
        if (!name.isQualified()) {
            diagnostics.error(name.span(), what + " '" + name + "' in " + title
                    + " must be schema-qualified (e.g. public." + name + ")");
            return null;
        }
        return name.toTableId();
    }

    private static TableId targetTable(QualifiedName name, Peer target, String what, String title,
            Diagnostics diagnostics) {
        if (name.parts().size() > 2) {
            diagnostics.error(name.span(), what + " '" + name + "' in " + title
                    + " has too many parts: expected table or schema.table");
            return null;
        }
        if (name.isQualified() && target.type().unqualifiedTargets()) {
            diagnostics.error(name.span(), unqualifiedMessage(what + " '" + name + "'", target, title));
            return null;
        }
        return name.toTableId();
    }

    private static String unqualifiedMessage(String subject, Peer target, String title) {
        String container = target.type() == PeerType.BIGQUERY ? "dataset" : "database";
        return subject + " in " + title + " must not be schema-qualified: " + target.type()
                + " tables go to the peer's " + container;
    }
}
