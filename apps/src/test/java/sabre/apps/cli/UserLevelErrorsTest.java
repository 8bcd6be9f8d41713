package sabre.apps.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import sabre.nn.io.Npy;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Tensor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inputs that used to surface an engine's internal message ({@code stack: needs at least one tensor}, a division by
 * zero, {@code split: split size must be positive}) are refused first with a message in the user's terms, and an
 * exception that is a bug reads as one "internal error (please report)" line.
 */
class UserLevelErrorsTest extends TinyRunTest {
    /** Runs the command; asserts exit code 1, {@code expected} in the text, and no internal detail or trace. */
    private static void refused(String expected, String... args) {
        Object[] r = CliRunner.run(args);
        String text = (String) r[1];
        assertEquals(1, r[0], text);
        assertTrue(text.contains(expected), "expected '" + expected + "' in:\n" + text);
        for (String internal : List.of("stack:", "split:", "data loader:", "SmallCnn:", "/ by zero", "\tat ")) {
            assertFalse(text.contains(internal), "internal detail '" + internal + "' reached the user:\n" + text);
        }
    }

    @Test
    void emptyCountsAndInputsAreRefusedInTheUsersTerms() throws Exception {
        Path empty = tmp.resolve("empty.npy");
        Npy.write(empty, Tensor.full(Device.CPU, DType.FLOAT32, 0, 0, 1, 28, 28));
        Path three = tmp.resolve("three.npy");
        Npy.write(three, Tensor.full(Device.CPU, DType.FLOAT32, 0, 2, 3, 28, 28));
        Path two = tmp.resolve("two.npy");
        Npy.write(two, Tensor.full(Device.CPU, DType.FLOAT32, 0, 2, 1, 28, 28));
        String r = run.toString();
        String out = tmp.resolve("out").toString();
        refused("--count must be at least 1, found 0", "cam", "--run", r, "--count", "0", "--out", out);
        refused("--zoom must be at least 1, found 0", "cam", "--run", r, "--count", "1", "--zoom", "0", "--out", out);
        refused("empty.npy: holds no images (shape [0, 1, 28, 28])", "cam", "--run", r, "--images",
                empty.toString(), "--out", out);
        refused("empty.npy: holds no images", "predict", "--run", r, "--images", empty.toString(), "--out", out);
        refused("--batch must be at least 1, found 0", "predict", "--run", r, "--images", two.toString(), "--batch",
                "0", "--out", out);
        refused("--batch must be at least 1, found 0", "eval", "--run", r, "--batch", "0");
        refused("is a smallcnn for 1x28x28 images (channels x height x width); these images are 3x28x28", "predict",
                "--run", r, "--images", three.toString(), "--out", out);
        refused("--n must be at least 1, found 0", "demo", "--n", "0", "--out", out);
        refused("empty.npy: holds no images", "attack", "--run", r, "--images", empty.toString(), "--labels",
                empty.toString(), "--out", out);
    }

    /** A command whose code has a bug. */
    @Command(name = "buggy")
    static final class Buggy implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("stack: an engine invariant");
        }
    }

    @Test
    void aBugIsReportedAsAnInternalErrorInOneLine() {
        CommandLine cli = SabreCli.commandLine();
        cli.addSubcommand("buggy", new Buggy());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        assertEquals(1, cli.execute("buggy"));
        assertEquals("sabre buggy: internal error (please report): java.lang.IllegalStateException: stack: an engine "
                + "invariant (-Dsabre.stacktrace=true shows where)", err.toString().strip());
    }
}
