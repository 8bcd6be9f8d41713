package sabre.kernels.cpu;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sabre.tensor.Conv2dParams;
import sabre.tensor.Device;
import sabre.tensor.Functional;
import sabre.tensor.Tensor;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * NaN and ±Inf in a convolution's input or output gradient, through every CPU path (the shift kernel, the batched
 * small-plane GEMM, im2col, pointwise), against the reference backend: a non-finite result must sit exactly where
 * the reference has one (NaN for NaN, the same infinity), every finite result within the summation error bound.
 * The values sit in the first and last columns too, which the shift kernel's padded grid pairs with dead positions.
 */
class NonFiniteConvTest {
    /** One path: its name, n, c, h, w, o, k and parameters. */
    record Case(String path, int n, int c, int h, int w, int o, int k, Conv2dParams p) {
        @Override
        public String toString() {
            return path + " x[" + n + "," + c + "," + h + "," + w + "] o=" + o + " k=" + k + " " + p;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("shift", 2, 3, 8, 8, 4, 3, Conv2dParams.of(1, 1)),
                new Case("winograd shapes (non-finite operands leave it)", 2, 64, 16, 16, 64, 3, Conv2dParams.of(1, 1)),
                new Case("shift, no padding", 2, 3, 7, 9, 5, 3, Conv2dParams.of(1, 0)),
                new Case("small plane", 3, 130, 5, 6, 128, 3, Conv2dParams.of(1, 1)),
                new Case("im2col, stride 2", 3, 4, 11, 10, 6, 3, Conv2dParams.of(2, 1)),
                new Case("im2col, grouped dilated", 2, 4, 12, 11, 6, 3, Conv2dParams.of(1, 2, 2, 2)),
                new Case("pointwise", 2, 8, 6, 7, 16, 1, Conv2dParams.of(1, 0)));
    }

    /** Standard-normal values with +Inf, −Inf and NaN at the first and last columns and inside. */
    private static Tensor poisoned(Device device, long seed, int... shape) {
        float[] v = Fixtures.randn(Device.REFERENCE, seed, shape).toFloatArray();
        int h = shape[2];
        int w = shape[3];
        int plane = h * w;
        v[w - 1] = Float.POSITIVE_INFINITY;                       // image 0, channel 0, row 0, last column
        v[plane * (shape[1] - 1) + (h / 2) * w] = Float.NEGATIVE_INFINITY; // last channel, middle row, first column
        v[v.length - 1 - plane / 2] = Float.NaN;                  // last image, inside
        return Tensor.of(v, shape).to(device);
    }

    private static void assertMatches(String what, Tensor expected, Tensor actual, Tensor bound, int depth) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        double[] b = bound.toDoubleArray();
        int nonFinite = 0;
        for (int i = 0; i < e.length; i++) {
            if (!Double.isFinite(e[i])) {
                nonFinite++;
                if (!(Double.isNaN(e[i]) ? Double.isNaN(a[i]) : e[i] == a[i])) {
                    fail(what + ": element " + i + " expected " + e[i] + " but was " + a[i]);
                }
            } else if (!(Math.abs(e[i] - a[i]) <= 1e-5 * (1 + Math.abs(e[i]))
                    || Math.abs(e[i] - a[i]) <= depth * 0x1p-24 * b[i])) {
                fail(what + ": element " + i + " expected " + e[i] + " but was " + a[i] + " (bound "
                        + depth * 0x1p-24 * b[i] + ")");
            }
        }
        assertTrue(nonFinite > 0 && nonFinite < e.length, what + ": the case must mix finite and non-finite results, "
                + "found " + nonFinite + " non-finite of " + e.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nonFiniteOperandsMatchTheReference(Case c) {
        Conv2dParams p = c.p();
        int[] xShape = {c.n(), c.c(), c.h(), c.w()};
        int[] wShape = {c.o(), c.c() / p.groups(), c.k(), c.k()};
        int[] yShape = Functional.conv2dOutputShape("conv2d", xShape, wShape, p);
        Tensor[] x = {Fixtures.randn(Fixtures.REF, 1, xShape), Fixtures.randn(Fixtures.CPU, 1, xShape)};
        Tensor[] w = {Fixtures.randn(Fixtures.REF, 2, wShape), Fixtures.randn(Fixtures.CPU, 2, wShape)};
        Tensor[] g = {Fixtures.randn(Fixtures.REF, 3, yShape), Fixtures.randn(Fixtures.CPU, 3, yShape)};
        Tensor[] xBad = {poisoned(Fixtures.REF, 4, xShape), poisoned(Fixtures.CPU, 4, xShape)};
        Tensor[] wBad = {poisoned(Fixtures.REF, 5, wShape), poisoned(Fixtures.CPU, 5, wShape)};
        Tensor[] gBad = {poisoned(Fixtures.REF, 6, yShape), poisoned(Fixtures.CPU, 6, yShape)};
        int forwardDepth = c.c() / p.groups() * c.k() * c.k();
        int inputDepth = c.o() / p.groups() * c.k() * c.k();
        int weightDepth = yShape[0] * yShape[2] * yShape[3];
        for (Tensor[][] xw : new Tensor[][][] {{xBad, w}, {x, wBad}}) {
            String what = c + (xw[0] == xBad ? " forward, non-finite input" : " forward, non-finite weights");
            assertMatches(what, Functional.conv2d(xw[0][0], xw[1][0], null, p),
                    Functional.conv2d(xw[0][1], xw[1][1], null, p),
                    Functional.conv2d(xw[0][0].abs(), xw[1][0].abs(), null, p), forwardDepth);
        }
        for (Tensor[][] gw : new Tensor[][][] {{gBad, w}, {g, wBad}}) {
            String what = c + (gw[0] == gBad ? " input grad, non-finite gradient" : " input grad, non-finite weights");
            assertMatches(what, Functional.conv2dInputGrad(gw[0][0], gw[1][0], xShape, p),
                    Functional.conv2dInputGrad(gw[0][1], gw[1][1], xShape, p),
                    Functional.conv2dInputGrad(gw[0][0].abs(), gw[1][0].abs(), xShape, p), inputDepth);
        }
        for (Tensor[][] gx : new Tensor[][][] {{g, xBad}, {gBad, x}}) {
            String what = c + (gx[1] == xBad ? " weight grad, non-finite input" : " weight grad, non-finite gradient");
            assertMatches(what, Functional.conv2dWeightGrad(gx[0][0], gx[1][0], wShape, p),
                    Functional.conv2dWeightGrad(gx[0][1], gx[1][1], wShape, p),
                    Functional.conv2dWeightGrad(gx[0][0].abs(), gx[1][0].abs(), wShape, p), weightDepth);
        }
    }
}
