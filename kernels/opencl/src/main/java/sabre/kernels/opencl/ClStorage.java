package sabre.kernels.opencl;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.cl_mem;
import sabre.tensor.DType;
import sabre.tensor.Storage;
import sabre.tensor.spi.Backend;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A device buffer ({@code cl_mem}) holding {@code size} elements of one dtype: FLOAT32 as {@code float}, FLOAT64 as
 * {@code double}, INT32 as {@code int}, BOOL as {@code uchar} (0 or 1). The backend releases its own temporaries
 * with {@link #release()}; buffers that back user-visible tensors are released by a {@link Cleaner} once the
 * storage is unreachable. Either way the bytes are returned to the {@link MemoryTracker} exactly once.
 *
 * <pre>{@code ClStorage s = ClStorage.allocate(backend, DType.FLOAT32, n); ...; s.release();}</pre>
 */
final class ClStorage implements Storage {
    private static final Cleaner CLEANER = Cleaner.create();

    private final OpenClBackend backend;
    private final DType dtype;
    private final int size;
    private final cl_mem mem;
    private final Cleaner.Cleanable cleanable;

    private ClStorage(OpenClBackend backend, DType dtype, int size, cl_mem mem, long bytes) {
        this.backend = backend;
        this.dtype = dtype;
        this.size = size;
        this.mem = mem;
        this.cleanable = CLEANER.register(this, new Release(mem, bytes, backend.runtime().tracker));
    }

    /** Uninitialised device memory for {@code size} elements of {@code dtype}. */
    static ClStorage allocate(OpenClBackend backend, DType dtype, int size) {
        ClRuntime rt = backend.runtime();
        long bytes = Math.max(8, (long) size * dtype.byteSize());
        backend.relieveMemoryPressure(bytes);
        cl_mem mem;
        try {
            mem = rt.createBuffer(bytes);
        } catch (CLException e) { // out of device memory: unreachable tensors may still hold buffers
            backend.reclaimAfterFailure();
            mem = rt.createBuffer(bytes);
        }
        rt.tracker.allocated(bytes);
        return new ClStorage(backend, dtype, size, mem, bytes);
    }

    /** The device buffer. */
    cl_mem mem() {
        return mem;
    }

    /** Releases the device buffer now; the storage must not be used afterwards. Idempotent. */
    void release() {
        cleanable.clean();
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int size() {
        return size;
    }

    /** The cleanup action: holds only the handle, never the storage, so the storage can become unreachable. */
    private static final class Release implements Runnable {
        private final cl_mem mem;
        private final long bytes;
        private final MemoryTracker tracker;
        private final AtomicBoolean done = new AtomicBoolean();

        Release(cl_mem mem, long bytes, MemoryTracker tracker) {
            this.mem = mem;
            this.bytes = bytes;
            this.tracker = tracker;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                // commands already queued on the buffer complete first: OpenCL defers the free until then
                CL.clReleaseMemObject(mem);
                tracker.released(bytes);
            }
        }
    }
}
