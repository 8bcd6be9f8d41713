package sabre.kernels.cpu;

import sabre.tensor.Device;
import sabre.tensor.ref.RefRandom;
import sabre.tensor.spi.Backend;
import sabre.tensor.spi.ConvOps;
import sabre.tensor.spi.ElementwiseOps;
import sabre.tensor.spi.IndexOps;
import sabre.tensor.spi.LayoutOps;
import sabre.tensor.spi.LinalgOps;
import sabre.tensor.spi.MemoryOps;
import sabre.tensor.spi.NormOps;
import sabre.tensor.spi.PoolOps;
import sabre.tensor.spi.RandomOps;
import sabre.tensor.spi.ReductionOps;
import sabre.tensor.spi.SoftmaxOps;

/**
 * The fast CPU backend: host memory ({@link sabre.tensor.host.HostStorage}, shared with the reference backend),
 * FLOAT32 kernels written with the Vector API and spread over {@link Parallel}'s threads. Ops and dtypes it does
 * not accelerate run the reference families, constructed on this backend so their results are its tensors.
 *
 * <ul>
 *   <li>linalg: batched SGEMM ({@link Sgemm}); FLOAT64 → reference.</li>
 *   <li>conv: im2col packed straight into SGEMM panels, col2im, 1×1 stride-1 as plain GEMM; FLOAT64 → reference.</li>
 *   <li>elementwise, reduction (sum/mean/amax/amin), softmax/log-softmax/cross-entropy, batch norm, pooling:
 *       FLOAT32 fast paths (see each class); other dtypes and the remaining reductions → reference.</li>
 *   <li>index: FLOAT32 scatter-add ({@link CpuIndex}); layout: FLOAT32 constant pad and its backward
 *       ({@link CpuLayout}); the rest of index and layout, and random: reference.</li>
 * </ul>
 *
 * <pre>{@code Backend cpu = Backends.get(Device.CPU); // this backend when sabre-kernels-cpu is on the class path}</pre>
 */
public final class CpuBackend implements Backend {
    private final Device device;
    private final CpuMemory memory = new CpuMemory(this);
    private final CpuElementwise elementwise = new CpuElementwise(this);
    private final CpuReduction reduction = new CpuReduction(this);
    private final CpuLinalg linalg = new CpuLinalg(this);
    private final CpuConv conv = new CpuConv(this);
    private final CpuPool pool = new CpuPool(this);
    private final CpuNorm norm = new CpuNorm(this);
    private final CpuSoftmax softmax = new CpuSoftmax(this);
    private final CpuIndex index = new CpuIndex(this);
    private final CpuLayout layout = new CpuLayout(this);
    private final RefRandom random = new RefRandom(this);

    public CpuBackend(Device device) {
        this.device = device;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public MemoryOps memory() {
        return memory;
    }

    @Override
    public ElementwiseOps elementwise() {
        return elementwise;
    }

    @Override
    public ReductionOps reduction() {
        return reduction;
    }

    @Override
    public LinalgOps linalg() {
        return linalg;
    }

    @Override
    public ConvOps conv() {
        return conv;
    }

    @Override
    public PoolOps pool() {
        return pool;
    }

    @Override
    public NormOps norm() {
        return norm;
    }

    @Override
    public SoftmaxOps softmax() {
        return softmax;
    }

    @Override
    public IndexOps index() {
        return index;
    }

    @Override
    public LayoutOps layout() {
        return layout;
    }

    @Override
    public RandomOps random() {
        return random;
    }
}
