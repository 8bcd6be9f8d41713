package sabre.kernels.cpu;

import sabre.tensor.Device;
import sabre.tensor.ref.RefRandom;
import sabre.tensor.spi.Families;
import sabre.tensor.spi.FamilyBackend;

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
public final class CpuBackend extends FamilyBackend {
    private final Families families;

    public CpuBackend(Device device) {
        super(device, "cpu");
        this.families = new Families(new CpuMemory(this), new CpuElementwise(this), new CpuReduction(this),
                new CpuLinalg(this), new CpuConv(this), new CpuPool(this), new CpuNorm(this), new CpuSoftmax(this),
                new CpuIndex(this), new CpuLayout(this), new RefRandom(this));
    }

    @Override
    protected Families families() {
        return families;
    }
}
