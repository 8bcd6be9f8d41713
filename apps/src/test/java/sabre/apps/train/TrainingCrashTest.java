package sabre.apps.train;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sabre.apps.KillLoop;
import sabre.apps.report.MetricsLog;
import sabre.nn.io.Checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash safety of {@code sabre train}, each run a child JVM: SIGKILLed at seeded random moments (start-up, training,
 * evaluation, writing files) and resumed with {@code --resume} until it finishes, a run ends with the same weights,
 * checkpoint and metrics as an uninterrupted run, bit for bit, and no kill loses more than the epoch in progress
 * (the checkpoint interval). A file-size limit ({@code ulimit -f}, like a full disk) and a read-only run directory
 * end the run with a message naming the problem and leave the previous checkpoint as it was.
 */
@Timeout(value = 280, unit = TimeUnit.SECONDS)
class TrainingCrashTest {
    private static final int KILLS = 20;
    private static final int EPOCHS = 5;

    @TempDir
    Path tmp;

    private static List<String> command(Path out, boolean resume) {
        List<String> cmd = KillLoop.sabre("train", "--model", "smallcnn", "--data", "fashion-mnist-subset",
                "--limit-train", "30", "--limit-test", "10", "--epochs", Integer.toString(EPOCHS), "--batch", "50",
                "--seed", "5", "--threads", "1", "--out", out.toString());
        if (resume) {
            cmd.add("--resume");
        }
        return cmd;
    }

    /** Epochs the checkpoint names as done, 0 without one. */
    private static int epochsDone(Path dir) throws IOException {
        Path c = new RunFiles(dir).checkpoint();
        return Files.exists(c) ? Integer.parseInt(Checkpoint.load(c).metadata("epochs_done")) : 0;
    }

    /** Epoch lines ("epoch k/N: ...") a child printed before it died. */
    private static int epochsPrinted(Path log) throws IOException {
        return (int) Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> l.matches("epoch \\d+/\\d+: train loss.*")).count();
    }

    /** The metrics without the timing columns, which differ between any two runs. */
    private static List<List<Double>> results(Path dir) throws IOException {
        List<List<Double>> out = new ArrayList<>();
        for (var row : MetricsLog.read(new RunFiles(dir).metricsJson()).rows()) {
            out.add(List.of(row.get("epoch"), row.get("lr"), row.get("train_loss"), row.get("train_acc"),
                    row.get("test_loss"), row.get("test_acc")));
        }
        return out;
    }

    private static void assertSameRun(Path expected, Path actual) throws IOException {
        RunFiles e = new RunFiles(expected);
        RunFiles a = new RunFiles(actual);
        assertArrayEquals(Files.readAllBytes(e.weights()), Files.readAllBytes(a.weights()), actual + ": weights");
        assertArrayEquals(Files.readAllBytes(e.checkpoint()), Files.readAllBytes(a.checkpoint()), actual + ": checkpoint");
        assertEquals(results(expected), results(actual), actual + ": metrics");
    }

    @Test
    void killedAndResumedRunsEndBitIdenticalToAnUninterruptedRun() throws Exception {
        Path straight = tmp.resolve("straight");
        long runMillis = KillLoop.runToEnd(command(straight, false), tmp.resolve("straight.log"));
        int[] counts = new int[3]; // epochs redone, most redone by one kill, kills after a new checkpoint
        KillLoop.Job job = new KillLoop.Job() {
            private int before;

            @Override
            public List<String> command(Path dir) throws IOException {
                before = epochsDone(dir);
                return TrainingCrashTest.command(dir, before > 0);
            }

            @Override
            public boolean killed(Path dir, Path log) throws IOException {
                int lost = Math.max(before, epochsPrinted(log)) - epochsDone(dir);
                assertTrue(lost <= 1, "a kill lost " + lost + " epochs (log " + log + ")");
                assertTrue(epochsDone(dir) >= before, "the checkpoint went back");
                counts[0] += lost;
                counts[1] = Math.max(counts[1], lost);
                counts[2] += epochsDone(dir) > before ? 1 : 0;
                return Files.readString(log).contains("training smallcnn");
            }

            @Override
            public void finished(Path dir) throws IOException {
                assertSameRun(straight, dir);
            }
        };
        KillLoop.Tally t = KillLoop.run(tmp, job, KILLS, 20261203, runMillis, 0.6);
        System.out.printf("TrainingCrashTest: %d SIGKILLs over %d runs (uninterrupted run %d ms, kills %d s), %d "
                + "after training had started, %d after the child wrote a checkpoint; all ended bit-identical; "
                + "epochs redone after kills: %d (at most %d per kill), finished epochs lost: 0%n", t.kills(),
                t.chains(), runMillis, t.seconds(), t.midJob(), counts[2], counts[0], counts[1]);
        t.assertMidJob();
    }

    @Test
    void fileSizeLimitFailsClearlyAndKeepsTheCheckpoint() throws Exception {
        Path partial = tmp.resolve("partial");
        Process q = KillLoop.start(command(partial, false), tmp.resolve("partial.log"));
        waitForCheckpoint(partial, q);
        q.destroyForcibly().waitFor();
        byte[] before = Files.readAllBytes(new RunFiles(partial).checkpoint());
        long limitBlocks = before.length / 1024 / 3; // neither weights nor checkpoint fit; metrics and plots do
        int done = epochsDone(partial);
        Path log = tmp.resolve("full-1.log");
        String java = String.join(" ", command(partial, true).stream().map(TrainingCrashTest::quote).toList());
        Process limited = new ProcessBuilder("bash", "-c", "ulimit -f " + limitBlocks + " && exec " + java)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertNotEquals(0, limited.waitFor(), "a run that cannot write its checkpoint must fail");
        String text = Files.readString(log);
        assertTrue(text.contains("sabre train: " + partial.toAbsolutePath()) && text.contains("File too large")
                && text.contains("the previous file, if any, is unchanged"), text);
        assertArrayEquals(before, Files.readAllBytes(new RunFiles(partial).checkpoint()), "checkpoint changed");
        assertEquals(done, epochsDone(partial));
        System.out.printf("TrainingCrashTest: file-size limit %d KiB -> %s%n", limitBlocks,
                text.lines().filter(l -> l.startsWith("sabre train: ")).findFirst().orElse("?"));
    }

    @Test
    void readOnlyRunDirectoryFailsClearlyAndKeepsTheCheckpoint() throws Exception {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "root writes into read-only directories; run as another user to check this");
        Path dir = tmp.resolve("ro");
        Process q = KillLoop.start(command(dir, false), tmp.resolve("ro-0.log"));
        waitForCheckpoint(dir, q);
        q.destroyForcibly().waitFor();
        byte[] before = Files.readAllBytes(new RunFiles(dir).checkpoint());
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Path log = tmp.resolve("ro-1.log");
            assertNotEquals(0, KillLoop.start(command(dir, true), log).waitFor());
            String text = Files.readString(log);
            assertTrue(text.contains("sabre train: ") && text.contains(dir.toString()), text);
            assertArrayEquals(before, Files.readAllBytes(new RunFiles(dir).checkpoint()));
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** Waits until the run has written its first checkpoint (or ended). */
    private static void waitForCheckpoint(Path dir, Process p) throws Exception {
        while (epochsDoneQuietly(dir) < 1 && p.isAlive()) {
            Thread.sleep(20);
        }
    }

    private static int epochsDoneQuietly(Path dir) {
        try {
            return epochsDone(dir);
        } catch (IOException e) {
            return 0; // being written
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
