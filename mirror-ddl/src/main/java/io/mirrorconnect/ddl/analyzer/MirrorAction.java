package io.mirrorconnect.ddl.analyzer;

/** What a statement asks of the Connect cluster, in script order (what {@code apply} executes). */
public sealed interface MirrorAction {
    String mirror();

    /** {@code CREATE MIRROR}: create or update both connectors (left alone when IF NOT EXISTS and present). */
    record Create(MirrorDefinition definition) implements MirrorAction {
        @Override
        public String mirror() {
            return definition.name();
        }
    }

    /** {@code DROP MIRROR}: delete both connectors. */
    record Drop(String mirror, boolean ifExists) implements MirrorAction {
    }

    /** {@code PAUSE MIRROR}: pause both connectors. */
    record Pause(String mirror, boolean ifExists) implements MirrorAction {
    }

    /** {@code RESUME MIRROR}: resume both connectors. */
    record Resume(String mirror, boolean ifExists) implements MirrorAction {
    }
}
