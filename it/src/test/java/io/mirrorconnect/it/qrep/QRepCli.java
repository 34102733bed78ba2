package io.mirrorconnect.it.qrep;

import java.io.PrintWriter;
import java.io.StringWriter;

import io.mirrorconnect.ddl.cli.MirrorDdl;
import io.mirrorconnect.ddl.connect.ConnectClient;

/** One in-process run of the {@code mirror-ddl} CLI: its exit code and what it printed. */
record QRepCli(int code, String out, String err) {

    static QRepCli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MirrorDdl.run(args, new PrintWriter(out, true), new PrintWriter(err, true), ConnectClient::new);
        return new QRepCli(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "mirror-ddl exited with " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
