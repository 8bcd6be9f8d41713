package sabre.kernels.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link Parallel}'s helper threads: persistent daemon threads that, after a job, spin for {@code sabre.spin.micros}
 * microseconds (default {@value #DEFAULT_SPIN_MICROS}) watching for the next one before they park. A training step
 * hands out hundreds of short parallel jobs back to back; waking a parked thread for each cost 16–20 µs per job on
 * this machine (bench/README.md, "Worker hand-off"), which the spin removes. One caller at a time: {@link #tryAcquire}
 * fails while another thread's job runs, and that caller runs its tasks inline.
 *
 * <pre>{@code
 * if (pool.tryAcquire()) { try { pool.start(n, body); body.run(); pool.await(); } finally { pool.release(); } }
 * }</pre>
 */
final class SpinPool {
    static final long DEFAULT_SPIN_MICROS = 100;
    private static final long SPIN_NANOS = spinNanos();

    private final Worker[] workers;
    private final ReentrantLock owner = new ReentrantLock();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Thread waiter; // the caller once it parks in await()

    /** Starts {@code size} helper threads named {@code sabre-cpu-N} that mark themselves with {@code inside}. */
    SpinPool(int size, ThreadLocal<Boolean> inside) {
        workers = new Worker[size];
        for (int i = 0; i < size; i++) {
            workers[i] = new Worker("sabre-cpu-" + (i + 1), inside);
            workers[i].start();
        }
    }

    private static long spinNanos() {
        long micros = Long.getLong("sabre.spin.micros", DEFAULT_SPIN_MICROS);
        if (micros < 0) {
            throw new IllegalArgumentException("sabre.spin.micros: must be >= 0, found " + micros);
        }
        return micros * 1000;
    }

    int size() {
        return workers.length;
    }

    /** Takes the pool for one job; false when another thread holds it. */
    boolean tryAcquire() {
        return owner.tryLock();
    }

    void release() {
        owner.unlock();
    }

    /** Hands {@code body} to the first {@code helpers} workers (the caller must hold the pool). */
    void start(int helpers, Runnable body) {
        pending.set(helpers);
        for (int i = 0; i < helpers; i++) {
            workers[i].hand(body);
        }
    }

    /** Returns once every worker given the current job has finished it. */
    void await() {
        long deadline = System.nanoTime() + SPIN_NANOS;
        while (pending.get() != 0) {
            if (System.nanoTime() < deadline) {
                Thread.onSpinWait();
                continue;
            }
            waiter = Thread.currentThread();
            if (pending.get() != 0) { // re-read after publishing waiter: the last worker sees one or the other
                LockSupport.park(this);
            }
            waiter = null;
        }
    }

    /** Stops the workers once they finish their current job (the caller must hold the pool). */
    void shutdown() {
        for (Worker w : workers) {
            w.hand(Worker.STOP);
        }
    }

    private void finished() {
        if (pending.decrementAndGet() == 0) {
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    private final class Worker extends Thread {
        static final Runnable STOP = () -> { };
        private final ThreadLocal<Boolean> inside;
        private volatile Runnable job;
        private volatile boolean parked;

        Worker(String name, ThreadLocal<Boolean> inside) {
            super(name);
            this.inside = inside;
            setDaemon(true);
        }

        void hand(Runnable r) {
            job = r;
            if (parked) { // read after writing job: a parking worker sees the job or is unparked
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            inside.set(Boolean.TRUE);
            while (true) {
                Runnable r = next();
                job = null;
                if (r == STOP) {
                    return;
                }
                try {
                    r.run();
                } finally {
                    finished();
                }
            }
        }

        private Runnable next() {
            long deadline = System.nanoTime() + SPIN_NANOS;
            Runnable r;
            while ((r = job) == null && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            if (r != null) {
                return r;
            }
            parked = true;
            while ((r = job) == null) {
                LockSupport.park(this);
            }
            parked = false;
            return r;
        }
    }
}
