package io.mirrorconnect.ddl.cli;

import io.mirrorconnect.ddl.connect.ConnectClient;
import io.mirrorconnect.ddl.connect.ConnectRestException;
import io.mirrorconnect.ddl.connect.MirrorOperationException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mirror-ddl}: compile PeerDB mirror SQL into Kafka Connect connector configs and manage the mirrors on a
 * Connect cluster. Exit codes: 0 ok, 2 SQL/validation or usage errors, 1 other failures (REST errors).
 */
@Command(name = "mirror-ddl", mixinStandardHelpOptions = true, versionProvider = MirrorDdl.Version.class,
        description = "Compiles PeerDB's CREATE PEER / CREATE MIRROR SQL into Kafka Connect connector configs"
                + " and manages the mirrors on a Connect cluster.",
        subcommands = {CompileCommand.class, ApplyCommand.class, DropCommand.class, PauseCommand.class,
                ResumeCommand.class, StatusCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:other failure (e.g. a Connect REST error)",
                "2:SQL, validation or usage errors"})
public final class MirrorDdl implements Runnable {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int INVALID = 2;

    final PrintWriter out;
    final PrintWriter err;
    final BiFunction<URI, Duration, ConnectClient> clients;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    MirrorDdl(PrintWriter out, PrintWriter err, BiFunction<URI, Duration, ConnectClient> clients) {
        this.out = out;
        this.err = err;
        this.clients = clients;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(args, out, err, ConnectClient::new);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the CLI with the given streams and Connect client factory; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err,
            BiFunction<URI, Duration, ConnectClient> clients) {
        CommandLine cmd = new CommandLine(new MirrorDdl(out, err, clients));
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((ex, line, parseResult) -> {
            if (ex instanceof ConnectRestException || ex instanceof MirrorOperationException) {
                err.println("mirror-ddl: error: " + ex.getMessage());
            } else {
                err.println("mirror-ddl: error: " + ex);
            }
            err.flush();
            return FAILURE;
        });
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The version from the jar manifest (Implementation-Version), or "dev". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = MirrorDdl.class.getPackage().getImplementationVersion();
            return new String[] {"mirror-ddl " + (v == null ? "dev" : v)};
        }
    }
}
