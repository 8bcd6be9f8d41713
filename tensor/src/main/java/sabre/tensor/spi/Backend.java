package sabre.tensor.spi;

import sabre.tensor.Device;

/**
 * A compute backend for one device: the primitive op set, grouped into families. Each family is its own small
 * interface, so a faster backend can accelerate some families and reuse the reference implementation for others.
 *
 * <pre>{@code Backend b = Backends.get(Device.REFERENCE); Tensor y = b.elementwise().unary(UnaryOp.EXP, x);}</pre>
 */
public interface Backend {
    /** The device this backend instance serves. */
    Device device();

    /** Short human name, e.g. {@code "reference"}. */
    String name();

    MemoryOps memory();

    ElementwiseOps elementwise();

    ReductionOps reduction();

    LinalgOps linalg();

    ConvOps conv();

    PoolOps pool();

    NormOps norm();

    SoftmaxOps softmax();

    IndexOps index();

    LayoutOps layout();

    RandomOps random();
}
