package sabre.tensor.ref;

import sabre.tensor.Device;
import sabre.tensor.spi.Families;
import sabre.tensor.spi.FamilyBackend;

/**
 * The reference backend: plain loops in double precision over Java arrays, FLOAT32 and FLOAT64. It is the
 * executable specification every faster backend is tested against; it serves {@code reference:*} always and
 * {@code cpu:*} when no faster CPU backend is installed.
 *
 * <pre>{@code Tensor x = Tensor.full(Device.REFERENCE, DType.FLOAT64, 0.0, 2, 2);}</pre>
 */
public final class ReferenceBackend extends FamilyBackend {
    private final Families families;

    public ReferenceBackend(Device device) {
        super(device, "reference");
        this.families = new Families(new RefMemory(this), new RefElementwise(this), new RefReduction(this),
                new RefLinalg(this), new RefConv(this), new RefPool(this), new RefNorm(this), new RefSoftmax(this),
                new RefIndex(this), new RefLayout(this), new RefRandom(this));
    }

    @Override
    protected Families families() {
        return families;
    }
}
