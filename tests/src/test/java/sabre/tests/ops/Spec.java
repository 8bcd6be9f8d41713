package sabre.tests.ops;

import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

/**
 * Where and in which type a sample's inputs are built, with seeded input makers. The same seed gives the same
 * values on every device (Philox), so samples built for two devices can be compared element by element.
 */
public record Spec(DType dtype, Device device) {
    /** Standard-normal values. */
    public Tensor randn(long seed, int... shape) {
        return Tensor.normal(new Generator(seed), device, dtype, 0, 1, shape);
    }

    /** Values uniform on [lo, hi). */
    public Tensor uniform(long seed, double lo, double hi, int... shape) {
        return Tensor.uniform(new Generator(seed), device, dtype, lo, hi, shape);
    }

    /** Standard-normal values in a non-contiguous layout (the transpose of a contiguous tensor). */
    public Tensor strided(long seed, int... shape) {
        int n = shape.length;
        int[] swapped = shape.clone();
        swapped[n - 1] = shape[n - 2];
        swapped[n - 2] = shape[n - 1];
        return randn(seed, swapped).transpose(n - 2, n - 1);
    }

    /** INT32 values on this spec's device. */
    public Tensor ints(int[] data, int... shape) {
        return Tensor.ofInts(data, shape).to(device);
    }

    /** BOOL values on this spec's device. */
    public Tensor bools(boolean[] data, int... shape) {
        return Tensor.ofBools(data, shape).to(device);
    }
}
