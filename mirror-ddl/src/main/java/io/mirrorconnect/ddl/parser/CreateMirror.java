package io.mirrorconnect.ddl.parser;

import java.util.List;

/** {@code CREATE MIRROR}: a CDC mirror (TABLE MAPPING) or a query-replication mirror ({@code FOR $$query$$}). */
public sealed interface CreateMirror extends Statement permits CdcMirror, QRepMirror {
    Name name();

    boolean ifNotExists();

    Name source();

    Name target();

    List<OptionEntry> options();

    @Override
    default String title() {
        return "CREATE MIRROR " + name().value();
    }
}
