package io.mirrorconnect.ddl.cli;

import java.util.Locale;

/** Mirror names on the command line follow the SQL: lower-cased unless written in double quotes. */
final class MirrorNames {
    private MirrorNames() {
    }

    static String normalize(String name) {
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            return name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
