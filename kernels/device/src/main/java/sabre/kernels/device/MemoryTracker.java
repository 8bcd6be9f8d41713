package sabre.kernels.device;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Live device bytes of one device runtime: every buffer adds its size when created and subtracts it once when
 * released (explicitly or by the cleaner). Tests read it to prove that repeated work does not leak device memory.
 *
 * <pre>{@code long before = backend.liveDeviceBytes(); ...; assert backend.liveDeviceBytes() <= before;}</pre>
 */
final class MemoryTracker {
    private final AtomicLong live = new AtomicLong();
    private final AtomicLong buffers = new AtomicLong();

    void allocated(long bytes) {
        live.addAndGet(bytes);
        buffers.incrementAndGet();
    }

    void released(long bytes) {
        live.addAndGet(-bytes);
        buffers.decrementAndGet();
    }

    /** Bytes currently held by live buffers. */
    long liveBytes() {
        return live.get();
    }

    /** Number of live buffers. */
    long liveBuffers() {
        return buffers.get();
    }
}
