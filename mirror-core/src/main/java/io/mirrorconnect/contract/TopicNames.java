package io.mirrorconnect.contract;

/**
 * Topic names of the record contract: {@code <prefix>.<schema>.<table>}, every character outside
 * {@code [A-Za-z0-9._-]} replaced by '_', cut to Kafka's 249-character limit. The compiler (which names the
 * sink's topics) and the sources (which write them) both call this, so the two cannot disagree.
 */
public final class TopicNames {
    /** Kafka's longest legal topic name. */
    public static final int MAX_LENGTH = 249;

    private TopicNames() {
    }

    public static String forTable(String prefix, TableId table) {
        return sanitize(prefix + "." + table.schema() + "." + table.table());
    }

    public static String sanitize(String name) {
        StringBuilder sb = new StringBuilder(Math.min(name.length(), MAX_LENGTH));
        for (int i = 0; i < name.length() && sb.length() < MAX_LENGTH; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            sb.append(ok ? c : '_');
        }
        return sb.toString();
    }
}
