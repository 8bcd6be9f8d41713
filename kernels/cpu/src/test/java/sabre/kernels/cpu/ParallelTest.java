package sabre.kernels.cpu;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker pool: every task once, failures rethrown, nesting and concurrent callers, idle workers parked. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ParallelTest {
    private final int threadsBefore = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(threadsBefore);
    }

    /** Runs {@code count} tasks and returns how many times each ran. */
    private static AtomicIntegerArray runCounting(int count) {
        AtomicIntegerArray runs = new AtomicIntegerArray(count);
        Parallel.run(count, runs::incrementAndGet);
        return runs;
    }

    private static void assertEachOnce(AtomicIntegerArray runs) {
        for (int i = 0; i < runs.length(); i++) {
            assertEquals(1, runs.get(i), "task " + i + " ran " + runs.get(i) + " times");
        }
    }

    @Test
    void everyTaskRunsExactlyOnceForAnyThreadCountAndManyJobsInARow() {
        for (int threads : new int[] {1, 2, 3, 5}) {
            Parallel.setThreads(threads);
            for (int job = 0; job < 2000; job++) {
                assertEachOnce(runCounting(1 + job % 17));
            }
        }
    }

    @Test
    void theFirstFailureOfATaskIsRethrownAndThePoolStillWorksAfterwards() {
        Parallel.setThreads(3);
        IllegalStateException boom = new IllegalStateException("task 7");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Parallel.run(64, i -> {
            if (i == 7) {
                throw boom;
            }
        }));
        assertSame(boom, thrown);
        assertEachOnce(runCounting(64));
    }

    @Test
    void callsFromInsideATaskRunInline() {
        Parallel.setThreads(2);
        AtomicIntegerArray runs = new AtomicIntegerArray(8 * 8);
        Parallel.run(8, outer -> {
            assertTrue(Parallel.inside(), "task " + outer + " not marked as inside the pool");
            Thread caller = Thread.currentThread();
            Parallel.run(8, inner -> {
                assertSame(caller, Thread.currentThread(), "a nested task left its caller's thread");
                runs.incrementAndGet(outer * 8 + inner);
            });
        });
        assertEachOnce(runs);
        assertFalse(Parallel.inside(), "the caller stayed marked as inside after its job");
    }

    @Test
    void concurrentCallersEachGetTheirTasksRunExactlyOnce() throws Exception {
        Parallel.setThreads(2);
        List<Thread> callers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            Thread t = new Thread(() -> {
                for (int job = 0; job < 500; job++) {
                    assertEachOnce(runCounting(1 + job % 9));
                }
            });
            t.setUncaughtExceptionHandler((th, e) -> {
                synchronized (failures) {
                    failures.add(e);
                }
            });
            callers.add(t);
            t.start();
        }
        for (Thread t : callers) {
            t.join();
        }
        assertTrue(failures.isEmpty(), "callers failed: " + failures);
    }

    /** After a job the helpers spin only briefly (sabre.spin.micros), then park: an idle pool burns no CPU. */
    @Test
    void idleHelpersParkAfterTheirSpin() throws Exception {
        Parallel.setThreads(2);
        assertEachOnce(runCounting(16));
        Thread.sleep(200); // 2,000× the default spin
        List<Thread.State> states = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("sabre-cpu-") && t.isAlive()) {
                states.add(t.getState());
            }
        }
        assertFalse(states.isEmpty(), "no helper thread found");
        assertTrue(states.stream().allMatch(s -> s == Thread.State.WAITING), "helpers not parked: " + states);
    }

    @Test
    void growingTheThreadCountReplacesThePoolAndStopsTheOldHelpers() throws Exception {
        Parallel.setThreads(2);
        assertEachOnce(runCounting(8));
        Parallel.setThreads(9); // more than any test uses: a new pool of 8 helpers
        assertEachOnce(runCounting(40));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long alive;
        do {
            Thread.sleep(20);
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("sabre-cpu-") && t.isAlive()).count();
        } while (alive != 8 && System.nanoTime() < deadline);
        assertEquals(8, alive, "helper threads alive: expected only the current pool's 8");
    }
}
