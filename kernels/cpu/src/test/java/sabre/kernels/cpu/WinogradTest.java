package sabre.kernels.cpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sabre.tensor.Conv2dParams;
import sabre.tensor.DType;
import sabre.tensor.Functional;
import sabre.tensor.Tensor;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Winograd F(2×2, 3×3) kernels against the float64 reference: forward (with bias), ∂x and ∂w on fixed and
 * seeded random shapes with odd planes (partial tiles), odd channel counts and batch 1. The error is measured
 * normwise, {@code max|Winograd − reference| / max|reference|}: at most 5.2e-7 over these shapes (2.3e-8–5.2e-7;
 * F(2×2, 3×3)'s transforms add up to nine terms, so it is a few times a direct sum's error); the test allows
 * {@link #TOL}.
 */
class WinogradTest {
    /** Allowed normwise error: about four times the largest measured. */
    private static final double TOL = 2e-6;
    private static final Conv2dParams PAD1 = Conv2dParams.of(1, 1);

    record Case(int n, int c, int h, int w, int o) {
    }

    static Stream<Case> cases() {
        Stream<Case> fixed = Stream.of(new Case(2, 3, 8, 8, 4), new Case(1, 5, 7, 9, 3), new Case(3, 17, 11, 6, 9),
                new Case(1, 64, 32, 32, 64), new Case(5, 33, 5, 3, 41), new Case(2, 16, 1, 1, 8),
                new Case(4, 64, 8, 8, 64), new Case(2, 32, 17, 16, 32), new Case(1, 130, 9, 10, 70),
                new Case(2, 7, 2, 37, 5));
        SplittableRandom r = new SplittableRandom(15);
        Stream<Case> random = Stream.generate(() -> new Case(r.nextInt(1, 4), r.nextInt(1, 41), r.nextInt(1, 14),
                r.nextInt(1, 14), r.nextInt(1, 41))).limit(12);
        return Stream.concat(fixed, random);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheFloat64Reference(Case k) {
        Tensor x = Fixtures.randn(Fixtures.REF, 1, k.n(), k.c(), k.h(), k.w());
        Tensor wt = Fixtures.randn(Fixtures.REF, 2, k.o(), k.c(), 3, 3);
        Tensor b = Fixtures.randn(Fixtures.REF, 3, k.o());
        Tensor g = Fixtures.randn(Fixtures.REF, 4, k.n(), k.o(), k.h(), k.w());
        Tensor xd = x.to(DType.FLOAT64);
        Tensor wd = wt.to(DType.FLOAT64);
        Tensor gd = g.to(DType.FLOAT64);
        assertNormwise(k + " forward", Functional.conv2d(xd, wd, b.to(DType.FLOAT64), PAD1),
                Winograd.forward(x.toFloatArray(), wt.toFloatArray(), b.toFloatArray(), k.n(), k.c(), k.h(), k.w(),
                        k.o()));
        assertNormwise(k + " input grad", Functional.conv2dInputGrad(gd, wd, x.shape(), PAD1),
                Winograd.inputGrad(g.toFloatArray(), wt.toFloatArray(), k.n(), k.c(), k.h(), k.w(), k.o()));
        assertNormwise(k + " weight grad", Functional.conv2dWeightGrad(gd, xd, wt.shape(), PAD1),
                Winograd.weightGrad(g.toFloatArray(), x.toFloatArray(), k.n(), k.c(), k.h(), k.w(), k.o()));
    }

    /** The CPU backend routes the chosen shapes here: its results are the kernels' bits. */
    @Test
    void theBackendTakesThisPathForChosenShapes() {
        for (int[] s : new int[][] {{2, 64, 16, 16, 64}, {3, 128, 8, 9, 130}, {5, 64, 8, 8, 64}}) {
            Tensor x = Fixtures.randn(Fixtures.CPU, 5, s[0], s[1], s[2], s[3]);
            Tensor wt = Fixtures.randn(Fixtures.CPU, 6, s[4], s[1], 3, 3);
            Tensor g = Fixtures.randn(Fixtures.CPU, 7, s[0], s[4], s[2], s[3]);
            CpuConv.Geometry d = CpuConv.Geometry.of(x.shape(), wt.shape(), PAD1);
            assertTrue(Winograd.applies(d), "chosen shape " + d);
            Fixtures.assertSameBits("forward", Tensor.of(Winograd.forward(x.toFloatArray(), wt.toFloatArray(), null,
                    s[0], s[1], s[2], s[3], s[4]), s[0], s[4], s[2], s[3]), Functional.conv2d(x, wt, null, PAD1));
            Fixtures.assertSameBits("input grad", Tensor.of(Winograd.inputGrad(g.toFloatArray(), wt.toFloatArray(),
                    s[0], s[1], s[2], s[3], s[4]), x.shape()), Functional.conv2dInputGrad(g, wt, x.shape(), PAD1));
            Fixtures.assertSameBits("weight grad", Tensor.of(Winograd.weightGrad(g.toFloatArray(), x.toFloatArray(),
                    s[0], s[1], s[2], s[3], s[4]), wt.shape()), Functional.conv2dWeightGrad(g, x, wt.shape(), PAD1));
        }
    }

    @Test
    void otherShapesDoNot() {
        for (int[] s : new int[][] {{16, 16, 32}, {32, 32, 16}, {64, 64, 7}, {63, 64, 32}, {512, 512, 4}}) {
            CpuConv.Geometry d = CpuConv.Geometry.of(new int[] {2, s[0], s[2], s[2]}, new int[] {s[1], s[0], 3, 3},
                    PAD1);
            assertTrue(!Winograd.applies(d), "not chosen: " + d);
        }
        CpuConv.Geometry stride2 = CpuConv.Geometry.of(new int[] {2, 64, 32, 32}, new int[] {64, 64, 3, 3},
                Conv2dParams.of(2, 1));
        assertTrue(!Winograd.applies(stride2), "stride 2 is not F(2×2, 3×3)'s");
    }

    private static void assertNormwise(String what, Tensor expected, float[] actual) {
        double[] e = expected.toDoubleArray();
        if (e.length != actual.length) {
            fail(what + ": " + actual.length + " values, expected " + e.length);
        }
        double err = 0;
        double scale = 0;
        int worst = 0;
        for (int i = 0; i < e.length; i++) {
            double d = Math.abs(e[i] - actual[i]);
            if (!(d <= err)) { // NaN counts as the worst
                err = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
                worst = i;
            }
            scale = Math.max(scale, Math.abs(e[i]));
        }
        if (!(err <= TOL * scale)) {
            fail(String.format("%s: max error %.3g at element %d (expected %s, was %s) exceeds %.1g × max|y| = %.3g",
                    what, err, worst, e[worst], actual[worst], TOL, TOL * scale));
        }
    }
}
