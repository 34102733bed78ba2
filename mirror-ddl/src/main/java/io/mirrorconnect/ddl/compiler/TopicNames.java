package io.mirrorconnect.ddl.compiler;

import io.mirrorconnect.contract.TableId;

/** Kafka topic names of a mirror: {@code <mirror>.<schema>.<table>}, other characters than [A-Za-z0-9._-] as '_'. */
public final class TopicNames {
    private TopicNames() {
    }

    public static String forTable(String mirror, TableId table) {
        return sanitize(mirror + "." + table.schema() + "." + table.table());
    }

    public static String sanitize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            sb.append(ok ? c : '_');
        }
        return sb.toString();
    }
}
