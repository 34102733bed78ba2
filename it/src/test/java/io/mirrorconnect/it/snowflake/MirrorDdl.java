package io.mirrorconnect.it.snowflake;

import java.io.PrintWriter;
import java.io.StringWriter;

import io.mirrorconnect.ddl.connect.ConnectClient;

/** One in-process run of the {@code mirror-ddl} CLI: its exit code and what it printed. */
record MirrorDdl(int code, String out, String err) {

    static MirrorDdl run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = io.mirrorconnect.ddl.cli.MirrorDdl.run(args, new PrintWriter(out, true), new PrintWriter(err, true),
                ConnectClient::new);
        return new MirrorDdl(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "mirror-ddl exited with " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
