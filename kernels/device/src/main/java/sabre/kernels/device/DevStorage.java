package sabre.kernels.device;

import sabre.tensor.DType;
import sabre.tensor.Storage;
import sabre.tensor.spi.Backend;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A device buffer (a {@link DeviceRuntime} handle: {@code cl_mem}, {@code CUdeviceptr}) holding {@code size}
 * elements of one dtype: FLOAT32 as {@code float}, FLOAT64 as
 * {@code double}, INT32 as {@code int}, BOOL as {@code uchar} (0 or 1). The backend releases its own temporaries
 * with {@link #release()}; buffers that back user-visible tensors are released by a {@link Cleaner} once the
 * storage is unreachable. Either way the bytes are returned to the {@link MemoryTracker} exactly once.
 *
 * <pre>{@code DevStorage s = DevStorage.allocate(backend, DType.FLOAT32, n); ...; s.release();}</pre>
 */
final class DevStorage implements Storage {
    private static final Cleaner CLEANER = Cleaner.create();

    private final DeviceBackend backend;
    private final DType dtype;
    private final int size;
    private final Object handle;
    private final Cleaner.Cleanable cleanable;

    private DevStorage(DeviceBackend backend, DType dtype, int size, Object handle, long bytes) {
        this.backend = backend;
        this.dtype = dtype;
        this.size = size;
        this.handle = handle;
        this.cleanable = CLEANER.register(this, new Release(backend.runtime(), handle, bytes));
    }

    /** Uninitialised device memory for {@code size} elements of {@code dtype}. */
    static DevStorage allocate(DeviceBackend backend, DType dtype, int size) {
        DeviceRuntime rt = backend.runtime();
        long bytes = Math.max(8, (long) size * dtype.byteSize());
        backend.relieveMemoryPressure(bytes);
        Object handle = rt.allocate(bytes);
        if (handle == null) { // out of device memory: unreachable tensors may still hold buffers
            backend.reclaimAfterFailure();
            handle = rt.allocate(bytes);
            if (handle == null) {
                throw new IllegalStateException(rt.type() + ": out of device memory allocating " + bytes + " bytes ("
                        + rt.tracker.liveBytes() + " bytes live)");
            }
        }
        rt.tracker.allocated(bytes);
        return new DevStorage(backend, dtype, size, handle, bytes);
    }

    /** The device buffer's handle. */
    Object handle() {
        return handle;
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
        private final DeviceRuntime rt;
        private final Object handle;
        private final long bytes;
        private final AtomicBoolean done = new AtomicBoolean();

        Release(DeviceRuntime rt, Object handle, long bytes) {
            this.rt = rt;
            this.handle = handle;
            this.bytes = bytes;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                rt.free(handle); // commands already queued on the buffer complete first
                rt.tracker.released(bytes);
            }
        }
    }
}
