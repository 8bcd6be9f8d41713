package sabre.apps.attack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sabre.apps.KillLoop;
import sabre.apps.LiveFolder;
import sabre.apps.SameOutputs;
import sabre.nn.io.Npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash safety of attack jobs, each attempt a child JVM: {@code sabre attack} (PGD at two radii, 24 images) and
 * {@code sabre compare} (PGD and AutoAdversary, whose per-radius path and per-image encoders differ, 4 images) are
 * SIGKILLed 20 times each at seeded random moments and run again with the same command until they
 * finish; the journal never goes back (no finished batch is lost), and the finished output folder equals an
 * uninterrupted run's file for file and byte for byte (samples.csv, adversarial.npy, masks.npy, grid.png, results and
 * compare tables), timings aside. Inputs: the committed fooled fixture (a SmallCnn and images it classifies
 * correctly), one image per batch so that a child makes progress soon after its start-up (its first batches run
 * slowly, while the JIT compiles the kernels) and kills land between batches; the test fails unless at least a quarter
 * of the kills land mid-job (its journal open) and a quarter after a journaled batch (every second kill waits for one),
 * so the resume from the journal runs under kills too; {@link AttackJournalTest} checks it in-process.
 */
@Timeout(value = 420, unit = TimeUnit.SECONDS)
class AttackCrashTest {
    private static final int KILLS = 20;
    private static final int BATCH = 1;
    private static final Path FIXTURE = Path.of("..", "attacks", "src", "test", "resources", "sabre", "attacks",
            "fixture").toAbsolutePath().normalize();

    @TempDir
    Path tmp;
    private Path images;
    private Path labels;

    /** The first {@code n} fixture images and labels as .npy files. */
    private void writeInputs(int n) throws IOException {
        images = tmp.resolve("images.npy");
        labels = tmp.resolve("labels.npy");
        Npy.write(images, Npy.read(FIXTURE.resolve("images.npy")).narrow(0, 0, n));
        Npy.write(labels, Npy.read(FIXTURE.resolve("labels.npy")).narrow(0, 0, n));
    }

    private List<String> command(String name, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of(name, "--arch", "smallcnn", "--weights",
                FIXTURE.resolve("smallcnn.safetensors").toString(), "--images", images.toString(), "--labels",
                labels.toString(), "--batch", Integer.toString(BATCH), "--seed", "3", "--threads", "1", "--out",
                out.toString()));
        args.addAll(List.of(extra));
        return KillLoop.sabre(args.toArray(String[]::new));
    }

    @Test
    void attackKilledTwentyTimesEndsWithTheResultsOfAnUninterruptedRun() throws Exception {
        check("attack", 24, 0.7, "--method", "pgd", "--eps", "4/255,8/255", "--steps", "5");
    }

    @Test
    void compareKilledTwentyTimesEndsWithTheResultsOfAnUninterruptedRun() throws Exception {
        check("compare", 4, 0.5, "--methods", "pgd,autoadversary", "--eps", "8/255", "--set", "pgd.steps=5", "--set",
                "autoadversary.steps=2", "--set", "autoadversary.prune-steps=4");
    }

    /**
     * Kills {@code sabre name} on the first {@code n} images {@value #KILLS} times, {@code 100 ms + U(0, fraction)}
     * × an uninterrupted run's time after each start.
     */
    private void check(String name, int n, double fraction, String... extra) throws Exception {
        long t0 = System.nanoTime();
        writeInputs(n);
        Path straight = tmp.resolve("straight");
        long runMillis = KillLoop.runToEnd(command(name, straight, extra), tmp.resolve("straight.log"));
        int[] resumed = new int[2]; // kills after which the journal held a batch; files compared
        KillLoop.Job job = new KillLoop.Job() {
            private int before;

            @Override
            public List<String> command(Path dir) throws IOException {
                before = finishedBatches(dir, n);
                return AttackCrashTest.this.command(name, dir, extra);
            }

            @Override
            public boolean killed(Path dir, Path log) throws IOException {
                int after = finishedBatches(dir, n);
                assertTrue(after >= before, "finished batches went from " + before + " to " + after + " (" + log
                        + ")");
                resumed[0] += after > 0 ? 1 : 0;
                return !journals(dir).isEmpty();
            }

            @Override
            public int progress(Path dir) throws IOException {
                return finishedBatches(dir, n);
            }

            @Override
            public void finished(Path dir) throws IOException {
                resumed[1] = SameOutputs.assertSame(straight, dir);
            }
        };
        KillLoop.Tally t = KillLoop.run(tmp, job, KILLS, 20261203, runMillis, fraction);
        System.out.printf("AttackCrashTest %s: %d SIGKILLs over %d runs (uninterrupted run %d ms, test %d s), %d "
                + "mid-job, %d with finished batches journaled; every run ended with the same %d files as the "
                + "uninterrupted run (timings aside); finished batches lost: 0%n", name, t.kills(), t.chains(),
                runMillis, (System.nanoTime() - t0) / 1_000_000_000, t.midJob(), resumed[0], resumed[1]);
        t.assertMidJob();
        // every second kill waits for a journaled batch (KillLoop), so the resume from the journal is exercised
        assertTrue(resumed[0] >= KILLS / 4, "only " + resumed[0] + " of " + KILLS + " kills left a finished batch to resume from");
    }

    /**
     * Finished batches in an output folder: per result folder, all of them once its results.json is written, else
     * those in its journal. The child may be writing the folder meanwhile, so it is read as a {@link LiveFolder}.
     */
    private static int finishedBatches(Path out, int images) throws IOException {
        int batches = (images + BATCH - 1) / BATCH;
        int n = batches * (int) LiveFolder.walk(out).stream()
                .filter(p -> p.getFileName().toString().equals("results.json")).count();
        for (Path j : journals(out)) {
            if (!Files.exists(j.resolveSibling("results.json"))) {
                n += (int) LiveFolder.list(j).stream().filter(p -> p.getFileName().toString().startsWith("batch-"))
                        .count();
            }
        }
        return n;
    }

    private static List<Path> journals(Path out) throws IOException {
        return LiveFolder.walk(out).stream()
                .filter(p -> p.getFileName().toString().equals(AttackJournal.FOLDER) && Files.isDirectory(p)).toList();
    }
}
