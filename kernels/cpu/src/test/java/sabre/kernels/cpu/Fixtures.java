package sabre.kernels.cpu;

import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Inputs built identically on the CPU and the reference backend, and comparisons between the two. */
final class Fixtures {
    static final Device CPU = Device.CPU;
    static final Device REF = Device.REFERENCE;

    private Fixtures() {
    }

    /** Standard-normal FLOAT32 values on {@code device} (the same bits on every device for the same seed). */
    static Tensor randn(Device device, long seed, int... shape) {
        return Tensor.normal(new Generator(seed), device, DType.FLOAT32, 0, 1, shape);
    }

    static Tensor randn(Device device, DType dtype, long seed, int... shape) {
        return Tensor.normal(new Generator(seed), device, dtype, 0, 1, shape);
    }

    /** |actual − expected| ≤ tol·(1 + |expected|) element by element (NaN must match NaN); shapes equal. */
    static void assertClose(String what, Tensor expected, Tensor actual, double tol) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            boolean ok = Double.isNaN(e[i]) ? Double.isNaN(a[i])
                    : e[i] == a[i] || Math.abs(e[i] - a[i]) <= tol * (1 + Math.abs(e[i]));
            if (!ok) {
                fail(what + ": element " + i + " expected " + e[i] + " but was " + a[i] + " (tolerance " + tol + ")");
            }
        }
    }

    /**
     * For float sums of {@code depth} terms: |actual − expected| ≤ tol·(1 + |expected|) or ≤ depth·2^-24·bound, where
     * {@code bound} holds Σ|terms| per element (the classical worst-case error bound of recursive summation).
     */
    static void assertWithinSumBound(String what, Tensor expected, Tensor actual, Tensor bound, int depth) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        double[] b = bound.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs(e[i] - a[i]);
            if (!(err <= 1e-5 * (1 + Math.abs(e[i])) || err <= depth * 0x1p-24 * b[i])) {
                fail(what + ": element " + i + " expected " + e[i] + " but was " + a[i] + " (bound "
                        + depth * 0x1p-24 * b[i] + ")");
            }
        }
    }

    /** Bitwise equality of two FLOAT32 tensors (NaNs compared by bits too). */
    static void assertSameBits(String what, Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(a[i])) {
                fail(what + ": element " + i + " differs: " + e[i] + " vs " + a[i]);
            }
        }
    }

    /** Runs {@code body} with {@code threads} kernel threads, restoring the previous count. */
    static <T> T withThreads(int threads, java.util.function.Supplier<T> body) {
        int before = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            return body.get();
        } finally {
            Parallel.setThreads(before);
        }
    }
}
