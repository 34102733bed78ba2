package io.mirrorconnect.ddl.analyzer;

import io.mirrorconnect.contract.TopicNames;
import java.util.Map;

/**
 * Checks a mirror's {@code dead_letter_topic}: a topic name Kafka accepts (only {@code [A-Za-z0-9._-]}, at most
 * 249 characters, not {@code .} or {@code ..}), and none of the mirror's own data topics, nor one that Kafka
 * would refuse next to them ('.' and '_' are the same character in Kafka's metric names, so {@code a.b} and
 * {@code a_b} cannot both exist). A replication factor without a dead-letter topic is an error too. Pure.
 */
final class DeadLetterTopicRules {
    static final String TOPIC = "dead_letter_topic";
    static final String REPLICATION_FACTOR = "dead_letter_topic_replication_factor";

    private DeadLetterTopicRules() {
    }

    /** @param dataTopics the mirror's data topics, each with the source table it carries (for messages) */
    static void check(ResolvedOptions options, Map<String, String> dataTopics, String title, Diagnostics diagnostics) {
        ResolvedOption topic = options.get(TOPIC);
        ResolvedOption factor = options.get(REPLICATION_FACTOR);
        if (topic == null) {
            if (factor != null && !factor.isDefault()) {
                diagnostics.error(factor.span(), REPLICATION_FACTOR + " in " + title + " needs " + TOPIC
                        + " (it only sizes the dead-letter topic)");
            }
            return;
        }
        String name = topic.value();
        String what = TOPIC + " '" + name + "' in " + title;
        if (name.isEmpty()) {
            diagnostics.error(topic.valueSpan(), TOPIC + " in " + title + " must not be empty");
            return;
        }
        if (name.length() > TopicNames.MAX_LENGTH) {
            diagnostics.error(topic.valueSpan(), TOPIC + " in " + title + " is " + name.length()
                    + " characters long; Kafka topic names have at most " + TopicNames.MAX_LENGTH);
            return;
        }
        if (name.equals(".") || name.equals("..")) {
            diagnostics.error(topic.valueSpan(), what + " is not a legal Kafka topic name");
            return;
        }
        String sanitized = TopicNames.sanitize(name);
        if (!sanitized.equals(name)) {
            int bad = firstDifference(name, sanitized);
            diagnostics.error(topic.valueSpan(), what + " contains '" + new String(Character.toChars(name.codePointAt(bad)))
                    + "', which Kafka topic names cannot: only ASCII letters, digits, '.', '_' and '-'");
            return;
        }
        String own = dataTopics.get(name);
        if (own != null) {
            diagnostics.error(topic.valueSpan(), what + " is the mirror's data topic of " + own
                    + ": the dead-letter topic must be a topic of its own");
            return;
        }
        String collapsed = name.replace('.', '_');
        for (Map.Entry<String, String> e : dataTopics.entrySet()) {
            if (e.getKey().replace('.', '_').equals(collapsed)) {
                diagnostics.error(topic.valueSpan(), what + " collides with the mirror's data topic '" + e.getKey()
                        + "' of " + e.getValue() + " ('.' and '_' are the same in Kafka's metric names, so Kafka"
                        + " refuses the pair)");
                return;
            }
        }
    }

    private static int firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
