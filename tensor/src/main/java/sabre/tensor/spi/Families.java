package sabre.tensor.spi;

import java.util.Objects;

/**
 * The eleven op-family instances of one {@link Backend}, held together so a backend stores one value instead of
 * eleven fields. Every component must be non-null. A {@link FamilyBackend} builds its {@code Families} in its own
 * constructor, since the families usually take the backend itself.
 *
 * <pre>{@code this.families = new Families(new RefMemory(this), new RefElementwise(this), ..., new RefRandom(this));}</pre>
 */
public record Families(
        MemoryOps memory,
        ElementwiseOps elementwise,
        ReductionOps reduction,
        LinalgOps linalg,
        ConvOps conv,
        PoolOps pool,
        NormOps norm,
        SoftmaxOps softmax,
        IndexOps index,
        LayoutOps layout,
        RandomOps random) {

    /** Rejects a missing family up front, naming it, rather than failing later on first use. */
    public Families {
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(elementwise, "elementwise");
        Objects.requireNonNull(reduction, "reduction");
        Objects.requireNonNull(linalg, "linalg");
        Objects.requireNonNull(conv, "conv");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(norm, "norm");
        Objects.requireNonNull(softmax, "softmax");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(random, "random");
    }
}
