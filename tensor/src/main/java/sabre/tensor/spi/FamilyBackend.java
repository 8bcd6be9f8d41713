package sabre.tensor.spi;

import java.util.Objects;
import sabre.tensor.Device;

/**
 * A {@link Backend} whose family getters all read one {@link Families} value: a concrete backend supplies its
 * device and name to this constructor, builds its families in its own constructor (they usually take
 * {@code this}, which is why they are not passed up here), keeps them in a final field and returns them from
 * {@link #families()}. A subclass may override a getter to narrow its return type.
 *
 * <pre>{@code
 * public final class MyBackend extends FamilyBackend {
 *     private final Families families;
 *     public MyBackend(Device device) { super(device, "mine"); families = new Families(new MyMemory(this), ...); }
 *     protected Families families() { return families; }
 * }
 * }</pre>
 */
public abstract class FamilyBackend implements Backend {
    private final Device device;
    private final String name;

    /** @param device the device served; {@code name} the short human name returned by {@link #name()}. */
    protected FamilyBackend(Device device, String name) {
        this.device = Objects.requireNonNull(device, "device");
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * The families this backend serves, built by the subclass constructor. Kept abstract (rather than a field set
     * here) so the subclass holds them in a {@code final} field and may first initialise state its families need.
     */
    protected abstract Families families();

    @Override
    public final Device device() {
        return device;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public MemoryOps memory() {
        return families().memory();
    }

    @Override
    public ElementwiseOps elementwise() {
        return families().elementwise();
    }

    @Override
    public ReductionOps reduction() {
        return families().reduction();
    }

    @Override
    public LinalgOps linalg() {
        return families().linalg();
    }

    @Override
    public ConvOps conv() {
        return families().conv();
    }

    @Override
    public PoolOps pool() {
        return families().pool();
    }

    @Override
    public NormOps norm() {
        return families().norm();
    }

    @Override
    public SoftmaxOps softmax() {
        return families().softmax();
    }

    @Override
    public IndexOps index() {
        return families().index();
    }

    @Override
    public LayoutOps layout() {
        return families().layout();
    }

    @Override
    public RandomOps random() {
        return families().random();
    }
}
