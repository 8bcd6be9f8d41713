package sabre.bench;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AllocationMeter}: a known allocation on two threads reads as itself, an idle window reads as almost nothing,
 * and a collection inside the window is counted.
 */
class AllocationMeterTest {
    private static final long MIB = 1 << 20;
    /** 1 MiB of payload per array (plus a 16-byte header): the size of a small activation tensor. */
    private static final int FLOATS = (int) (MIB / Float.BYTES);
    private static final int ARRAYS_PER_THREAD = 32;

    @Test
    void countsSixtyFourMibAllocatedOnTwoThreads() throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        CountDownLatch exit = new CountDownLatch(1);
        float[][] workerArrays = new float[ARRAYS_PER_THREAD][];
        // a long-lived worker, like the backend's sabre-cpu-* daemons: alive before and after the window
        Thread worker = new Thread(() -> {
            try {
                go.await();
                fill(workerArrays);
                done.countDown();
                exit.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sabre-cpu-meter-test");
        worker.setDaemon(true);
        worker.start();
        float[][] mainArrays = new float[ARRAYS_PER_THREAD][];

        AllocationMeter before = AllocationMeter.now();
        go.countDown();
        fill(mainArrays);
        assertTrue(done.await(30, TimeUnit.SECONDS), "worker did not finish");
        AllocationMeter.Window w = AllocationMeter.since(before);
        exit.countDown();
        worker.join(10_000);

        long payload = 2 * ARRAYS_PER_THREAD * MIB;  // 64 MiB
        assertTrue(w.bytes() >= payload, "read " + w.bytes() + " bytes, allocated at least " + payload);
        // headers (16 B per array), the latches' wake-ups and the meter's own snapshot: kilobytes, not a mebibyte
        assertTrue(w.bytes() < payload + MIB, "read " + w.bytes() + " bytes, allocated about " + payload);
        assertTrue(w.mibPerCall(64) >= 1.0, "per call " + w.mibPerCall(64));
        assertTrue(w.ended() == 0, "threads ended: " + w.ended());
        assertTrue(mainArrays[ARRAYS_PER_THREAD - 1][FLOATS - 1] == 1f && workerArrays[0][0] == 1f);
    }

    @Test
    void idleWindowReadsAlmostNothing() throws InterruptedException {
        AllocationMeter before = AllocationMeter.now();
        Thread.sleep(200);
        AllocationMeter.Window w = AllocationMeter.since(before);
        // the snapshot itself (thread ids, a small map) and whatever the test runner's threads do: well under 1 MiB
        assertTrue(w.bytes() >= 0 && w.bytes() < MIB, "idle window read " + w.bytes() + " bytes");
        assertTrue(w.seconds() >= 0.2, "window lasted " + w.seconds() + " s");
        assertTrue(w.threads() >= 1);
    }

    @Test
    void reportsAThreadThatEndedInsideTheWindow() throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        Thread shortLived = new Thread(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "meter-test-short-lived");
        shortLived.start();
        AllocationMeter before = AllocationMeter.now();
        go.countDown();
        shortLived.join(10_000);
        AllocationMeter.Window w = AllocationMeter.since(before);
        assertTrue(w.ended() >= 1, "ended " + w.ended());
    }

    @Test
    void countsACollectionInsideTheWindow() {
        AllocationMeter before = AllocationMeter.now();
        System.gc(); // a full collection with G1's defaults
        AllocationMeter.Window w = AllocationMeter.since(before);
        assertTrue(w.gcCount() >= 1, "gc count " + w.gcCount());
        assertTrue(w.gcMillis() >= 0, "gc ms " + w.gcMillis());
    }

    private static void fill(float[][] arrays) {
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = new float[FLOATS];
            arrays[i][0] = 1f;
            arrays[i][FLOATS - 1] = 1f;
        }
    }
}
