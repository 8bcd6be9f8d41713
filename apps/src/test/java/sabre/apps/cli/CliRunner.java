package sabre.apps.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code sabre} command line in-process for tests. */
final class CliRunner {
    private CliRunner() {
    }

    /** Returns {exit code, picocli's out and err text followed by what the command printed to System.out}. */
    static synchronized Object[] run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = SabreCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        int code;
        try {
            code = cli.execute(args);
        } finally {
            System.setOut(stdout);
        }
        return new Object[] {code, out + printed.toString(StandardCharsets.UTF_8)};
    }
}
