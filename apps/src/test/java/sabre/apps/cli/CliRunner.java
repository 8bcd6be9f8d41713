package sabre.apps.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code sabre} command line in-process for tests. */
final class CliRunner {
    private CliRunner() {
    }

    /** Returns {exit code, picocli's out + err text}. */
    static Object[] run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = SabreCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int code = cli.execute(args);
        return new Object[] {code, out.toString()};
    }
}
