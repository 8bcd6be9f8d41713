package sabre.apps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crash tests' machinery: runs a {@code sabre} command in child JVMs, SIGKILLs them at seeded random moments and
 * starts them again in the same output folder until one finishes (a chain), as many chains as it takes to land the
 * wanted number of kills; the job checks each kill (nothing finished lost) and each chain's end (the same outputs
 * as an uninterrupted run). A kill {@code 100 ms + U(0, fraction) × the uninterrupted run's time} after the start
 * lands in start-up, the work or the writing of files alike; the delays scale with the measured run, so a faster
 * machine finishes sooner. For a job that reports its {@link Job#progress progress}, every second kill instead waits
 * until the attempt has finished a unit of work (a journaled batch) and lands a quarter of that delay later, so the
 * next attempt must resume from the journal (on a loaded machine, start-up and JIT warm-up alone can outlast every
 * delay drawn from the start).
 *
 * <pre>{@code long ms = KillLoop.runToEnd(KillLoop.sabre("attack", ...), log);
 * KillLoop.Tally t = KillLoop.run(tmp, job, 20, 20261203, ms, 0.6);}</pre>
 */
public final class KillLoop {
    private KillLoop() {
    }

    /** One kind of job under the loop. */
    public interface Job {
        /** The command of the next attempt in {@code dir} (empty or holding killed attempts' files). */
        List<String> command(Path dir) throws IOException;

        /**
         * Called after the attempt in {@code dir} that logged to {@code log} was killed: asserts that nothing
         * finished was lost; returns whether the kill landed mid-job (the work had started).
         */
        boolean killed(Path dir, Path log) throws IOException;

        /** Called when a chain's last attempt has finished: asserts its outputs equal an uninterrupted run's. */
        void finished(Path dir) throws IOException;

        /** Units of work finished and kept in {@code dir} (e.g. journaled batches), or −1 when not tracked. */
        default int progress(Path dir) throws IOException {
            return -1;
        }
    }

    /** What a loop did: kills, chains (each ending in a finished run), kills mid-job, seconds taken. */
    public record Tally(int kills, int chains, int midJob, long seconds) {
        /** Fails unless at least a quarter of the kills landed mid-job. */
        public void assertMidJob() {
            assertTrue(midJob >= kills / 4, "only " + midJob + " of " + kills + " kills landed mid-job");
        }
    }

    /** The command line running {@code sabre args...} in a child JVM on this test's class path. */
    public static List<String> sabre(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "sabre.apps.cli.SabreCli"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts {@code cmd} with its output (both streams) in {@code log}. */
    public static Process start(List<String> cmd, Path log) throws IOException {
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Runs {@code cmd} uninterrupted; asserts it succeeds; returns its wall time in milliseconds. */
    public static long runToEnd(List<String> cmd, Path log) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process child = start(cmd, log);
        try {
            assertEquals(0, child.waitFor(), "uninterrupted run failed: " + Files.readString(log));
        } finally {
            child.destroyForcibly(); // when the test timed out: no child outlives it
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /**
     * Lands {@code kills} SIGKILLs on chains of {@code job} in {@code tmp/killed-<chain>} (logs beside them), each
     * {@code 100 ms + U(0, fraction × runMillis)} after its child started ({@code seed} draws them).
     */
    public static Tally run(Path tmp, Job job, int kills, long seed, long runMillis, double fraction)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Random random = new Random(seed);
        int done = 0;
        int chains = 0;
        int midJob = 0;
        while (done < kills) {
            Path dir = tmp.resolve("killed-" + chains++);
            for (int attempt = 0; ; attempt++) {
                Path log = tmp.resolve(dir.getFileName() + "-" + attempt + ".log");
                List<String> command = job.command(dir);
                int progress = job.progress(dir);
                Process child = start(command, log);
                try {
                    long delay = 100 + (long) (random.nextDouble() * runMillis * fraction);
                    boolean afterProgress = progress >= 0 && done % 2 == 1;
                    if (done < kills && killMoment(child, job, dir, afterProgress ? progress : -1, delay)) {
                        child.destroyForcibly().waitFor(); // SIGKILL
                        done++;
                        midJob += job.killed(dir, log) ? 1 : 0;
                        continue;
                    }
                    assertEquals(0, child.waitFor(), "run in " + dir + " failed: " + Files.readString(log));
                } finally {
                    child.destroyForcibly(); // when the test timed out: no child outlives it
                }
                break;
            }
            job.finished(dir);
        }
        return new Tally(done, chains, midJob, (System.nanoTime() - t0) / 1_000_000_000);
    }

    /**
     * Waits for the moment to kill {@code child}: {@code delay} ms after its start, or, when {@code progress} ≥ 0,
     * {@code delay / 4} ms after the job's progress first exceeds {@code progress}; false when the child exits first.
     */
    private static boolean killMoment(Process child, Job job, Path dir, int progress, long delay)
            throws IOException, InterruptedException {
        if (progress >= 0) {
            while (job.progress(dir) <= progress) {
                if (child.waitFor(10, TimeUnit.MILLISECONDS)) {
                    return false;
                }
            }
            delay /= 4;
        }
        return !child.waitFor(delay, TimeUnit.MILLISECONDS);
    }
}
