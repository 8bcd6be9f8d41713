package sabre.apps.advmask;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sabre.apps.KillLoop;
import sabre.apps.LiveFolder;
import sabre.apps.SameOutputs;
import sabre.apps.cli.SabreCli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash safety of {@code sabre advmask generate}, each attempt a child JVM: SIGKILLed 20 times at seeded random
 * moments and run again with the same command until it finishes, its finished batches never go back, and the points
 * file, summary (timings aside) and histogram equal an uninterrupted run's byte for byte. A tiny run (smallcnn, four
 * steps) is the base model; 10 training images, one per batch, 3 dense and 2 pruning steps.
 */
@Timeout(value = 420, unit = TimeUnit.SECONDS)
class AdvmaskCrashTest {
    private static final int KILLS = 20;
    private static final int IMAGES = 10;
    private static final int BATCH = 1;

    @TempDir
    Path tmp;

    private static List<String> command(Path run, Path dir) {
        return KillLoop.sabre("advmask", "generate", "--run", run.toString(), "--limit-train",
                Integer.toString(IMAGES / 10), "--batch", Integer.toString(BATCH), "--dense-steps", "3", "--steps", "2",
                "--seed", "2",
                "--threads", "1", "--out", dir.resolve("points.safetensors").toString());
    }

    /** Finished batches: all once the points file is written, else those among the parts. */
    private static int finishedBatches(Path dir) throws IOException {
        if (Files.exists(dir.resolve("points.safetensors"))) {
            return IMAGES / BATCH;
        }
        return (int) LiveFolder.list(dir.resolve("points.safetensors.parts")).stream()
                .filter(p -> p.getFileName().toString().startsWith("batch-")).count();
    }

    @Test
    void generationKilledTwentyTimesEndsWithThePointsOfAnUninterruptedRun() throws Exception {
        long t0 = System.nanoTime();
        Path run = tmp.resolve("run");
        assertEquals(0, SabreCli.commandLine().execute("train", "--model", "smallcnn", "--data",
                "fashion-mnist-subset", "--epochs", "1", "--batch", "10", "--limit-train", "4", "--limit-test", "1",
                "--lr", "0.02", "--threads", "1", "--out", run.toString()), "training the base model");
        Path straight = tmp.resolve("straight");
        long runMillis = KillLoop.runToEnd(command(run, straight), tmp.resolve("straight.log"));
        int[] counts = new int[2]; // kills after which batches were finished; files compared
        KillLoop.Job job = new KillLoop.Job() {
            private int before;

            @Override
            public List<String> command(Path dir) throws IOException {
                before = finishedBatches(dir);
                return AdvmaskCrashTest.command(run, dir);
            }

            @Override
            public boolean killed(Path dir, Path log) throws IOException {
                int after = finishedBatches(dir);
                assertTrue(after >= before, "finished batches went from " + before + " to " + after + " (" + log
                        + ")");
                counts[0] += after > 0 ? 1 : 0;
                return Files.isDirectory(dir.resolve("points.safetensors.parts"));
            }

            @Override
            public int progress(Path dir) throws IOException {
                return finishedBatches(dir);
            }

            @Override
            public void finished(Path dir) throws IOException {
                counts[1] = SameOutputs.assertSame(straight, dir);
            }
        };
        KillLoop.Tally t = KillLoop.run(tmp, job, KILLS, 20261204, runMillis, 0.8);
        System.out.printf("AdvmaskCrashTest: %d SIGKILLs over %d runs (uninterrupted run %d ms, test %d s), %d "
                + "mid-job, %d with finished batches; every run ended with the same %d files as the uninterrupted "
                + "run (timings aside); finished batches lost: 0%n", t.kills(), t.chains(), runMillis,
                (System.nanoTime() - t0) / 1_000_000_000, t.midJob(), counts[0], counts[1]);
        t.assertMidJob();
        // every second kill waits for a journaled batch (KillLoop), so the resume from the journal is exercised
        assertTrue(counts[0] >= KILLS / 4, "only " + counts[0] + " of " + KILLS + " kills left a finished batch to resume from");
    }
}
