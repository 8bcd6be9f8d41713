package sabre.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Heap allocation and garbage collection over a window of a benchmark: a snapshot of the bytes each live JVM thread
 * has allocated ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long[])} over
 * {@code getAllThreadIds()}, so the backend's {@code sabre-cpu-*} workers count with the caller) and of the
 * collection count and time summed over the {@link GarbageCollectorMXBean}s.
 *
 * <pre>{@code
 * AllocationMeter before = AllocationMeter.now();
 * for (int i = 0; i < calls; i++) op.run();
 * AllocationMeter.Window w = AllocationMeter.since(before);   // w.bytes() / calls = bytes per call
 * }</pre>
 *
 * Per-thread deltas: a thread that starts inside the window counts in full; a thread that ends inside the window is
 * lost (its counter goes with it; {@link Window#ended} counts such threads). The backend's worker threads are
 * long-lived daemons, so this does not arise in the benchmarks. Allocated bytes are what the threads requested
 * from the heap (TLAB-accurate), not what survived; GC time is what the collectors' beans report (on JDK 17 with
 * G1: young, mixed and full collections; the concurrent cycle's remark and cleanup pauses are not counted there).
 *
 * @param threadBytes bytes allocated so far, by thread id (threads without a reading are absent)
 * @param gcCount     collections so far, all collectors
 * @param gcMillis    collection time so far in ms, all collectors
 * @param nanos       {@link System#nanoTime()} at the snapshot
 */
public record AllocationMeter(Map<Long, Long> threadBytes, long gcCount, long gcMillis, long nanos) {
    /**
     * What happened between two snapshots; {@code threads} is how many thread counters were summed, {@code ended} how
     * many threads of the first snapshot had gone by the second (their allocation inside the window is missing).
     */
    public record Window(long bytes, long gcCount, long gcMillis, double seconds, int threads, int ended) {
        /** Allocation in MiB per call for {@code calls} calls. */
        public double mibPerCall(long calls) {
            return bytes / (1024.0 * 1024.0) / calls;
        }

        /** Allocation rate in MiB per second of the window, or 0 for an empty window. */
        public double mibPerSecond() {
            return seconds > 0 ? bytes / (1024.0 * 1024.0) / seconds : 0;
        }
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        if (THREADS.isThreadAllocatedMemorySupported() && !THREADS.isThreadAllocatedMemoryEnabled()) {
            THREADS.setThreadAllocatedMemoryEnabled(true);
        }
    }

    /** The current counters. */
    public static AllocationMeter now() {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> byThread = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) { // -1: the thread ended meanwhile, or measurement unsupported
                byThread.put(ids[i], bytes[i]);
            }
        }
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount()); // -1: undefined for this collector
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new AllocationMeter(byThread, count, millis, System.nanoTime());
    }

    /** The window from {@code before} to now. */
    public static Window since(AllocationMeter before) {
        return between(before, now());
    }

    /** The window from {@code a} to {@code b}: per-thread deltas summed over the threads alive at {@code b}. */
    public static Window between(AllocationMeter a, AllocationMeter b) {
        long bytes = 0;
        for (Map.Entry<Long, Long> e : b.threadBytes.entrySet()) {
            bytes += e.getValue() - a.threadBytes.getOrDefault(e.getKey(), 0L);
        }
        int ended = 0;
        for (Long id : a.threadBytes.keySet()) {
            ended += b.threadBytes.containsKey(id) ? 0 : 1;
        }
        return new Window(bytes, b.gcCount - a.gcCount, b.gcMillis - a.gcMillis, (b.nanos - a.nanos) / 1e9,
                b.threadBytes.size(), ended);
    }

    /** Names of the threads whose allocation the next snapshot counts (to check which threads are measured). */
    public static String[] threadNames() {
        return Arrays.stream(THREADS.getThreadInfo(THREADS.getAllThreadIds())).filter(Objects::nonNull)
                .map(ThreadInfo::getThreadName).sorted().toArray(String[]::new);
    }
}
