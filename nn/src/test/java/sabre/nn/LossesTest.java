package sabre.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static sabre.nn.TensorAssert.assertClose;
import static sabre.nn.TensorAssert.assertPasses;
import static sabre.nn.TensorAssert.assertRejects;

import org.junit.jupiter.api.Test;

import sabre.autograd.Autograd;
import sabre.autograd.F;
import sabre.autograd.GradCheck;
import sabre.autograd.Var;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

/** Losses against values computed by hand from their formulas, their reductions, and their gradients. */
class LossesTest {
    private static final double[][] Z = {{1, 2, 3}, {1, -1, 0.5}};
    private static final Tensor LOGITS = Tensor.of(new double[] {1, 2, 3, 1, -1, 0.5}, 2, 3);
    private static final Tensor LABELS = Tensor.ofInts(new int[] {2, 0}, 2);

    private static double logSumExp(double[] z) {
        double s = 0;
        for (double v : z) {
            s += Math.exp(v);
        }
        return Math.log(s);
    }

    private static Var c(Tensor t) {
        return Var.of(t);
    }

    @Test
    void crossEntropyIsLogSumExpMinusTheTargetLogit() {
        double l0 = logSumExp(Z[0]) - 3;
        double l1 = logSumExp(Z[1]) - 1;
        assertClose(Tensor.of(new double[] {l0, l1}, 2),
                Losses.crossEntropy(c(LOGITS), LABELS, 0, F.Reduction.NONE).value(), 1e-14);
        assertEquals((l0 + l1) / 2, Losses.crossEntropy(c(LOGITS), LABELS, 0, F.Reduction.MEAN).value().item(), 1e-14);
        assertEquals(l0 + l1, Losses.crossEntropy(c(LOGITS), LABELS, 0, F.Reduction.SUM).value().item(), 1e-14);
    }

    @Test
    void crossEntropyWithLabelSmoothingMixesInTheUniformTarget() {
        double eps = 0.1;
        double[] expected = new double[2];
        int[] y = {2, 0};
        for (int n = 0; n < 2; n++) {
            double lse = logSumExp(Z[n]);
            double uniform = 0;
            for (double v : Z[n]) {
                uniform += (lse - v) / 3;
            }
            expected[n] = (1 - eps) * (lse - Z[n][y[n]]) + eps * uniform; // −Σ_j q_j log p_j
        }
        assertClose(Tensor.of(expected, 2), Losses.crossEntropy(c(LOGITS), LABELS, eps, F.Reduction.NONE).value(),
                1e-14);
    }

    @Test
    void nllPicksTheNegatedTargetEntry() {
        Tensor logp = Tensor.of(new double[] {-0.1, -2.5, -3, -1.2, -0.4, -2}, 2, 3);
        Tensor y = Tensor.ofInts(new int[] {1, 0}, 2);
        assertClose(Tensor.of(new double[] {2.5, 1.2}, 2), Losses.nll(c(logp), y, F.Reduction.NONE).value(), 0);
        assertEquals(1.85, Losses.nll(c(logp), y, F.Reduction.MEAN).value().item(), 1e-15);
        assertEquals(3.7, Losses.nll(c(logp), y, F.Reduction.SUM).value().item(), 1e-15);
    }

    @Test
    void nllOfLogSoftmaxEqualsCrossEntropyAndSoDoTheirGradients() {
        Tensor z = Tensor.randn(new Generator(3), DType.FLOAT64, 5, 4);
        Tensor y = Tensor.ofInts(new int[] {0, 3, 1, 1, 2}, 5);
        Var a = Var.param(z);
        Var b = Var.param(z);
        Var nll = Losses.nll(a.logSoftmax(1), y, F.Reduction.MEAN);
        Var ce = Losses.crossEntropy(b, y, 0, F.Reduction.MEAN);
        assertEquals(ce.value().item(), nll.value().item(), 1e-14);
        assertClose(Autograd.grad(ce, b)[0], Autograd.grad(nll, a)[0], 1e-14);
    }

    @Test
    void mseIsTheSquaredDifference() {
        Var a = c(Tensor.of(new double[] {1, 2, 3, -1}, 2, 2));
        Var b = c(Tensor.of(new double[] {0, 4, 3, 1}, 2, 2));
        assertClose(Tensor.of(new double[] {1, 4, 0, 4}, 2, 2), Losses.mse(a, b, F.Reduction.NONE).value(), 0);
        assertEquals(2.25, Losses.mse(a, b, F.Reduction.MEAN).value().item(), 0);
        assertEquals(9, Losses.mse(a, b, F.Reduction.SUM).value().item(), 0);
    }

    @Test
    void mseGradientIsTwiceTheDifference() {
        Var a = Var.param(Tensor.of(new double[] {1, 2, 3}, 3));
        Var b = Var.param(Tensor.of(new double[] {0, 4, 3}, 3));
        Tensor[] g = Autograd.grad(Losses.mse(a, b, F.Reduction.SUM), a, b);
        assertArrayEquals(new double[] {2, -4, 0}, g[0].toDoubleArray(), 0);
        assertArrayEquals(new double[] {-2, 4, 0}, g[1].toDoubleArray(), 0);
    }

    /** Rows: Z = [[3, 1, 2], [0, 5, 1], [2, 2.5, -1]]. */
    private static final Tensor CW = Tensor.of(new double[] {3, 1, 2, 0, 5, 1, 2, 2.5, -1}, 3, 3);

    @Test
    void cwMarginUntargetedByHand() {
        // y = [0, 2, 1]: Z_y − max_{j≠y} Z_j = 3 − 2 = 1, 1 − 5 = −4, 2.5 − 2 = 0.5
        Tensor y = Tensor.ofInts(new int[] {0, 2, 1}, 3);
        assertClose(Tensor.of(new double[] {1, -4, 0.5}, 3),
                Losses.cwMargin(c(CW), y, 10, false, F.Reduction.NONE).value(), 0);
        assertClose(Tensor.of(new double[] {1, -2, 0.5}, 3),
                Losses.cwMargin(c(CW), y, 2, false, F.Reduction.NONE).value(), 0);
        assertClose(Tensor.of(new double[] {1, 0, 0.5}, 3),
                Losses.cwMargin(c(CW), y, 0, false, F.Reduction.NONE).value(), 0);
        assertEquals(-0.5 / 3, Losses.cwMargin(c(CW), y, 2, false, F.Reduction.MEAN).value().item(), 1e-15);
        assertEquals(-0.5, Losses.cwMargin(c(CW), y, 2, false, F.Reduction.SUM).value().item(), 0);
    }

    @Test
    void cwMarginTargetedByHand() {
        // t = [1, 1, 2]: max_{j≠t} Z_j − Z_t = 3 − 1 = 2, 1 − 5 = −4, 2.5 − (−1) = 3.5
        Tensor t = Tensor.ofInts(new int[] {1, 1, 2}, 3);
        assertClose(Tensor.of(new double[] {2, -4, 3.5}, 3),
                Losses.cwMargin(c(CW), t, 10, true, F.Reduction.NONE).value(), 0);
        assertClose(Tensor.of(new double[] {2, -1, 3.5}, 3),
                Losses.cwMargin(c(CW), t, 1, true, F.Reduction.NONE).value(), 0);
    }

    @Test
    void cwMarginGradientByHand() {
        // untargeted, κ = 2: row 0 active (+1 at y = 0, −1 at the runner-up 2), row 1 clamped (0), row 2 active
        Var z = Var.param(CW);
        Tensor y = Tensor.ofInts(new int[] {0, 2, 1}, 3);
        Tensor g = Autograd.grad(Losses.cwMargin(z, y, 2, false, F.Reduction.SUM), z)[0];
        assertArrayEquals(new double[] {1, 0, -1, 0, 0, 0, -1, 1, 0}, g.toDoubleArray(), 0);
        // targeted, κ = 10: the signs flip
        Tensor t = Tensor.ofInts(new int[] {1, 1, 2}, 3);
        Tensor gt = Autograd.grad(Losses.cwMargin(z, t, 10, true, F.Reduction.MEAN), z)[0];
        double third = 1 / 3.0;
        assertArrayEquals(new double[] {third, -third, 0, 0, -third, third, 0, third, -third}, gt.toDoubleArray(),
                1e-16);
    }

    @Test
    void cwMarginGradientMatchesFiniteDifferences() {
        // random logits (no ties, no margin within 2h of −κ for this seed), both variants
        Tensor z = Tensor.randn(new Generator(8), DType.FLOAT64, 6, 5).mul(2);
        Tensor y = Tensor.ofInts(new int[] {0, 4, 2, 2, 1, 3}, 6);
        for (boolean targeted : new boolean[] {false, true}) {
            GradCheck.Result r = GradCheck.elementwise(
                    in -> Losses.cwMargin(in[0], y, 0.5, targeted, F.Reduction.MEAN), new Tensor[] {z}, 1e-6, 3);
            assertPasses(r, 30, 1e-9, 1e-6);
        }
    }

    @Test
    void badInputNamesTheLossAndTheShapes() {
        Var z = c(CW);
        assertRejects("mse: shapes differ: [3, 3] vs [3]", () -> Losses.mse(z, c(Tensor.zeros(DType.FLOAT64, 3)),
                F.Reduction.MEAN));
        assertRejects("nll: targets [2] do not match scores [3, 3]",
                () -> Losses.nll(z, Tensor.ofInts(new int[] {0, 1}, 2), F.Reduction.MEAN));
        assertRejects("nll: expected INT32", () -> Losses.nll(z, Tensor.zeros(DType.FLOAT32, 3), F.Reduction.MEAN));
        assertRejects("cw_margin: expected scores [N, C] of rank 2",
                () -> Losses.cwMargin(c(Tensor.zeros(DType.FLOAT64, 3)), LABELS, 0, false, F.Reduction.SUM));
        assertRejects("cw_margin: need at least 2 classes", () -> Losses.cwMargin(c(Tensor.zeros(DType.FLOAT64, 2, 1)),
                LABELS, 0, false, F.Reduction.SUM));
        assertRejects("cw_margin: kappa", () -> Losses.cwMargin(z, Tensor.ofInts(new int[] {0, 1, 2}, 3), -1, false,
                F.Reduction.SUM));
        assertRejects("cross_entropy:", () -> Losses.crossEntropy(z, LABELS, 0, F.Reduction.MEAN));
    }
}
