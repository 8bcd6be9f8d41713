package sabre.tests;

import sabre.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compares a device's tensor with the reference backend's element by element, each element with its own tolerance
 * {@code rtol·|r_i| + atol·rms(r)}: relative to the element itself, with a floor of a small fraction of the tensor's
 * root-mean-square (an element that is the difference of large terms can lose its relative accuracy, never more than
 * the terms' size). Unlike a bound of {@code c·max|r|} per tensor, a small gradient entry cannot hide a wrong value
 * under the size of the largest one. NaN must match NaN.
 *
 * <pre>{@code ElementwiseClose.check("cpu grad conv1.weight", actual, expected, 1e-4, 1e-5);}</pre>
 */
final class ElementwiseClose {
    private ElementwiseClose() {
    }

    /** Fails naming the worst element when some element exceeds its tolerance; returns the worst error/tolerance. */
    static double check(String what, Tensor actual, Tensor expected, double rtol, double atol) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] a = actual.toDoubleArray();
        double[] r = expected.toDoubleArray();
        double squares = 0;
        for (double v : r) {
            squares += v * v;
        }
        double floor = atol * Math.sqrt(squares / Math.max(1, r.length));
        double worst = 0;
        int at = -1;
        for (int i = 0; i < r.length; i++) {
            if (Double.isNaN(r[i]) && Double.isNaN(a[i])) {
                continue;
            }
            double ratio = Math.abs(a[i] - r[i]) / (rtol * Math.abs(r[i]) + floor + Double.MIN_NORMAL);
            if (!(ratio <= worst)) {
                worst = ratio;
                at = i;
            }
        }
        if (!(worst <= 1)) {
            fail(what + ": element " + at + " is " + a[at] + ", the reference " + r[at] + " (tolerance " + rtol
                    + "·|r| + " + floor + ", exceeded " + worst + " times)");
        }
        return worst;
    }
}
