package sabre.apps.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

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

    /** Trains a small CNN for four steps into {@code dir} (a model that gets some test images right) for CLI tests. */
    static Path tinyRun(Path dir) {
        Object[] r = run("train", "--model", "smallcnn", "--data", "fashion-mnist-subset", "--epochs", "1", "--batch",
                "10", "--limit-train", "4", "--limit-test", "1", "--lr", "0.02", "--out", dir.toString());
        if (!Integer.valueOf(0).equals(r[0])) {
            throw new AssertionError("train failed: " + r[1]);
        }
        return dir;
    }
}
