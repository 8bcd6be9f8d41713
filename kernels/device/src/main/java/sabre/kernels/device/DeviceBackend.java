package sabre.kernels.device;

import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Tensor;
import sabre.tensor.ref.RefConv;
import sabre.tensor.ref.RefElementwise;
import sabre.tensor.ref.RefIndex;
import sabre.tensor.ref.RefLayout;
import sabre.tensor.ref.RefLinalg;
import sabre.tensor.ref.RefNorm;
import sabre.tensor.ref.RefPool;
import sabre.tensor.ref.RefRandom;
import sabre.tensor.ref.RefReduction;
import sabre.tensor.ref.RefSoftmax;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.Backends;
import sabre.tensor.spi.ConvOps;
import sabre.tensor.spi.ElementwiseOps;
import sabre.tensor.spi.Families;
import sabre.tensor.spi.FamilyBackend;
import sabre.tensor.spi.IndexOps;
import sabre.tensor.spi.LayoutOps;
import sabre.tensor.spi.LinalgOps;
import sabre.tensor.spi.NormOps;
import sabre.tensor.spi.PoolOps;
import sabre.tensor.spi.RandomOps;
import sabre.tensor.spi.ReductionOps;
import sabre.tensor.spi.SoftmaxOps;

/**
 * A GPU backend over any {@link DeviceRuntime} (OpenCL, CUDA): tensors live in device buffers ({@link DevStorage})
 * and every op family runs as the shared kernels (resources {@code sabre/kernels/device/*.cl}) on one device. See
 * the package documentation for what each family does on the device and for the FLOAT64 rule.
 *
 * <pre>{@code Backend cl = Backends.get(Device.parse("opencl")); Tensor y = x.to(cl.device()).relu();}</pre>
 */
public final class DeviceBackend extends FamilyBackend {
    /** The live size past which a collection is requested, unless {@code sabre.<type>.gcBytes} says otherwise. */
    private static final long DEFAULT_GC_BYTES_CAP = 1L << 31;
    private static final long GC_INTERVAL_MS = 100;
    private final DeviceRuntime runtime;
    private final long gcThreshold;
    private volatile long lastGc;
    private final Separable separable = new Separable(this);
    /** Also in {@link #families}; kept typed for {@link #memory()}'s covariant return. */
    private final DevMemory memory;
    private final Families families;

    /**
     * A backend for {@code device} running on {@code runtime} (made by the device type's provider).
     *
     * @throws IllegalArgumentException when {@code device}'s type is not the runtime's
     */
    public DeviceBackend(Device device, DeviceRuntime runtime) {
        super(device, runtime.type());
        if (!device.type().equals(runtime.type())) {
            throw new IllegalArgumentException("device " + device + " on a " + runtime.type() + " runtime");
        }
        this.runtime = runtime;
        this.gcThreshold = Long.getLong("sabre." + runtime.type() + ".gcBytes",
                Math.min(runtime.globalMemBytes() / 4, DEFAULT_GC_BYTES_CAP));
        Backend ref = Backends.get(Device.REFERENCE);
        this.memory = new DevMemory(this);
        this.families = new Families(
                memory,
                family(ElementwiseOps.class, new DevElementwise(this), new RefElementwise(ref)),
                family(ReductionOps.class, new DevReduction(this), new RefReduction(ref)),
                family(LinalgOps.class, new DevLinalg(this), new RefLinalg(ref)),
                family(ConvOps.class, new DevConv(this), new RefConv(ref)),
                family(PoolOps.class, new DevPool(this), new RefPool(ref)),
                family(NormOps.class, new DevNorm(this), new RefNorm(ref)),
                family(SoftmaxOps.class, new DevSoftmax(this), new RefSoftmax(ref)),
                family(IndexOps.class, new DevIndex(this), new RefIndex(ref)),
                family(LayoutOps.class, new DevLayout(this), new RefLayout(ref)),
                family(RandomOps.class, new DevRandom(this), new RefRandom(ref)));
    }

    @Override
    protected Families families() {
        return families;
    }

    /** The device family, or — on a device without FLOAT64 — a router sending FLOAT64 calls to the host. */
    private <F> F family(Class<F> type, F onDevice, F reference) {
        return runtime.fp64() ? onDevice : HostFallback.forFloat64(type, onDevice, reference, this);
    }

    /** The one-axis tap-map applier shared by pooling and layout. */
    Separable separable() {
        return separable;
    }

    DeviceRuntime runtime() {
        return runtime;
    }

    /** A new contiguous, uninitialised device tensor. */
    Tensor alloc(DType dtype, int[] shape) {
        int n = 1;
        for (int s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return Tensor.wrap(DevStorage.allocate(this, dtype, n), shape);
    }

    /**
     * Device memory is invisible to the Java heap, so unreachable tensors may hold buffers long after they are
     * garbage: past {@code sabre.<type>.gcBytes} live bytes (default a quarter of device memory, at most 2 GiB)
     * a collection is requested so the cleaner can release them — at most once per {@value #GC_INTERVAL_MS} ms, so
     * a working set that legitimately exceeds the threshold does not collect on every allocation.
     */
    void relieveMemoryPressure(long bytes) {
        long now = System.currentTimeMillis();
        if (runtime.tracker.liveBytes() + bytes > gcThreshold && now - lastGc >= GC_INTERVAL_MS) {
            lastGc = now;
            System.gc();
        }
    }

    /** After a failed allocation: collect, give the cleaner a moment to release buffers, and let the caller retry. */
    void reclaimAfterFailure() {
        lastGc = System.currentTimeMillis();
        System.gc();
        try {
            Thread.sleep(GC_INTERVAL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Bytes held by live device buffers of this backend's device (for leak tests and monitoring). */
    public long liveDeviceBytes() {
        return runtime.tracker.liveBytes();
    }

    /** Number of live device buffers. */
    public long liveDeviceBuffers() {
        return runtime.tracker.liveBuffers();
    }

    /** The device name as the driver reports it, e.g. {@code pthread-skylake-avx512} or {@code NVIDIA H100}. */
    public String deviceName() {
        return runtime.deviceName();
    }

    /** Whether FLOAT64 kernels run on the device (OpenCL: {@code cl_khr_fp64}); else FLOAT64 ops run on the host. */
    public boolean fp64() {
        return runtime.fp64();
    }

    /** This backend's memory family, typed as {@link DevMemory} for the package's kernels. */
    @Override
    public DevMemory memory() {
        return memory;
    }
}
