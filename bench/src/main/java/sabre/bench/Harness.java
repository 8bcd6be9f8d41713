package sabre.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The timing loop, the same as {@code bench/pytorch/bench_torch.py}'s so both engines are measured alike:
 * <ol>
 *   <li>warm-up: the operation runs back to back for at least {@code warmupSeconds} (and at least twice), so the
 *       JIT compiles the Vector API kernels (which are slow until compiled) and the heap reaches its steady size;
 *       nothing from the warm-up is timed in the results;</li>
 *   <li>calibration: {@code opsPerRun} = max(1, round(minRunSeconds / t)), with t the median of the last warm-up
 *       calls, so that one timed run lasts about {@code minRunSeconds} and short operations are not dominated by
 *       timer resolution;</li>
 *   <li>{@code runs} timed runs of {@code opsPerRun} calls each; a run's sample is its wall time divided by
 *       {@code opsPerRun} (garbage collection during a run is counted: it is part of the steady state).</li>
 * </ol>
 * It also reports, over the timed runs only, the share of the machine's CPU time that other processes used
 * ({@link CpuShare}) and the heap allocation of all JVM threads and the garbage collections ({@link AllocationMeter}).
 */
public final class Harness {
    private Harness() {
    }

    /**
     * What a measurement found: the per-call times of each run in seconds, the calls per run, and the allocation and
     * GC of the timed runs ({@code runs * opsPerRun} calls).
     */
    public record Result(double[] secondsPerOp, int opsPerRun, int warmupOps, double warmupSeconds,
                         double otherCpuPercent, AllocationMeter.Window allocation) {
        public Stats stats() {
            return Stats.of(secondsPerOp);
        }

        /** Timed calls in all: runs times calls per run. */
        public long timedOps() {
            return (long) secondsPerOp.length * opsPerRun;
        }

        /** MiB allocated on the heap per timed call, all JVM threads. */
        public double allocMibPerOp() {
            return allocation.mibPerCall(timedOps());
        }
    }

    public static Result measure(Runnable op, double warmupSeconds, int runs, double minRunSeconds) {
        if (runs < 1) {
            throw new IllegalArgumentException("Harness: runs must be at least 1, found " + runs);
        }
        List<Double> warm = new ArrayList<>();
        long start = System.nanoTime();
        long warmupNanos = (long) (warmupSeconds * 1e9);
        while (System.nanoTime() - start < warmupNanos || warm.size() < 2) {
            long t = System.nanoTime();
            op.run();
            warm.add((System.nanoTime() - t) / 1e9);
        }
        double warmupTotal = (System.nanoTime() - start) / 1e9;
        int tail = Math.min(warm.size(), 5);
        double[] last = new double[tail];
        for (int i = 0; i < tail; i++) {
            last[i] = warm.get(warm.size() - tail + i);
        }
        double perOp = Stats.of(last).median();
        int opsPerRun = (int) Math.max(1, Math.round(minRunSeconds / Math.max(perOp, 1e-9)));
        double[] samples = new double[runs];
        CpuShare before = CpuShare.now();
        AllocationMeter heapBefore = AllocationMeter.now();
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            for (int i = 0; i < opsPerRun; i++) {
                op.run();
            }
            samples[r] = (System.nanoTime() - t) / 1e9 / opsPerRun;
        }
        AllocationMeter.Window heap = AllocationMeter.since(heapBefore);
        return new Result(samples, opsPerRun, warm.size(), warmupTotal, CpuShare.otherPercent(before, CpuShare.now()),
                heap);
    }
}
