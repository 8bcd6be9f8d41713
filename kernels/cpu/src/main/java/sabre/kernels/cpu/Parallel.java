package sabre.kernels.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The CPU backend's worker pool: a fixed set of daemon threads, {@code sabre.threads} of them (default: the number of
 * available processors), the calling thread counted as one. {@link #run} hands out task indices dynamically; every
 * kernel splits its work into tasks whose boundaries and summation orders do not depend on the thread count, so
 * results are bit-identical for any number of threads. Calls made from inside a task run inline (no nested
 * parallelism, no deadlock), and so do calls made while another thread's job holds the workers ({@link SpinPool}).
 *
 * <pre>{@code Parallel.run(rows, r -> process(r));}</pre>
 */
public final class Parallel {
    /** Task body: processes task {@code index}. */
    @FunctionalInterface
    public interface Task {
        void run(int index);
    }

    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static volatile int threads = initialThreads();
    private static SpinPool pool; // guarded by Parallel.class

    private Parallel() {
    }

    private static int initialThreads() {
        String s = System.getProperty("sabre.threads");
        int n = Runtime.getRuntime().availableProcessors();
        if (s != null && !s.isBlank()) {
            try {
                n = Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("sabre.threads: not an integer: '" + s + "'", e);
            }
        }
        return Math.max(1, n);
    }

    /** The number of threads kernels use (the caller included). */
    public static int threads() {
        return threads;
    }

    /** Changes the number of threads (for tests and benchmarks); results do not depend on it. */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("sabre.threads: must be positive, found " + n);
        }
        threads = n;
    }

    /** The pool with at least {@code workers} helpers; a smaller one is stopped once its current job ends. */
    private static synchronized SpinPool pool(int workers) {
        if (pool == null || pool.size() < workers) {
            if (pool != null) {
                SpinPool old = pool;
                while (!old.tryAcquire()) {
                    Thread.onSpinWait();
                }
                old.shutdown(); // never released: callers still holding a reference to it run inline
            }
            pool = new SpinPool(workers, INSIDE);
        }
        return pool;
    }

    /** Number of tasks for {@code work} units split into pieces of at least {@code grain} (at most 4 per thread). */
    static int tasks(long work, long grain) {
        long t = threads;
        if (t <= 1 || work <= grain) {
            return 1;
        }
        return (int) Math.max(1, Math.min(4 * t, (work + grain - 1) / grain));
    }

    /** True when called from inside a parallel task (further calls run inline). */
    static boolean inside() {
        return INSIDE.get();
    }

    /**
     * Runs {@code task.run(i)} for every {@code i} in {@code [0, count)}, each exactly once, on the pool and the
     * calling thread; returns when all have finished. The first exception thrown by a task is rethrown here.
     */
    public static void run(int count, Task task) {
        int t = threads;
        if (count <= 0) {
            return;
        }
        SpinPool p = count == 1 || t <= 1 || INSIDE.get() ? null : pool(t - 1);
        if (p == null || !p.tryAcquire()) { // inline: one task, one thread, nested, or the workers busy elsewhere
            for (int i = 0; i < count; i++) {
                task.run(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        INSIDE.set(Boolean.TRUE);
        try {
            p.start(Math.min(t, count) - 1, () -> work(count, task, next, failure));
            work(count, task, next, failure);
            p.await();
        } finally {
            INSIDE.set(Boolean.FALSE);
            p.release();
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error err) {
            throw err;
        }
        if (f != null) {
            throw new IllegalStateException(f);
        }
    }

    private static void work(int count, Task task, AtomicInteger next, AtomicReference<Throwable> failure) {
        int i;
        while (failure.get() == null && (i = next.getAndIncrement()) < count) {
            try {
                task.run(i);
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }
    }

    /** Splits {@code [0, n)} into {@link #tasks} contiguous ranges and runs {@code body(lo, hi)} on each. */
    static void range(int n, long grainPerItem, long grain, RangeBody body) {
        int count = tasks((long) n * grainPerItem, grain);
        if (count <= 1) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        count = Math.min(count, n);
        int c = count;
        run(c, i -> {
            int lo = (int) ((long) n * i / c);
            int hi = (int) ((long) n * (i + 1) / c);
            if (lo < hi) {
                body.run(lo, hi);
            }
        });
    }

    /** Body of {@link #range}. */
    @FunctionalInterface
    interface RangeBody {
        void run(int lo, int hi);
    }
}
