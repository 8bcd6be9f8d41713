package sabre.tensor.ref;

import sabre.tensor.Device;
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
 * The reference backend: plain loops in double precision over Java arrays, FLOAT32 and FLOAT64. It is the
 * executable specification every faster backend is tested against; it serves {@code reference:*} always and
 * {@code cpu:*} when no faster CPU backend is installed.
 *
 * <pre>{@code Tensor x = Tensor.full(Device.REFERENCE, DType.FLOAT64, 0.0, 2, 2);}</pre>
 */
public final class ReferenceBackend implements Backend {
    private final Device device;
    private final RefMemory memory = new RefMemory(this);
    private final RefElementwise elementwise = new RefElementwise(this);
    private final RefReduction reduction = new RefReduction(this);
    private final RefLinalg linalg = new RefLinalg(this);
    private final RefConv conv = new RefConv(this);
    private final RefPool pool = new RefPool(this);
    private final RefNorm norm = new RefNorm(this);
    private final RefSoftmax softmax = new RefSoftmax(this);
    private final RefIndex index = new RefIndex(this);
    private final RefLayout layout = new RefLayout(this);
    private final RefRandom random = new RefRandom(this);

    public ReferenceBackend(Device device) {
        this.device = device;
    }

    public Device device() {
        return device;
    }

    public String name() {
        return "reference";
    }

    public MemoryOps memory() {
        return memory;
    }

    public ElementwiseOps elementwise() {
        return elementwise;
    }

    public ReductionOps reduction() {
        return reduction;
    }

    public LinalgOps linalg() {
        return linalg;
    }

    public ConvOps conv() {
        return conv;
    }

    public PoolOps pool() {
        return pool;
    }

    public NormOps norm() {
        return norm;
    }

    public SoftmaxOps softmax() {
        return softmax;
    }

    public IndexOps index() {
        return index;
    }

    public LayoutOps layout() {
        return layout;
    }

    public RandomOps random() {
        return random;
    }
}
