package io.mirrorconnect.ddl.parser;

import io.mirrorconnect.contract.TableId;
import java.util.List;

/** A dotted name such as {@code public.users} or {@code "My Schema".t}, parts as written (quotes removed). */
public record QualifiedName(List<String> parts, Span span) {
    public QualifiedName {
        parts = List.copyOf(parts);
    }

    public boolean isQualified() {
        return parts.size() > 1;
    }

    /** The table id for a one- or two-part name; callers reject longer names first. */
    public TableId toTableId() {
        return parts.size() == 1 ? TableId.of(null, parts.get(0)) : TableId.of(parts.get(0), parts.get(1));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(TableId.quotePart(p));
        }
        return sb.toString();
    }
}
